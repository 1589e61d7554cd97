/**
 * The chat's people and the bot's place in it change: people leave (Teams names them by their
 * `29:` id only), the bot is uninstalled and added again, Teams moves the chat to another
 * serviceUrl. Driven over HTTP with an injected clock for the reminders.
 */
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import {
  botAdded,
  groupChat,
  installationUpdate,
  invoke,
  membersRemoved,
  mention,
  user,
  type TestChat,
  type TestUser,
} from '../support/activities';
import { startTestBot, TEST_NOW, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';
import { groupKeyOf } from '../../src/store/keys';

jest.setTimeout(60_000);

const H = 3600 * 1000;
const START = new Date('2026-11-30T12:00:00Z');
const MEETING = {
  meeting: 1,
  date: '2026-11-30',
  start: '13:00',
  end: '15:00',
  location: 'Beboerhuset',
  text: 'Hej',
};

let clock = TEST_NOW;
let bot: TestBot;
let other: FakeConnector;

beforeAll(async () => {
  bot = await startTestBot({ REMINDERS: 'on' }, {}, undefined, () => clock);
  other = await startFakeConnector();
});
afterAll(async () => {
  await bot.stop();
  await other.close();
});

interface Formed {
  chat: TestChat;
  karen: TestUser;
  people: TestUser[];
}

async function formed(): Promise<Formed> {
  clock = TEST_NOW;
  const chat = groupChat(bot.connector.serviceUrl);
  const karen = user('Karen Holm');
  const people = ['Jens Madsen', 'Aisha Yilmaz', 'Søren Østergaard', 'Mette Bæk'].map(user);
  await bot.send(invoke(chat, karen, 'setupGroup', sampleSettings));
  const roles = ['fysisk', 'boligsocial', 'imellem', 'boligsocial'];
  for (const [i, p] of people.entries())
    await bot.send(invoke(chat, p, 'joinGroup', { roleCategory: roles[i], roleTitle: 'Medarbejder' }));
  return { chat, karen, people };
}

/** Looks for due reminders at `at`; returns what reached `connector` for the chat. */
async function tick(at: Date, chat: TestChat, connector: FakeConnector = bot.connector) {
  clock = at;
  const before = connector.posts().length;
  await bot.running.reminders!.tick();
  await bot.running.idle();
  return connector
    .posts()
    .slice(before)
    .filter((p) => p.conversationId === chat.conversationId)
    .map((p) => p.activity as { text: string; entities?: { mentioned: { id: string } }[] });
}

const key = (chat: TestChat): string => groupKeyOf(chat.tenantId, chat.conversationId);

describe('a person leaves the chat', () => {
  it('leaves the group: no longer listed nor counted, the composition advice is updated, their answers stay', async () => {
    const { chat, karen, people } = await formed();
    const [, aisha, , mette] = people;
    await bot.send(invoke(chat, karen, 'saveInvitation', MEETING));
    await bot.send(invoke(chat, karen, 'startMeeting', { meeting: 1 }));
    await bot.send(invoke(chat, aisha, 'submitAnswer', { meeting: 1, a1: 'Et råd', a2: 'To', a3: 'Tre' }));

    const updates = bot.connector.updates().length;
    await bot.send(membersRemoved(chat, [aisha, mette]));
    const stored = (await bot.running.store.loadPartition(key(chat)))!;
    expect(stored.group.value.members.map((m) => m.name).sort()).toEqual(['Jens Madsen', 'Søren Østergaard']);
    expect(stored.answers.filter((a) => a.userId === aisha.id)).toHaveLength(1);
    const groupCard = bot.connector
      .updates()
      .slice(updates)
      .find((u) => u.activityId === stored.group.value.groupCardId);
    const text = cardText(attachedCard(groupCard!.activity));
    expect(text).toContain('Medlemmer (2 af 6)');
    expect(text).not.toContain('Aisha Yilmaz');
    expect(text).toContain('Ingen fra den boligsociale indsats endnu');

    await bot.send(mention(chat, karen, 'påmind'));
    const reminder = bot.connector.posts().at(-1)!.activity as { text: string; entities?: unknown[] };
    // Counted among those who shared no more; nobody is named or @mentioned.
    expect(reminder.text).toContain('0 af 2 har delt deres svar til møde 1');
    expect(reminder.text).not.toMatch(/Aisha|Mette|Jens|Søren|<at>/);
    expect(reminder.entities ?? []).toEqual([]);
  });

  it('does not keep the 48-hour reminder going when only someone who left had not answered', async () => {
    const { chat, karen, people } = await formed();
    await bot.send(invoke(chat, karen, 'saveInvitation', MEETING));
    for (const p of [people[0], people[2], people[3]])
      await bot.send(invoke(chat, p, 'rsvp', { meeting: 1, response: 'yes' }));
    await bot.send(membersRemoved(chat, [people[1]]));
    expect(await tick(new Date(START.getTime() - 47 * H), chat)).toEqual([]);
  });
});

describe('a member who joined before chat ids were kept', () => {
  it('gets their chat id from their next activity, and leaves the group when they leave the chat', async () => {
    const { chat, karen, people } = await formed();
    const stored = (await bot.running.store.loadGroup(key(chat)))!;
    const members = stored.value.members.map(({ chatId: _, ...m }) => m);
    await bot.running.store.saveGroup({ ...stored, value: { ...stored.value, members } });
    await bot.restart();
    await bot.send(mention(chat, karen, 'status'));
    await bot.send(mention(chat, people[2], 'hjælp'));
    await bot.send(membersRemoved(chat, [people[2]]));
    const after = (await bot.running.store.loadGroup(key(chat)))!.value.members.map((m) => m.name);
    expect(after).not.toContain(people[2].name);
    expect(after).toHaveLength(3);
  });
});

describe('the bot is removed from the chat', () => {
  it('stops reminders until it is added again', async () => {
    const { chat, karen } = await formed();
    await bot.send(invoke(chat, karen, 'saveInvitation', MEETING));
    await bot.send(installationUpdate(chat, karen, 'remove'));
    expect((await bot.running.store.loadGroup(key(chat)))?.value.inactive).toBeDefined();
    expect(await tick(new Date(START.getTime() - 23 * H), chat)).toEqual([]);

    await bot.send(botAdded(chat, karen));
    expect((await bot.running.store.loadGroup(key(chat)))?.value.inactive).toBeUndefined();
    const hour = await tick(new Date(START.getTime() - 0.5 * H), chat);
    expect(hour.map((p) => p.text)).toEqual([expect.stringContaining('Om en time begynder møde 1')]);
  });
});

describe('Teams moves the chat to another serviceUrl', () => {
  it('sends reminders (background sends) to the serviceUrl of the latest activity', async () => {
    const { chat, karen, people } = await formed();
    await bot.send(invoke(chat, karen, 'saveInvitation', MEETING));
    const moved: TestChat = { ...chat, serviceUrl: other.serviceUrl };
    await bot.send(mention(moved, people[0], 'hjælp'));
    const stored = (await bot.running.store.loadGroup(key(chat)))!.value.conversation;
    expect(stored.serviceUrl).toBe(other.serviceUrl);
    const posted = await tick(new Date(START.getTime() - 23 * H), chat, other);
    expect(posted.map((p) => p.text)).toEqual([expect.stringContaining('I morgen holder vi møde 1')]);
  });
});
