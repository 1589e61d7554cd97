/**
 * Issue 22 point 4 (who coordinates) and issue 23 points 1–2 for setup and invitations, over HTTP
 * with a real Azurite: of two people who submit the setup form at once exactly one becomes
 * coordinator and the other is told so; the group card and the first invitation card are committed
 * to the durable outbox with their change, the click is answered before they are posted, and a
 * process that stops between the commit and the post leaves them for the next one to deliver.
 */
import { botAdded, groupChat, invoke, user, type TestChat, type TestUser } from '../support/activities';
import { startTestBot, type HttpAnswer, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { postsIn } from '../support/scenarios';
import { sampleInvitation, samplePeople, sampleSettings } from '../support/sample-group';
import type { StorageRequest } from '../../src/store/connect';
import { groupKeyOf } from '../../src/store/keys';

/** The dispatcher's read of a group's steps still to post (card rows, and step records not done). */
const isOutboxRead = (r: StorageRequest): boolean =>
  r.method === 'GET' &&
  /RowKey ge 'outbox\|'.*done eq ''/.test(decodeURIComponent(r.url).replace(/\+/g, ' '));

const INVITATION_TEXT = 'Kære alle – velkommen til møde 1 [dato] kl. [start]–[slut].';

const isInvitation = (activity: Record<string, unknown>): boolean =>
  String(activity.summary ?? '').startsWith('Invitation til møde 1');

describe('setting up a group and inviting, through the outbox (over HTTP)', () => {
  let bot: TestBot;
  /** While set, the dispatcher's reads of the outbox wait for it (the post is held back). */
  let hold: Promise<void> | undefined;
  /** While true, the dispatcher's reads of the outbox fail, as if the process died before posting. */
  let dying = false;
  /** How many reads of the outbox the dispatcher made while it was dying. */
  let failedReads = 0;

  beforeAll(async () => {
    bot = await startTestBot({}, {}, undefined, undefined, async (request) => {
      if (!isOutboxRead(request)) return;
      if (dying) {
        failedReads++;
        throw new Error('the process stopped');
      }
      await hold;
    });
  });
  afterAll(() => bot.stop());

  const keyOf = (chat: TestChat): string => groupKeyOf(chat.tenantId, chat.conversationId);

  /** POSTs an activity and returns as soon as the bot answers (not waiting for what it sends after). */
  async function answer(activity: Record<string, unknown>): Promise<HttpAnswer> {
    const res = await fetch(`${bot.running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  async function welcomed(): Promise<{ chat: TestChat; welcomeId: string }> {
    const chat = groupChat(bot.connector.serviceUrl);
    await bot.send(botAdded(chat, user('Karen Holm')));
    return { chat, welcomeId: postsIn(bot, chat)[0].id };
  }

  it('makes exactly one of two people who submit the setup form at once the coordinator', async () => {
    for (let round = 0; round < 4; round++) {
      const { chat, welcomeId } = await welcomed();
      const people: TestUser[] = [user('Karen Holm'), user('Jens Madsen')];
      const answers = await Promise.all(
        people.map((p) =>
          bot.send(
            invoke(chat, p, 'setupGroup', { ...sampleSettings, name: `${p.name}s gruppe` }, welcomeId),
          ),
        ),
      );
      const won = answers.map((a) => cardText(a.body?.value).includes('du er koordinator'));
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = people[won.indexOf(true)];
      const loser = answers[won.indexOf(false)];
      expect(loser.body?.type).toBe('application/vnd.microsoft.activity.message');
      expect(loser.body?.value).toContain(`Gruppen er allerede oprettet med ${winner.name} som koordinator`);
      const stored = (await bot.running.store.loadGroup(keyOf(chat)))?.value;
      expect(stored?.name).toBe(`${winner.name}s gruppe`);
      expect(stored?.coordinators.map((c) => c.name)).toEqual([winner.name]);
      // The group card replaced the welcome card once, and no second card was posted.
      const cards = bot.connector.updates().filter((u) => u.activityId === welcomeId);
      expect(cards).toHaveLength(1);
      expect(cardText(attachedCard(cards[0].activity))).toContain(`${winner.name}s gruppe`);
      expect(postsIn(bot, chat)).toHaveLength(1);
      expect(stored?.groupCardId).toBe(welcomeId);
    }
  });

  it('answers the setup and the first invitation before their cards are posted', async () => {
    const { chat, welcomeId } = await welcomed();
    const { coordinator } = samplePeople();
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    try {
      const setup = await answer(invoke(chat, coordinator, 'setupGroup', sampleSettings, welcomeId));
      // The clicker already has their view of the group; the chat's card is not updated yet.
      expect(cardText(setup.body?.value)).toContain('du er koordinator');
      expect(bot.connector.updates().filter((u) => u.activityId === welcomeId)).toHaveLength(0);
      const saved = await answer(
        invoke(chat, coordinator, 'saveInvitation', {
          meeting: 1,
          ...sampleInvitation,
          text: INVITATION_TEXT,
        }),
      );
      expect(cardText(saved.body?.value)).toContain('Invitationen til møde 1 er gemt og på vej til gruppen.');
      expect(postsIn(bot, chat).filter((p) => isInvitation(p.activity))).toHaveLength(0);
    } finally {
      release();
      hold = undefined;
    }
    await bot.running.idle();
    expect(bot.connector.updates().filter((u) => u.activityId === welcomeId)).toHaveLength(1);
    const invitations = postsIn(bot, chat).filter((p) => isInvitation(p.activity));
    expect(invitations).toHaveLength(1);
    expect(cardText(attachedCard(invitations[0].activity))).toContain('Beboerhuset, Søbakken 2');
    const meeting = await bot.running.store.loadMeeting(keyOf(chat), 1);
    expect(meeting?.value.invitationCardId).toBe(invitations[0].id);
  });

  it('delivers the first invitation card after a restart between the save and the post', async () => {
    const { chat } = await welcomed();
    const { coordinator } = samplePeople();
    await bot.send(invoke(chat, coordinator, 'setupGroup', sampleSettings));
    dying = true;
    const saved = await bot.send(
      invoke(chat, coordinator, 'saveInvitation', { meeting: 1, ...sampleInvitation, text: INVITATION_TEXT }),
    );
    expect(cardText(saved.body?.value)).toContain('på vej til gruppen');
    expect(postsIn(bot, chat).filter((p) => isInvitation(p.activity))).toHaveLength(0);
    expect((await bot.running.store.loadMeeting(keyOf(chat), 1))?.value.invitationCardId).toBeUndefined();
    // The step was committed and the dispatcher went for it, but nothing reached Teams.
    expect(failedReads).toBeGreaterThan(0);

    const running = bot.running;
    const stop = running.stop.bind(running);
    running.stop = async () => {
      await stop();
      dying = false;
    };
    await bot.restart();
    await bot.running.idle();
    const invitations = postsIn(bot, chat).filter((p) => isInvitation(p.activity));
    expect(invitations).toHaveLength(1);
    expect(cardText(attachedCard(invitations[0].activity))).toContain('torsdag den 14. januar 2027');
    const meeting = await bot.running.store.loadMeeting(keyOf(chat), 1);
    expect(meeting?.value.invitationCardId).toBe(invitations[0].id);
  });
});
