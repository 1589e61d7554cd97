/**
 * Names people give themselves and their groups are stored clean (no bidi controls, no zero-width
 * characters) and shown literally: a markdown link in a name is never a live link in a card title
 * or a chat message.
 */
import { groupChat, invoke, mention, submit, user } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard } from '../support/cards';
import { sampleInvitation, sampleSettings } from '../support/sample-group';
import { groupKeyOf } from '../../src/store/keys';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const HIDDEN = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/;
const LIVE_LINK = /(^|[^\\])\[klik\]/;

describe('names', () => {
  it('are stored without bidi controls and zero-width characters', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const karen = user('Karen\u200B Holm');
    const eve = user('Eve \u202Egnp.exe\u202C\u2066 Hansen\u200D');
    await bot.send(
      invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Søbakken\u2067\u200B\uFEFF Nord' }),
    );
    await bot.send(invoke(chat, eve, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Vice\u202Evært' }));
    const group = (await bot.running.store.loadGroup(groupKeyOf(chat.tenantId, chat.conversationId)))!.value;
    expect(group.name).toBe('Søbakken Nord');
    expect(group.coordinators[0].name).toBe('Karen Holm');
    expect(group.members[0].name).toBe('Eve gnp.exe Hansen');
    expect(group.members[0].roleTitle).toBe('Vicevært');
    expect(JSON.stringify(group)).not.toMatch(HIDDEN);
  });

  it('with a markdown link show as typed (a TextRun, never markdown) in the `slet gruppe` title, and as typed in the plain notCoordinator message', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const karen = user('Karen [klik](https://evil.example)');
    const jens = user('Jens Madsen');
    await bot.send(
      invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Søbakken [klik](https://evil.example)' }),
    );
    await bot.send(mention(chat, karen, 'slet gruppe'));
    // The title is a RichTextBlock: its runs are never read as markdown, so the name shows as typed.
    const card = attachedCard(bot.connector.posts().at(-1)!.activity);
    const [heading] = card.body as { type: string; inlines?: { text: string }[] }[];
    expect(heading.type).toBe('RichTextBlock');
    expect(heading.inlines!.map((r) => r.text).join('')).toBe(
      'Slet gruppen Søbakken [klik](https://evil.example)?',
    );
    const blocks = (card.body as { type: string; text?: string }[]).filter((b) => b.type === 'TextBlock');
    expect(blocks.map((b) => b.text ?? '').join('\n')).not.toMatch(LIVE_LINK);

    // The refusal is plain text: the name shows exactly as typed, and no client makes a link of it.
    await bot.send(submit(chat, jens, { verb: 'startMeeting', meeting: 1 }));
    const refusal = bot.connector.posts().at(-1)!.activity;
    expect(refusal.text).toBe(
      'Det er kun gruppens koordinator (Karen [klik](https://evil.example)), der kan gøre det.',
    );
    expect(refusal.textFormat).toBe('plain');
  });
});

describe('invisible and separator characters (issue 20 point 11)', () => {
  const HIDDEN_TOO = [
    '\u00AD',
    '\u034F',
    '\u061C',
    '\u115F',
    '\u1160',
    '\u180E',
    '\u2028',
    '\u2029',
    '\u2061',
    '\u2064',
    '\u3164',
    '\uFE00',
    '\uFE0F',
    '\u{E0041}',
  ];

  it('are removed from names and one-line fields before they are stored', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const karen = user('Karen\u00AD Holm\u3164');
    await bot.send(
      invoke(chat, karen, 'setupGroup', {
        ...sampleSettings,
        name: 'Søbakken\u034F\u061C Nord\u2028Syd\u180E\u2061\u2064\uFE00\u{E0041}',
        area: 'Afdeling\u20297\u115F\u1160',
      }),
    );
    const group = (await bot.running.store.loadGroup(groupKeyOf(chat.tenantId, chat.conversationId)))!.value;
    expect(group.name).toBe('Søbakken Nord Syd');
    expect(group.area).toBe('Afdeling 7');
    expect(group.coordinators[0].name).toBe('Karen Holm');
    for (const c of HIDDEN_TOO) expect(JSON.stringify(group)).not.toContain(c);
  });

  it('a role title of only a Hangul filler is no title: the join is refused and nothing stored', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(chat, user('Karen Holm'), 'setupGroup', sampleSettings));
    const eve = user('Eve');
    const answer = await bot.send(
      invoke(chat, eve, 'joinGroup', { roleCategory: 'imellem', roleTitle: '\u3164' }),
    );
    expect(JSON.stringify(answer.body)).toContain('Du er ikke meldt ind endnu. Ret de markerede felter.');
    const group = (await bot.running.store.loadGroup(groupKeyOf(chat.tenantId, chat.conversationId)))!.value;
    expect(group.members.map((m) => m.userId)).not.toContain(eve.id);
  });

  it('an invitation text keeps its line breaks and whole emoji, and loses the rest', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const karen = user('Karen Holm');
    await bot.send(invoke(chat, karen, 'setupGroup', sampleSettings));
    await bot.send(
      invoke(chat, karen, 'saveInvitation', {
        ...sampleInvitation,
        meeting: 1,
        location: 'Beboer\u00ADhuset',
        text: 'Hej alle 👩🏽‍💻\u2029Vi ses\u200B til kaffe ❤️\u2064',
      }),
    );
    const meeting = (await bot.running.store.loadMeeting(groupKeyOf(chat.tenantId, chat.conversationId), 1))!
      .value;
    expect(meeting.location).toBe('Beboerhuset');
    expect(meeting.text).toBe('Hej alle 👩🏽‍💻\nVi ses til kaffe ❤️');
  });
});
