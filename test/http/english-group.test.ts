import { botAdded, groupChat, invoke, mention, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleInvitation, samplePeople, sampleSettings } from '../support/sample-group';

/** The same foundation in English: the group's language decides every text in its chat. */
describe('a group that chose English', () => {
  let bot: TestBot;
  let chat: TestChat;
  const { coordinator, members } = samplePeople();

  beforeAll(async () => {
    bot = await startTestBot();
    chat = groupChat(bot.connector.serviceUrl);
    await bot.send(botAdded(chat, coordinator));
  });
  afterAll(() => bot.stop());

  it('is set up, joined and invited in English', async () => {
    const setup = await bot.send(
      invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, language: 'en' }),
    );
    expect(cardText(setup.body?.value)).toContain('you are its coordinator');

    for (const m of members.slice(0, 3)) {
      const res = await bot.send(
        invoke(chat, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }),
      );
      expect(cardText(res.body?.value)).toContain(`Welcome to the group, ${m.name}!`);
    }
    const groupCard = cardText(attachedCard(bot.connector.updates().at(-1)!.activity));
    expect(groupCard).toContain('Members (3 of 6)');
    expect(groupCard).toContain('Jens Madsen – Projektleder, renovering (physical)');

    const refused = await bot.send(
      invoke(chat, members[0], 'saveInvitation', { meeting: 1, ...sampleInvitation, text: 'x' }),
    );
    expect(refused.body?.value).toBe("Only the group's coordinator (Karen Holm) can do that.");

    const before = bot.connector.posts().length;
    await bot.send(mention(chat, coordinator, 'invite 1'));
    const editor = attachedCard(bot.connector.posts()[before].activity);
    expect(cardText(editor)).toContain('Invitation to meeting 1: Three good pieces of advice');
    expect(cardText(editor)).toContain('Kind regards\nKaren Holm');

    await bot.send(
      invoke(chat, coordinator, 'saveInvitation', {
        meeting: 1,
        ...sampleInvitation,
        text: 'See you on [date].',
      }),
    );
    const invitation = bot.connector.posts().at(-1)!;
    expect(invitation.activity.summary).toBe('Invitation to meeting 1: Three good pieces of advice');
    expect(cardText(attachedCard(invitation.activity))).toContain('Thursday 14 January 2027, 13:00–15:00');
    expect(cardText(attachedCard(invitation.activity))).toContain('See you on Thursday 14 January 2027.');

    const rsvp = await bot.send(
      invoke(chat, members[1], 'rsvp', { meeting: 1, response: 'maybe' }, invitation.id),
    );
    expect(cardText(rsvp.body?.value)).toMatch(/Your answer is recorded: \s*Maybe/);
    const updated = cardText(attachedCard(bot.connector.updates().at(-1)!.activity));
    expect(updated).toContain("Replies: 0 coming · 1 maybe · 0 can't come");
    expect(updated).not.toContain('Aisha Yilmaz');
    const own = await bot.send(invoke(chat, coordinator, 'refresh', { card: 'invitation', meeting: 1 }));
    expect(cardText(own.body?.value)).toContain('Maybe: Aisha Yilmaz');
  });
});
