/**
 * People's own text is never parsed as markdown (issue 22, point 3): an answer that looks like
 * markdown ("1. Ring_til_Ole *nu*") reaches `opsummering` and `på tværs` as a `TextRun` exactly as
 * typed — no `1\.`, no `\_` anywhere in the cards, never inside a markdown `TextBlock`. A refusal
 * that names a group or a coordinator is a plain-text message with the names exactly as typed, and
 * so are the notice of an answer typed in for a member and the `slet gruppe` confirmation.
 */
import { randomUUID } from 'node:crypto';
import type { Group, Meeting } from '../../src/domain/types';
import { groupKeyOf } from '../../src/store/keys';
import { groupChat, invoke, mention, user, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { formedGroup, runningMeeting } from '../support/scenarios';
import { meetingOne } from '../support/seed';

type Json = Record<string, unknown>;

const ANSWER = '1. Ring_til_Ole *nu*';
const AGREEMENTS = '2. Mød op_kl. 8 [i kælderen]';
const GROUP = 'Gruppe_Nord *1*';
const TENANT = randomUUID();
const karen = user('Karen Holm');
let bot: TestBot;
let chats: TestChat[];

/** A group coordinated by Karen, meeting 1 closed with `answer` among its answers and chosen as its top item. */
async function seedGroup(name: string, answer: string, more: Partial<Group> = {}): Promise<TestChat> {
  const chat = groupChat(bot.connector.serviceUrl, TENANT);
  const key = groupKeyOf(chat.tenantId, chat.conversationId);
  const member = {
    userId: randomUUID(),
    name: 'Ole_Bent *Hansen*',
    roleCategory: 'imellem' as const,
    roleTitle: 'Medarbejder',
    joinedAt: '2026-11-01T09:00:00.000Z',
  };
  const group: Group = {
    key,
    tenantId: chat.tenantId,
    name,
    association: 'Boligforeningen_Kilden',
    area: 'Afdeling 1',
    phase: 'undervejs',
    language: 'da',
    revealMode: 'named',
    coordinators: [{ userId: karen.id, name: karen.name }],
    members: [member],
    conversation: { conversation: { id: chat.conversationId } },
    createdAt: '2026-11-01T09:00:00.000Z',
    ...more,
  };
  const meeting: Meeting = {
    ...meetingOne('closed'),
    conclusion: {
      top: [{ id: 'i1', text: answer, votes: 1, field: 1 }],
      agreements: AGREEMENTS,
      closedAt: '2026-11-20T14:00:00.000Z',
    },
  };
  const store = bot.running.store;
  await store.createGroup(group);
  await store.indexCoordinator(chat.tenantId, karen.id, key, name);
  await store.saveMeeting(key, meeting, undefined);
  await store.putPersonRow(key, 'answers', {
    meeting: 1,
    userId: member.userId,
    name: member.name,
    fields: [answer, 'Lyt før du taler.', 'Spørg beboerne.'],
    ids: ['i1', 'i2', 'i3'],
    updatedAt: '2026-11-20T12:30:00.000Z',
  });
  await store.putPersonRow(key, 'votes', {
    meeting: 1,
    userId: member.userId,
    name: member.name,
    choices: ['i1'],
  });
  return chat;
}

/** The card the bot posted last. */
const lastCard = (): Json => attachedCard(bot.connector.posts().at(-1)!.activity as Json);

/** Every element of `type` anywhere in a card. */
function elements(card: unknown, type: string): Json[] {
  const found: Json[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Json;
      if (o.type === type) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The card shows each of `texts` as typed, in a TextRun; no backslash anywhere; none in a markdown TextBlock. */
function expectLiteral(card: Json, texts: string[]): void {
  const runs = elements(card, 'TextRun').map((r) => String(r.text));
  for (const text of texts) expect(runs.some((r) => r.includes(text))).toBe(true);
  const json = JSON.stringify(card);
  expect(json).not.toContain('\\\\');
  expect(json).not.toContain('1\\\\.');
  const blocks = elements(card, 'TextBlock').map((b) => String(b.text));
  expect(blocks.filter((b) => /Ring|Ole|Nord|Kilden|kælderen/.test(b))).toEqual([]);
  expect(elements(card, 'FactSet').flatMap((f) => JSON.stringify(f.facts ?? []))).not.toContain('Ring');
}

function personal(text: string): Json {
  const activity = mention({ ...chats[0], conversationId: `a:${randomUUID()}` }, karen, text);
  Object.assign(activity.conversation as Json, { conversationType: 'personal', isGroup: false });
  return activity;
}

beforeAll(async () => {
  bot = await startTestBot();
  chats = [await seedGroup(GROUP, ANSWER), await seedGroup('Gruppe Syd', 'Hils på alle i opgangen.')];
});
afterAll(() => bot.stop());

describe("people's text that looks like markdown", () => {
  it("is shown as typed in a meeting's summary: the answer, its author, the group's name, the agreements", async () => {
    await bot.send(mention(chats[0], karen, 'opsummering 1'));
    const card = lastCard();
    expect(cardText(card)).toContain('Opsummering af møde 1');
    expectLiteral(card, [`• ${ANSWER} – Ole_Bent *Hansen*`, `1. ${ANSWER} (valgt af 1)`, GROUP, AGREEMENTS]);
  });

  it("is shown as typed in the whole programme's summary", async () => {
    await bot.send(mention(chats[0], karen, 'opsummering'));
    const card = lastCard();
    expect(cardText(card)).toContain(`Opsummering af ${GROUP}`);
    expectLiteral(card, [`1. ${ANSWER}`, AGREEMENTS, GROUP, 'Boligforeningen_Kilden']);
  });

  it('is shown as typed across the groups: the answer and the name of its group', async () => {
    await bot.send(personal('på tværs 1'));
    const card = lastCard();
    expect(cardText(card)).toContain('På tværs af grupperne: møde 1');
    expectLiteral(card, [ANSWER, GROUP]);
    const unique = elements(card, 'RichTextBlock').find((b) => JSON.stringify(b).includes(ANSWER))!;
    // The group's name is set apart in italics by the run, not by markdown stars.
    expect(unique.inlines).toEqual([
      { type: 'TextRun', text: `${ANSWER} – ` },
      { type: 'TextRun', text: GROUP, italic: true },
    ]);
  });
});

describe('a refusal that names people or a group', () => {
  const lastMessage = (chat: TestChat): Json =>
    bot.connector
      .posts()
      .filter((c) => c.conversationId === chat.conversationId)
      .at(-1)!.activity as Json;

  it('is a plain-text message with the group\'s name as typed: "Gruppen Blå_Gård *2* er allerede slettet"', async () => {
    const chat = await seedGroup('Blå_Gård *2*', 'Et råd.', { deletedAt: '2026-11-30T10:00:00.000Z' });
    await bot.send(mention(chat, karen, 'status'));
    const message = lastMessage(chat);
    expect(message.text).toBe('Gruppen Blå_Gård *2* er allerede slettet.');
    expect(message.textFormat).toBe('plain');
    expect(message.attachments ?? []).toEqual([]);
  });

  it("names the coordinator as typed, in a typed command's answer and in a click's answer", async () => {
    const coordinator = user('Karen_Holm *2*');
    const chat = await seedGroup('Gruppe Vest', 'Et råd.', {
      coordinators: [{ userId: coordinator.id, name: coordinator.name }],
    });
    const jens = user('Jens Madsen');
    await bot.send(mention(chat, jens, 'start 1'));
    const message = lastMessage(chat);
    expect(message.text).toBe('Det er kun gruppens koordinator (Karen_Holm *2*), der kan gøre det.');
    expect(message.textFormat).toBe('plain');
    const click = await bot.send(invoke(chat, jens, 'startMeeting', { meeting: 1 }));
    expect(click.body?.value).toBe('Det er kun gruppens koordinator (Karen_Holm *2*), der kan gøre det.');
  });
});

describe("a card that names a member or the group in the bot's own sentence", () => {
  const NAME = 'Blå_Gård *2*';

  it("the notice of an answer typed in for a member shows the member's name as typed", async () => {
    const s = await runningMeeting(bot);
    const ole = user(NAME);
    await bot.send(invoke(s.chat, ole, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }));
    const form = (await bot.send(invoke(s.chat, s.coordinator, 'openBehalfForm', { meeting: 1 }))).body
      ?.value;
    const choices = (elements(form, 'Input.ChoiceSet')[0].choices ?? []) as {
      title: string;
      value: string;
    }[];
    const member = choices.find((c) => c.title === NAME)!.value;
    const submit = { meeting: 1, member, a1: 'Et råd fra Ole.' };
    const saved = (await bot.send(invoke(s.chat, s.coordinator, 'submitBehalfAnswer', submit))).body
      ?.value as Json;
    expectNamed(saved, `Tak! Svaret fra ${NAME} er gemt.`);
  });

  it("`slet gruppe` asks and confirms with the group's name as typed", async () => {
    const s = await formedGroup(bot, { members: 1, settings: { name: NAME } });
    await bot.send(mention(s.chat, s.coordinator, 'slet gruppe'));
    const ask = lastCard();
    expectNamed(ask, `Slet gruppen ${NAME}?`);
    const { token } = (ask.actions as { data: { token: string } }[])[0].data;
    const done = await bot.send(invoke(s.chat, s.coordinator, 'confirmDeleteGroup', { token }));
    expectNamed(done.body?.value as Json, `Gruppen ${NAME} er slettet.`);
  });

  /** `line` is read as typed from the card's runs; no backslash, and the name in no markdown TextBlock. */
  function expectNamed(card: Json, line: string): void {
    expect(cardText(card)).toContain(line);
    const runs = elements(card, 'RichTextBlock').map((b) =>
      (b.inlines as Json[]).map((r) => r.text).join(''),
    );
    expect(runs.some((r) => r.includes(line))).toBe(true);
    expect(JSON.stringify(card)).not.toContain('\\\\');
    expect(elements(card, 'TextBlock').filter((b) => String(b.text).includes('Gård'))).toEqual([]);
  }
});
