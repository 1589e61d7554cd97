/**
 * Data rights through the real entry point: `mine data` shows a member everything stored about
 * them (only in a personal chat), `slet mine data` removes it everywhere after a confirmation (and
 * summaries no longer contain it), `slet gruppe` removes a whole group.
 */
import {
  groupChat,
  inPersonal,
  invoke,
  mention,
  personal,
  user,
  type TestChat,
  type TestUser,
} from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';
import { groupKeyOf } from '../../src/store/keys';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const karen = user('Karen Holm');
const jens = user('Jens Madsen');
const aisha = user('Aisha Yilmaz');
const soeren = user('Søren Østergaard');
const JENS_ADVICE = [
  'Jens: tag den boligsociale med fra dag ét',
  'Jens: varsl i god tid',
  'Jens: én kontaktperson',
];
const AISHA_ADVICE = [
  'Aisha: brug varmemesteren som bro',
  'Aisha: fælles morgenmøde',
  'Aisha: fejr de små sejre',
];

const lastText = (): string => {
  const a = bot.connector.posts().at(-1)!.activity as Record<string, unknown>;
  return Array.isArray(a.attachments) ? cardText(attachedCard(a)) : String(a.text);
};

/** A group where meeting 1 was held: Jens's and Aisha's answers, votes and an agreement. */
async function heldMeeting(name: string): Promise<TestChat> {
  const chat = groupChat(bot.connector.serviceUrl);
  await bot.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name }));
  for (const [who, roleCategory] of [
    [karen, 'imellem'],
    [jens, 'fysisk'],
    [aisha, 'boligsocial'],
    [soeren, 'imellem'],
  ] as [TestUser, string][]) {
    await bot.send(invoke(chat, who, 'joinGroup', { roleCategory, roleTitle: 'Medarbejder' }));
  }
  await bot.send(
    invoke(chat, karen, 'saveInvitation', {
      meeting: 1,
      date: '2027-01-14',
      start: '13:00',
      end: '15:00',
      location: 'Huset',
      text: 'Hej',
    }),
  );
  await bot.send(invoke(chat, jens, 'rsvp', { meeting: 1, response: 'yes' }));
  await bot.send(mention(chat, karen, 'start 1'));
  const [a1, a2, a3] = JENS_ADVICE;
  await bot.send(invoke(chat, jens, 'submitAnswer', { meeting: 1, a1, a2, a3 }));
  const [b1, b2, b3] = AISHA_ADVICE;
  await bot.send(invoke(chat, aisha, 'submitAnswer', { meeting: 1, a1: b1, a2: b2, a3: b3 }));
  await bot.send(invoke(chat, karen, 'reveal', { meeting: 1 }));
  await bot.send(invoke(chat, karen, 'startVoting', { meeting: 1 }));
  const card = (await bot.send(invoke(chat, aisha, 'openVoting', { meeting: 1 }))).body?.value;
  const choices = (JSON.stringify(card).match(/"value":"([\w-]{10})"/g) ?? []).map((m) => m.slice(9, 19));
  await bot.send(invoke(chat, aisha, 'vote', { meeting: 1, choices: choices.slice(0, 2).join(',') }));
  await bot.send(invoke(chat, karen, 'endVoting', { meeting: 1 }));
  await bot.send(invoke(chat, karen, 'closeMeeting', { meeting: 1, agreements: 'Morgenmøde hver tirsdag.' }));
  return chat;
}

/** The token of the confirmation card the bot just posted (it binds the button to who asked). */
function lastToken(): string {
  const card = attachedCard(bot.connector.posts().at(-1)!.activity);
  return (card.actions as { data: { token: string } }[])[0].data.token;
}

async function summaryText(chat: TestChat, who: TestUser): Promise<string> {
  await bot.send(mention(chat, who, 'opsummering 1'));
  return lastText();
}

describe('mine data', () => {
  it('shows a member everything stored about them from every group, only in a personal chat', async () => {
    const first = await heldMeeting('Søbakken');
    await heldMeeting('Nørremarken');
    await bot.send(mention(first, jens, 'mine data'));
    expect(lastText()).toContain('kun i en personlig chat');
    expect(lastText()).not.toContain(JENS_ADVICE[0]);

    await bot.send(inPersonal(mention(personal(first), jens, 'mine data')));
    const text = lastText();
    expect(text).toContain('Det har jeg gemt om dig');
    expect(text).toContain('Søbakken');
    expect(text).toContain('Nørremarken');
    for (const advice of JENS_ADVICE) expect(text).toContain(advice);
    expect(text).toContain('Invitation til møde 1: Jeg kommer');
    expect(text).not.toContain(AISHA_ADVICE[0]);
  });
});

describe('slet mine data', () => {
  it('asks first, then removes the member everywhere; summaries no longer contain them, others keep theirs', async () => {
    const chat = await heldMeeting('Østerbyen');
    expect(await summaryText(chat, karen)).toContain(JENS_ADVICE[0]);
    const where = personal(chat);
    await bot.send(inPersonal(mention(where, jens, 'slet mine data')));
    expect(lastText()).toContain('Slet dine data?');

    const done = await bot.send(
      inPersonal(invoke(where, jens, 'confirmDeleteMyData', { token: lastToken() })),
    );
    expect(done.status).toBe(200);
    expect(JSON.stringify(done.body)).toContain('Dine data er slettet');

    const summary = await summaryText(chat, karen);
    for (const advice of JENS_ADVICE) expect(summary).not.toContain(advice);
    expect(summary).not.toContain('Jens Madsen');
    for (const advice of AISHA_ADVICE) expect(summary).toContain(advice);
    await bot.send(mention(chat, karen, 'status'));
    expect(lastText()).not.toContain('Jens Madsen');

    await bot.send(inPersonal(mention(where, jens, 'mine data')));
    expect(lastText()).toContain('Jeg har ikke gemt noget om dig');
  });

  it('a coordinator who deletes their data hands the group to the longest-standing member', async () => {
    const chat = await heldMeeting('Vestparken');
    const where = personal(chat);
    await bot.send(inPersonal(mention(where, karen, 'slet mine data')));
    await bot.send(inPersonal(invoke(where, karen, 'confirmDeleteMyData', { token: lastToken() })));
    const summary = await summaryText(chat, jens);
    expect(summary).toContain('Opsummering af møde 1');
    expect(summary).not.toContain('Karen Holm');
  });
});

describe('slet gruppe', () => {
  it('only the coordinator may, after confirming; afterwards nothing is stored about the group', async () => {
    const chat = await heldMeeting('Nordhavn');
    await bot.send(mention(chat, jens, 'slet gruppe'));
    expect(lastText()).toMatch(/kun gruppens koordinator/);
    const refused = await bot.send(invoke(chat, jens, 'confirmDeleteGroup'));
    expect(JSON.stringify(refused.body)).toMatch(/kun gruppens koordinator/);

    await bot.send(mention(chat, karen, 'slet gruppe'));
    expect(lastText()).toContain('Slet gruppen Nordhavn?');
    const done = await bot.send(invoke(chat, karen, 'confirmDeleteGroup', { token: lastToken() }));
    expect(JSON.stringify(done.body)).toContain('Gruppen Nordhavn er slettet');

    const key = groupKeyOf(chat.tenantId, chat.conversationId);
    expect(await bot.running.store.loadPartition(key)).toBeUndefined();
    expect(
      (await bot.running.store.listCoordinatedGroups(chat.tenantId, karen.id)).map((g) => g.key),
    ).not.toContain(key);
    await bot.send(mention(chat, karen, 'status'));
    expect(lastText()).toMatch(/opret/i);
  });
});
