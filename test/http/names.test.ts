/**
 * Names people give themselves and their groups are stored clean (no bidi controls, no zero-width
 * characters) and shown literally: a markdown link in a name is never a live link in a card title
 * or a chat message.
 */
import { groupChat, invoke, mention, submit, user } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';
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

  it('with a markdown link show literally in the `slet gruppe` title and the notCoordinator message', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const karen = user('Karen [klik](https://evil.example)');
    const jens = user('Jens Madsen');
    await bot.send(
      invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Søbakken [klik](https://evil.example)' }),
    );
    await bot.send(mention(chat, karen, 'slet gruppe'));
    const title = cardText(attachedCard(bot.connector.posts().at(-1)!.activity)).split('\n')[0];
    expect(title).toContain('klik');
    expect(title).not.toMatch(LIVE_LINK);

    await bot.send(submit(chat, jens, { verb: 'startMeeting', meeting: 1 }));
    const refusal = String(bot.connector.posts().at(-1)!.activity.text);
    expect(refusal).toContain('koordinator');
    expect(refusal).toContain('klik');
    expect(refusal).not.toMatch(LIVE_LINK);
  });
});
