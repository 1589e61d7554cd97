import { VERB_NAMES, VERBS as REGISTRY, type Verb } from '../../src/app';
import type { Who } from '../../src/app/verb';
import { groupChat, invoke, mention, user, type TestChat, type TestUser } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';

jest.setTimeout(120_000);

type Role = 'coordinator' | 'member' | 'participant' | 'otherGroupMember';
type Expect = 'allowed' | 'notCoordinator' | 'alreadySetUp' | 'notMember' | 'summaryIsTheGroups';
const ROLES: Role[] = ['coordinator', 'member', 'participant', 'otherGroupMember'];

const REFUSALS: Record<Exclude<Expect, 'allowed'>, string> = {
  notCoordinator: 'Det er kun gruppens koordinator (Karen Holm)',
  alreadySetUp: 'Gruppen er allerede oprettet med Karen Holm som koordinator',
  notMember: 'Du er ikke med i gruppen endnu',
  summaryIsTheGroups: 'Opsummeringen er for gruppens medlemmer',
};

const C = 'allowed';
const coordinatorOnly: Expect[] = [C, 'notCoordinator', 'notCoordinator', 'notCoordinator'];
const memberOnly: Expect[] = ['notMember', C, 'notMember', 'notMember'];
const anyone: Expect[] = [C, C, C, C];
/** The group's coordinator and members: a summary (a member's without who took part). */
const theGroup: Expect[] = [C, C, 'summaryIsTheGroups', 'summaryIsTheGroups'];

/** Who may use a verb, as the registry says it, as what each role is told. */
const BY_WHO: Record<Who, Expect[]> = {
  anyone,
  member: memberOnly,
  coordinator: coordinatorOnly,
  participant: theGroup,
  // The chat has a group: from then on its setup is the coordinator's, and others are told who that is.
  founder: [C, 'alreadySetUp', 'alreadySetUp', 'alreadySetUp'],
  // In a group chat everyone is pointed to the personal chat alike.
  personal: anyone,
};

/** What each verb's button sends, where `{ meeting: 1 }` would not reach the role check. */
const SAMPLES: Partial<Record<Verb, Record<string, unknown>>> = {
  setupGroup: sampleSettings,
  joinGroup: { roleCategory: 'andet', roleTitle: 'Driftschef' },
  saveInvitation: { meeting: 2, date: '2027-02-11', start: '13:00', end: '15:00', location: 'x', text: 'y' },
  openInvitation: { meeting: 2 },
  rsvp: { meeting: 1, response: 'yes' },
  submitAnswer: { meeting: 1, a1: 'a', a2: 'b', a3: 'c' },
  vote: { meeting: 1, choices: '' },
  closeMeeting: { meeting: 1, agreements: 'Aftale' },
  proposeProject: { title: 'T', description: 'D' },
  voteProject: { choice: 'x' },
  chooseProject: { choice: 'x', owner: 'y', firstStep: 'z', dueDate: '2027-05-01' },
};

/** Every verb of the registry × who is asking: allowed or refused exactly as its `who` says. */
const VERBS: [string, Record<string, unknown>, Expect[]][] = VERB_NAMES.map((verb) => [
  verb,
  SAMPLES[verb] ?? { meeting: 1 },
  BY_WHO[REGISTRY[verb].who],
]);

const COMMANDS: [string, Expect[]][] = [
  ['hjælp', anyone],
  ['opsæt', anyone],
  ['status', anyone],
  ['inviter 2', coordinatorOnly],
  ['start 1', coordinatorOnly],
  ['opsummering 1', theGroup],
  ['opsummering', theGroup],
];

describe('who may do what', () => {
  let bot: TestBot;
  const coordinator = user('Karen Holm');
  const otherGroupMember = user('Bo Vang');
  let otherChat: TestChat;

  beforeAll(async () => {
    bot = await startTestBot();
    otherChat = groupChat(bot.connector.serviceUrl);
    await bot.send(
      invoke(otherChat, otherGroupMember, 'setupGroup', { ...sampleSettings, name: 'Anden gruppe' }),
    );
    await bot.send(
      invoke(otherChat, otherGroupMember, 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Projektleder' }),
    );
  });
  afterAll(() => bot.stop());

  /** A fresh group with three members and meeting 1 running; returns who plays each role. */
  async function freshGroup(): Promise<{ chat: TestChat; people: Record<Role, TestUser> }> {
    const chat = groupChat(bot.connector.serviceUrl);
    const members = [user('Jens Madsen'), user('Aisha Yilmaz'), user('Søren Østergaard')];
    await bot.send(invoke(chat, coordinator, 'setupGroup', sampleSettings));
    for (const m of members)
      await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Varmemester' }));
    await bot.send(invoke(chat, coordinator, 'startMeeting', { meeting: 1 }));
    return {
      chat,
      people: { coordinator, member: members[0], participant: user('Bente Kjær'), otherGroupMember },
    };
  }

  /** What the person read in answer: the invoke's message, or the text of the card. */
  function readable(body: Record<string, unknown> | undefined): string {
    return typeof body?.value === 'string' ? body.value : cardText(body?.value);
  }

  function check(answer: string, expected: Expect): void {
    for (const [refusal, text] of Object.entries(REFUSALS)) {
      if (refusal === expected) expect(answer).toContain(text);
      else expect(answer).not.toContain(text);
    }
  }

  const verbCases = VERBS.flatMap(([verb, data, expected]) =>
    ROLES.map((role, i) => [verb, role, expected[i], data] as const),
  );
  it.each(verbCases)('%s by a %s: %s', async (verb, role, expected, data) => {
    const { chat, people } = await freshGroup();
    if (role === 'otherGroupMember') {
      // Naming their own group in the card data does not help: such data is refused outright (400).
      const forged = { group: otherChat.conversationId, conversationId: otherChat.conversationId };
      const refused = await bot.send(invoke(chat, people[role], verb, { ...data, ...forged }));
      expect(refused.body).toMatchObject({ statusCode: 400 });
    }
    const res = await bot.send(invoke(chat, people[role], verb, data));
    expect(res.status).toBeLessThan(500);
    check(readable(res.body), expected);
  });

  const commandCases = COMMANDS.flatMap(([command, expected]) =>
    ROLES.map((role, i) => [command, role, expected[i]] as const),
  );
  it.each(commandCases)('"%s" by a %s: %s', async (command, role, expected) => {
    const { chat, people } = await freshGroup();
    const before = bot.connector.posts().length;
    await bot.send(mention(chat, people[role], command));
    const [reply] = bot.connector.posts().slice(before);
    const text =
      typeof reply.activity.text === 'string' ? reply.activity.text : cardText(attachedCard(reply.activity));
    check(text, expected);
  });
});
