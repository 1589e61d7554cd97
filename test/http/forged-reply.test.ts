/**
 * Issue 20 point 12: an Action.Submit (older clients) replaces the clicked card, named by the
 * activity's `replyToId`. A member who crafts one with the id of another shared card — the reveal,
 * the status card, an invitation — must not get the bot to overwrite that card for everyone.
 */
import { groupChat, invoke, mention, submit, user, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleInvitation, samplePeople, sampleSettings } from '../support/sample-group';
import { groupKeyOf } from '../../src/store/keys';

let bot: TestBot;
let chat: TestChat;
const { coordinator, members } = samplePeople();
const mallory = members[0];
let revealId = '';
let statusId = '';
let invitationId = '';

beforeAll(async () => {
  bot = await startTestBot();
  chat = groupChat(bot.connector.serviceUrl);
  await bot.send(invoke(chat, coordinator, 'setupGroup', sampleSettings));
  for (const m of members)
    await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }));
  await bot.send(
    invoke(chat, coordinator, 'saveInvitation', { ...sampleInvitation, meeting: 1, text: 'Hej' }),
  );
  await bot.send(mention(chat, coordinator, 'start 1'));
  for (const m of members)
    await bot.send(
      invoke(chat, m, 'submitAnswer', { meeting: 1, a1: `Råd fra ${m.name}`, a2: 'b', a3: 'c' }),
    );
  await bot.send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
  const meeting = (await bot.running.store.loadMeeting(groupKeyOf(chat.tenantId, chat.conversationId), 1))!
    .value;
  statusId = meeting.statusCardId!;
  invitationId = meeting.invitationCardId!;
  revealId = bot.connector
    .posts()
    .find(
      (p) =>
        p.conversationId === chat.conversationId &&
        cardText(attachedCard(p.activity)).includes('Svarene fra møde 1'),
    )!.id;
});
afterAll(() => bot.stop());

const updatesOf = (id: string): number => bot.connector.updates().filter((u) => u.activityId === id).length;

describe('a crafted replyToId', () => {
  it.each([
    [
      'the reveal card, with a join',
      () =>
        submit(chat, mallory, { verb: 'joinGroup', roleCategory: 'andet', roleTitle: 'Hacker' }, revealId),
      () => revealId,
      0,
    ],
    [
      'the reveal card, with a refresh of the status card',
      () => submit(chat, mallory, { verb: 'refresh', meeting: 1 }, revealId),
      () => revealId,
      0,
    ],
    [
      'the status card, with the setup form',
      () => submit(chat, mallory, { verb: 'openSetup' }, statusId),
      () => statusId,
      1,
    ],
    [
      'the status card, with an RSVP',
      () => submit(chat, mallory, { verb: 'rsvp', meeting: 1, response: 'no' }, statusId),
      () => statusId,
      0,
    ],
    [
      'the invitation, with the setup form',
      () => submit(chat, mallory, { verb: 'openSetup' }, invitationId),
      () => invitationId,
      1,
    ],
  ])(
    'naming %s: that card is left alone; a form is posted for the clicker, their own view of a shared card never',
    async (_what, activity, target, posted) => {
      const updates = updatesOf(target());
      const posts = bot.connector.posts().length;
      await bot.send(activity());
      expect(updatesOf(target())).toBe(updates);
      // A person's view (their role's buttons, the coordinator's names) posted in the chat would show it to everyone.
      expect(bot.connector.posts().length).toBe(posts + posted);
    },
  );

  it('still replaces the card the verb belongs to: an RSVP from an older client updates its invitation', async () => {
    const updates = updatesOf(invitationId);
    await bot.send(submit(chat, members[1], { verb: 'rsvp', meeting: 1, response: 'yes' }, invitationId));
    expect(updatesOf(invitationId)).toBeGreaterThan(updates);
    const invitation = bot.connector
      .updates()
      .filter((u) => u.activityId === invitationId)
      .at(-1)!;
    expect(cardText(attachedCard(invitation.activity))).toContain('Svar på invitationen: 1 kommer');
  });

  it('in a personal chat replaces whatever was clicked: nobody else sees it', async () => {
    const mine = { ...groupChat(bot.connector.serviceUrl, chat.tenantId) };
    const activity = submit(mine, user('Karen Holm'), { verb: 'myData', page: 1 }, 'my-own-card');
    Object.assign(activity.conversation as Record<string, unknown>, {
      conversationType: 'personal',
      isGroup: false,
    });
    await bot.send(activity);
    expect(updatesOf('my-own-card')).toBe(1);
  });
});
