/**
 * Every card fits, always: six members writing the most the bot accepts (4-byte emoji in every
 * field) take a programme from reveal to the common project against a connector that answers 413
 * above 28 KB, as Teams does; a 413 at reveal leaves the meeting where the coordinator can post
 * the answers again; `mine data` for someone in 100 groups comes in pages.
 */
import { randomUUID } from 'node:crypto';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/cards/fit';
import { MAX_ANSWER_LENGTH } from '../../src/domain/answer-input';
import { fieldCount, type MeetingNumber } from '../../src/domain/themes';
import { MAX_NAME_LENGTH } from '../../src/domain/group-input';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_FIRST_STEP_LENGTH,
  MAX_TITLE_LENGTH,
} from '../../src/domain/project-input';
import { MAX_AGREEMENTS_LENGTH } from '../../src/domain/meeting';
import { groupKeyOf } from '../../src/store/keys';
import { groupChat, invoke, mention, user, type TestChat, type TestUser } from '../support/activities';
import { flow } from '../support/scenarios';
import { startTestBot, TEST_NOW, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText, findInput } from '../support/cards';
import { TEAMS_MAX_ACTIVITY_BYTES } from '../support/fake-connector';
import { maxSnapshot, maxText } from '../support/max-inputs';
import { sampleSettings } from '../support/sample-group';
import { seedSnapshot } from '../support/seed';

jest.setTimeout(240_000);

type Card = Record<string, unknown>;
const CARD = 'application/vnd.microsoft.card.adaptive';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** Every card returned to a click, as Teams receives it. */
const replies: Card[] = [];

async function click(chat: TestChat, who: TestUser, verb: string, data: Card = {}): Promise<unknown> {
  const res = await bot.send(invoke(chat, who, verb, data));
  expect(res.status).toBe(200);
  if (res.body?.type === CARD) replies.push(res.body.value as Card);
  return res.body?.value;
}

const cardsOf = (calls: { activity: Card }[]): Card[] =>
  calls.filter((c) => Array.isArray(c.activity.attachments)).map((c) => attachedCard(c.activity));

describe('six members at maximum length, reveal to conclusion, against a connector that answers 413 above 28 KB', () => {
  const chat = groupChat('');
  const coordinator = user(maxText(MAX_NAME_LENGTH, 'K'));
  const members = Array.from({ length: 6 }, (_, i) => user(maxText(MAX_NAME_LENGTH, `M${i}`)));
  const answer = (n: number, i: number, f: number): string => maxText(MAX_ANSWER_LENGTH, `A${n}.${i}.${f}.`);
  const key = (): string => groupKeyOf(chat.tenantId, chat.conversationId);
  const step = flow();

  beforeAll(async () => {
    chat.serviceUrl = bot.connector.serviceUrl;
    const long = maxText(MAX_NAME_LENGTH);
    await click(chat, coordinator, 'setupGroup', {
      ...sampleSettings,
      name: long,
      association: long,
      area: long,
    });
    for (const m of members)
      await click(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: maxText(MAX_NAME_LENGTH) });
  });

  async function startAndAnswer(n: number): Promise<void> {
    await click(chat, coordinator, 'startMeeting', { meeting: n });
    for (const [i, m] of members.entries()) {
      const fields = Object.fromEntries(
        Array.from({ length: fieldCount(n as MeetingNumber) }, (_, f) => [`a${f + 1}`, answer(n, i, f)]),
      );
      await click(chat, m, 'submitAnswer', { meeting: n, ...fields });
    }
  }

  async function voteAndClose(n: number): Promise<void> {
    await click(chat, coordinator, 'startVoting', { meeting: n });
    const voting = (await click(chat, members[0], 'openVoting', { meeting: n })) as Card;
    const choices = (findInput(voting, 'choices')?.choices as { title: string; value: string }[]) ?? [];
    // Meeting 1: three råd each; meeting 2: only what we want more of; meetings 3–4: both questions.
    expect(choices).toHaveLength(6 * (n === 1 ? 3 : n === 2 ? 1 : 2));
    if (n === 2) {
      // Six answers to one question fit whole.
      expect(choices.some((c) => c.title.includes('…'))).toBe(false);
    } else {
      expect(choices.every((c) => c.title.includes('…'))).toBe(true);
      expect(cardText(voting)).toContain('hele teksten står på kortet med alle svar');
    }
    for (const [i, m] of members.entries()) {
      const picked = [0, 1, 2].map((k) => choices[(i + k) % choices.length].value);
      await click(chat, m, 'vote', { meeting: n, choices: picked.join(',') });
    }
    const agreements = maxText(MAX_AGREEMENTS_LENGTH, `Aftale ${n}.`);
    await click(chat, coordinator, 'endVoting', { meeting: n });
    await click(chat, coordinator, 'closeMeeting', { meeting: n, agreements });
    const meeting = (await bot.running.store.loadMeeting(key(), n))!.value;
    expect(meeting.status).toBe('closed');
    expect(meeting.conclusionCardId).toBeDefined();
    expect(meeting.unposted).toBeUndefined();
  }

  step(
    'a 413 at reveal (after the turn) leaves the meeting where the coordinator can post the answers again, and everyone sees them',
    async () => {
      await startAndAnswer(1);
      const posts = bot.connector.posts().length;
      bot.connector.failNext(413);
      // The click is answered at once (the cards are on their way); Teams refuses them after the turn.
      const answered = await click(chat, coordinator, 'reveal', { meeting: 1 });
      expect(cardText(answered as Card)).toContain('Kortene er på vej');
      expect(bot.connector.attempts.filter((a) => a.status === 413)).toHaveLength(1);
      expect((await bot.running.store.loadMeeting(key(), 1))!.value.unposted).toMatchObject({
        step: 'reveal',
        failed: true,
      });
      // The coordinator's own view of the status card offers the step again.
      const status = await click(chat, coordinator, 'refresh', { card: 'meetingStatus', meeting: 1 });
      expect(cardText(status)).toContain('Vis svarene');
      expect(cardText(status)).toContain('Teams tog ikke imod kortet');

      expect(await click(chat, coordinator, 'startVoting', { meeting: 1 })).toContain('er ikke nået frem');

      await click(chat, coordinator, 'reveal', { meeting: 1 });
      const parts = cardsOf(bot.connector.posts().slice(posts));
      expect(parts.length).toBeGreaterThan(1);
      expect(cardText(parts[0])).toContain(`flere dele (1 af ${parts.length})`);
      const shown = parts.map(cardText).join('\n');
      for (const i of members.keys()) for (const f of [0, 1, 2]) expect(shown).toContain(answer(1, i, f));
      expect((await bot.running.store.loadMeeting(key(), 1))!.value.unposted).toBeUndefined();
      const again = await click(chat, coordinator, 'reveal', { meeting: 1 });
      expect(again).toContain('måske har en anden allerede klikket');
    },
  );

  step(
    'a reveal the bot never finished (it stopped before Teams answered) can be posted again once surely lost',
    async () => {
      await voteAndClose(1);
      await startAndAnswer(2);
      const stopped = async (since: Date): Promise<void> => {
        const saved = (await bot.running.store.loadMeeting(key(), 2))!;
        const unposted = { step: 'reveal' as const, since: since.toISOString(), failed: false };
        await bot.running.store.saveMeeting(
          key(),
          { ...saved.value, status: 'revealed', unposted },
          saved.etag,
        );
      };
      await stopped(TEST_NOW);
      expect(await click(chat, coordinator, 'reveal', { meeting: 2 })).toContain('måske har en anden');
      await stopped(new Date(TEST_NOW.getTime() - 10 * 60_000));
      const posts = bot.connector.posts().length;
      await click(chat, coordinator, 'reveal', { meeting: 2 });
      const shown = cardsOf(bot.connector.posts().slice(posts)).map(cardText).join('\n');
      for (const i of members.keys()) expect(shown).toContain(answer(2, i, 1));
      expect((await bot.running.store.loadMeeting(key(), 2))!.value.unposted).toBeUndefined();
    },
  );

  step('runs meetings 1–4 to their conclusions', async () => {
    await voteAndClose(2);
    for (const n of [3, 4]) {
      await startAndAnswer(n);
      await click(chat, coordinator, 'reveal', { meeting: n });
      await voteAndClose(n);
    }
  });

  step('takes twelve proposals at maximum length to a vote and a common project', async () => {
    for (const [i, m] of members.entries())
      for (const k of [1, 2])
        await click(chat, m, 'proposeProject', {
          title: maxText(MAX_TITLE_LENGTH, `P${i}.${k}.`),
          description: maxText(MAX_DESCRIPTION_LENGTH, `D${i}.${k}.`),
        });
    const conclusion = (await bot.running.store.loadMeeting(key(), 4))!.value.conclusionCardId;
    const updated = cardsOf(bot.connector.updates().filter((u) => u.activityId === conclusion)).at(-1)!;
    expect(cardText(updated)).toContain('P5.2.');

    const before = bot.connector.posts().length;
    await click(chat, coordinator, 'startProjectVote');
    const posted = cardsOf(bot.connector.posts().slice(before));
    const full = posted.slice(0, -1).map(cardText).join('\n');
    for (const i of members.keys())
      for (const k of [1, 2]) expect(full).toContain(maxText(MAX_DESCRIPTION_LENGTH, `D${i}.${k}.`));
    const vote = (await click(chat, coordinator, 'openDecision')) as Card;
    expect(findInput(await click(chat, members[0], 'openBallot'), 'choice')?.choices).toHaveLength(12);
    const options = findInput(vote, 'choice')?.choices as { value: string }[];
    expect(options).toHaveLength(12);
    for (const m of members) await click(chat, m, 'voteProject', { choice: options[0].value });
    const owners = JSON.stringify(vote).match(/"id":"owner"[^\]]*/)?.[0] ?? '';
    const owner = /"value":"([^"]+)"/.exec(owners)?.[1];
    await click(chat, coordinator, 'chooseProject', {
      choice: options[0].value,
      owner,
      firstStep: maxText(MAX_FIRST_STEP_LENGTH),
      dueDate: '2027-09-01',
    });
    expect(cardText(cardsOf(bot.connector.posts()).at(-1))).toContain('P0.1.');
  });

  step('sent every card within 27 KB, and Teams refused none but the injected one', () => {
    const mine = bot.connector.attempts.filter((a) => a.conversationId === chat.conversationId);
    expect(mine.filter((a) => a.status === 413)).toHaveLength(1);
    expect(Math.max(...mine.map((a) => a.bytes))).toBeLessThanOrEqual(TEAMS_MAX_ACTIVITY_BYTES);
    const sent = cardsOf(mine.filter((a) => a.status === 200));
    expect(sent.length).toBeGreaterThan(40);
    expect(replies.length).toBeGreaterThan(40);
    const sizes = [...sent, ...replies].map(cardBytes);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  });
});

describe('mine data for someone in 100 groups with long answers', () => {
  it('comes in pages within 27 KB, with buttons from page to page', async () => {
    const person = user(maxText(MAX_NAME_LENGTH, 'P'));
    const template = maxSnapshot();
    const [first] = template.group.value.members;
    const own = <T extends { userId: string }>(rows: T[]): T[] =>
      rows.filter((r) => r.userId === first.userId).map((r) => ({ ...r, userId: person.id }));
    const chats = Array.from({ length: 100 }, () => groupChat(bot.connector.serviceUrl));
    for (let k = 0; k < chats.length; k += 10)
      await Promise.all(
        chats.slice(k, k + 10).map((chat, j) => {
          const g = template.group.value;
          const group = {
            ...g,
            name: maxText(MAX_NAME_LENGTH, `G${k + j}.`),
            members: [{ ...first, userId: person.id }, ...g.members.slice(1)],
            coordinators: [{ userId: person.id, name: person.name }],
          };
          return seedSnapshot(bot.running.store, chat, {
            ...template,
            group: { value: group, etag: '' },
            answers: own(template.answers).filter((a) => a.meeting === 1),
            rsvps: own(template.rsvps),
            votes: [],
            proposals: own(template.proposals),
            projectVotes: own(template.projectVotes),
            project: undefined,
          });
        }),
      );
    const personal: TestChat = { ...chats[0], conversationId: `a:${randomUUID()}` };
    const inPersonal = (activity: Card): Card => ({
      ...activity,
      conversation: { ...(activity.conversation as Card), conversationType: 'personal', isGroup: false },
    });
    await bot.send(inPersonal(mention(personal, person, 'mine data')));
    const pages = [attachedCard(bot.connector.posts().at(-1)!.activity)];
    const total = Number(/side 1 af (\d+)/.exec(cardText(pages[0]))?.[1]);
    expect(total).toBeGreaterThan(1);
    for (let page = 2; page <= total; page++) {
      const next = JSON.stringify(pages.at(-1)!.actions);
      expect(next).toContain(`"page":${page}`);
      const res = await bot.send(inPersonal(invoke(personal, person, 'myData', { page })));
      pages.push(res.body?.value as Card);
      expect(cardText(pages.at(-1))).toContain(`side ${page} af ${total}`);
    }
    expect(JSON.stringify(pages.at(-1)!.actions)).not.toContain(`"page":${total + 1}`);
    const text = pages.map(cardText).join('\n');
    for (const k of chats.keys()) expect(text).toContain(maxText(MAX_NAME_LENGTH, `G${k}.`));
    const answers = own(template.answers).filter((a) => a.meeting === 1);
    for (const f of answers[0].fields) expect(text.split(f).length - 1).toBe(100);
    // People's texts are runs, shown as written: no markdown escape before their `*[`.
    expect(text).not.toContain('\\*[');
    expect(Math.max(...pages.map(cardBytes))).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  });
});
