/**
 * `opret` typed in a group chat (issue 22: forms only to the person who opens them). The bot
 * answers with a button, never the form: a form in a shared message could be filled in by anyone.
 * The button's click returns the setup card to the clicker alone, as the welcome card's does, and
 * the group card takes the button's place once the group is set up.
 */
import { groupChat, invoke, mention } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText, findInput } from '../support/cards';
import { samplePeople, sampleSettings } from '../support/sample-group';
import { postsIn } from '../support/scenarios';

type Json = Record<string, unknown>;

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** Every input of a card, anywhere in it (ShowCards included). */
function inputsOf(card: unknown): string[] {
  const json = JSON.stringify(card);
  return [...json.matchAll(/"type":"(Input\.[A-Za-z]+)"/g)].map((m) => m[1]);
}

/** The card's buttons as [title, verb]. */
function buttonsOf(card: Json): [string, unknown][] {
  return ((card.actions ?? []) as Json[]).map((a) => [String(a.title), a.verb]);
}

describe('opret in a group chat', () => {
  it('posts a button, not the form; its click returns the setup card to the clicker, and the group card replaces the button', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const { coordinator, members } = samplePeople();
    await bot.send(mention(chat, coordinator, 'opret'));
    const [prompt] = postsIn(bot, chat);
    const card = attachedCard(prompt.activity);
    expect(inputsOf(card)).toEqual([]);
    expect(buttonsOf(card)).toEqual([['Opret gruppen', 'openSetup']]);
    expect(cardText(card)).toContain('Det er kun dig, der ser kortet, mens du udfylder det');

    // Someone else's click gets the form too, in their own view: nothing is posted for the chat.
    const form = await bot.send(invoke(chat, members[0], 'openSetup', {}, prompt.id));
    expect(findInput(form.body?.value, 'name')).toBeDefined();
    expect(postsIn(bot, chat)).toHaveLength(1);

    const done = await bot.send(invoke(chat, coordinator, 'setupGroup', sampleSettings, prompt.id));
    expect(cardText(done.body?.value)).toContain('du er koordinator');
    const update = bot.connector.updates().find((u) => u.activityId === prompt.id)!;
    expect(cardText(attachedCard(update.activity))).toContain(sampleSettings.name);

    // Once the group is set up, `opret` offers its settings, still behind a button.
    await bot.send(mention(chat, coordinator, 'opret'));
    const edit = attachedCard(postsIn(bot, chat).at(-1)!.activity);
    expect(inputsOf(edit)).toEqual([]);
    expect(buttonsOf(edit)).toEqual([['Ret gruppen', 'openSetup']]);
  });

  it('answers `setup` in English, before a group exists', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    await bot.send(mention(chat, samplePeople().coordinator, 'setup'));
    const card = attachedCard(postsIn(bot, chat).at(-1)!.activity);
    expect(inputsOf(card)).toEqual([]);
    expect(buttonsOf(card)).toEqual([['Set up the group', 'openSetup']]);
    expect(cardText(card)).toContain('Only you see the card while you fill it in');
    // Its click opens the form in English too, whatever the clicker's Teams locale says.
    const { data } = (card.actions as { data: Json }[])[0];
    const click = invoke(chat, samplePeople().coordinator, 'openSetup', data);
    const form = await bot.send({ ...click, locale: 'da-DK' });
    expect(cardText(form.body?.value)).toContain('Set up the experience group');
  });
});
