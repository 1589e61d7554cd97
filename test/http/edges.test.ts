import { randomUUID } from 'node:crypto';
import {
  botAdded,
  groupChat,
  inPersonal,
  invoke,
  mention,
  personal,
  submit,
  user,
} from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText, findInput } from '../support/cards';
import { sampleInvitation, samplePeople, sampleSettings } from '../support/sample-group';
import { formedGroup, postsIn } from '../support/scenarios';
import { groupKeyOf } from '../../src/store/keys';

/**
 * What people do besides the happy path: wrong places, wrong input, older clients, second
 * thoughts. Each test starts from its own chat.
 */
describe('the group and invitations, off the happy path', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({ ALLOWED_TENANTS: '11111111-2222-4333-8444-555555555555' });
  });
  afterAll(() => bot.stop());

  it('tells people to set up the group before anything else', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const [jens] = samplePeople().members;
    const res = await bot.send(
      invoke(chat, jens, 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Projektleder' }),
    );
    expect(res.body?.value).toContain('Gruppen er ikke oprettet endnu');
    await bot.send(mention(chat, jens, 'status'));
    expect(postsIn(bot, chat).at(-1)?.activity.text).toContain('@Erfaringsgruppe opret');
  });

  it('answers help with the commands, and anything else with a pointer to help', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const [jens] = samplePeople().members;
    await bot.send(mention(chat, jens, 'hjælp'));
    const help = cardText(attachedCard(postsIn(bot, chat).at(-1)!.activity));
    expect(help).toContain('inviter 1');
    expect(help).toContain('Jeg er med');
    await bot.send(mention(chat, jens, 'hvornår ses vi?'));
    expect(postsIn(bot, chat).at(-1)?.activity.text).toContain('Skriv »@Erfaringsgruppe hjælp«');
  });

  it("speaks English before setup and in a personal chat: the command's language, else the Teams locale", async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const [jens] = samplePeople().members;
    await bot.send(mention(chat, jens, 'help'));
    expect(cardText(attachedCard(postsIn(bot, chat).at(-1)!.activity))).toContain(
      'How to use Erfaringsgruppe',
    );
    // "status" is a word of both languages: the person's Teams locale decides.
    await bot.send({ ...mention(chat, jens, 'status'), locale: 'en-GB' });
    expect(postsIn(bot, chat).at(-1)?.activity.text).toContain('Write “@Erfaringsgruppe setup”');
    await bot.send({ ...botAdded(chat, jens), locale: 'en-US' });
    expect(cardText(attachedCard(postsIn(bot, chat).at(-1)!.activity))).toContain(
      'Welcome to the experience group',
    );

    const where = personal(chat);
    const newcomer = user('Nadia Berg');
    const said = (): string => {
      const activity = postsIn(bot, where).at(-1)!.activity;
      return typeof activity.text === 'string' ? activity.text : cardText(attachedCard(activity));
    };
    const inPersonalChat = (text: string, locale: string): Record<string, unknown> => {
      const activity = inPersonal(mention(where, newcomer, text));
      activity.locale = locale;
      return activity;
    };
    await bot.send(inPersonalChat('my data', 'da-DK'));
    expect(said()).toContain('I have not stored anything about you');
    await bot.send(inPersonalChat('mine data', 'en-US'));
    expect(said()).toContain('Jeg har ikke gemt noget om dig');
  });

  it('works from an older client that sends Action.Submit, replacing the clicked card with the one everyone sees', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const { coordinator } = samplePeople();
    // `opsæt` posts a button; the setup card it opened in the clicker's view is sent from its place.
    await bot.send(mention(chat, coordinator, 'opsæt'));
    const setupCard = postsIn(bot, chat).at(-1)!;
    expect(cardText(attachedCard(setupCard.activity))).toContain('Opret gruppen');
    await bot.send(submit(chat, coordinator, { verb: 'setupGroup', ...sampleSettings }, setupCard.id));
    const replaced = bot.connector.updates().filter((u) => u.activityId === setupCard.id);
    // The group card as everyone sees it: a person's own view is never posted in the chat.
    const shown = cardText(attachedCard(replaced.at(-1)!.activity));
    expect(shown).toContain('Medlemmer (0 af 6)');
    expect(shown).not.toContain('du er koordinator');
    const key = groupKeyOf(chat.tenantId, chat.conversationId);
    expect((await bot.running.store.loadGroup(key))?.value.coordinators[0].name).toBe('Karen Holm');
  });

  it('lets the coordinator change the settings, updating the group card in place', async () => {
    const { chat, coordinator, key } = await formedGroup(bot, { members: 0 });
    const groupCardId = (await bot.running.store.loadGroup(key))!.value.groupCardId;
    const posts = postsIn(bot, chat).length;
    await bot.send(invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, phase: 'afslutning' }));
    expect(postsIn(bot, chat)).toHaveLength(posts);
    const update = bot.connector.updates().at(-1)!;
    expect(update.activityId).toBe(groupCardId);
    expect(cardText(attachedCard(update.activity))).toContain('Afslutning');
  });

  it('lets a member change their role and leave, and refuses leaving for someone who is not in', async () => {
    const { chat, others, key } = await formedGroup(bot, { members: 0 });
    const m = others[0];
    await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Projektleder' }));
    const changed = await bot.send(
      invoke(chat, m, 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Byggeleder' }),
    );
    expect(cardText(changed.body?.value)).toContain('Din rolle er opdateret til Byggeleder.');
    expect((await bot.running.store.loadGroup(key))?.value.members).toHaveLength(1);
    const left = await bot.send(invoke(chat, m, 'leaveGroup'));
    expect(cardText(left.body?.value)).toContain('Du har forladt gruppen');
    expect((await bot.running.store.loadGroup(key))?.value.members).toHaveLength(0);
    const again = await bot.send(invoke(chat, m, 'leaveGroup'));
    expect(again.body?.value).toContain('Du er ikke med i gruppen endnu');
  });

  it('marks a join form without a role instead of guessing', async () => {
    const { chat, others, key } = await formedGroup(bot, { members: 0 });
    const res = await bot.send(
      invoke(chat, others[1], 'joinGroup', { roleCategory: 'boligsocial', roleTitle: '  ' }),
    );
    expect(cardText(res.body?.value)).toContain('Du er ikke meldt ind endnu. Ret de markerede felter.');
    expect((await bot.running.store.loadGroup(key))?.value.members).toHaveLength(0);
  });

  it('re-renders the invitation editor with each problem marked and posts nothing', async () => {
    const { chat, coordinator, key } = await formedGroup(bot, { members: 0 });
    const posts = postsIn(bot, chat).length;
    const bad = { meeting: 2, ...sampleInvitation, date: '2026-11-01', end: '12:00', text: 'Hej' };
    const res = await bot.send(invoke(chat, coordinator, 'saveInvitation', bad));
    const text = cardText(res.body?.value);
    expect(text).toContain('Invitationen er ikke sendt endnu');
    expect(text).toContain('Datoen er allerede passeret.');
    expect(text).toContain('Sluttidspunktet skal ligge efter starttidspunktet.');
    expect(findInput(res.body?.value, 'location')?.value).toBe(sampleInvitation.location);
    expect(postsIn(bot, chat)).toHaveLength(posts);
    expect(await bot.running.store.loadMeeting(key, 2)).toBeUndefined();
  });

  it('updates a saved invitation in place and keeps the answers already given', async () => {
    const { chat, coordinator, members } = await formedGroup(bot);
    const soeren = members[2];
    await bot.send(
      invoke(chat, coordinator, 'saveInvitation', { meeting: 3, ...sampleInvitation, text: 'Hej' }),
    );
    const card = postsIn(bot, chat).at(-1)!;
    await bot.send(invoke(chat, soeren, 'rsvp', { meeting: 3, response: 'yes' }, card.id));
    const posts = postsIn(bot, chat).length;
    const res = await bot.send(
      invoke(chat, coordinator, 'saveInvitation', {
        meeting: 3,
        ...sampleInvitation,
        start: '14:00',
        end: '16:00',
        text: 'Ny tid',
      }),
    );
    expect(cardText(res.body?.value)).toContain('Invitationen til møde 3 er opdateret.');
    expect(postsIn(bot, chat)).toHaveLength(posts);
    const update = bot.connector.updates().at(-1)!;
    expect(update.activityId).toBe(card.id);
    const text = cardText(attachedCard(update.activity));
    expect(text).toContain('kl. 14.00–16.00');
    expect(text).toContain('Svar på invitationen: 1 kommer');
  });

  it.each([
    ['an unknown verb', 'dropTables', {}],
    ['a meeting number out of range', 'rsvp', { meeting: 7, response: 'yes' }],
    ['a meeting number of the wrong type', 'rsvp', { meeting: { $gt: 0 }, response: 'yes' }],
    ['an unknown answer', 'rsvp', { meeting: 3, response: 'ja tak' }],
  ])('answers %s with a 400 and a message, and stores nothing', async (_what, verb, data) => {
    const { chat, members, key } = await formedGroup(bot);
    const before = await bot.running.store.listPersonRows(key, 'rsvps', 3);
    const res = await bot.send(invoke(chat, members[2], verb, data));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(String((res.body?.value as { message: string }).message).length).toBeGreaterThan(10);
    expect(await bot.running.store.listPersonRows(key, 'rsvps', 3)).toEqual(before);
  });

  it('ignores prototype-polluting keys in card data', async () => {
    const { chat, others } = await formedGroup(bot, { members: 0 });
    const data = JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": {"x": 1}, "roleCategory": "andet", "roleTitle": "Driftschef"}',
    );
    const res = await bot.send(invoke(chat, others[3], 'joinGroup', data));
    expect(cardText(res.body?.value)).toContain('Velkommen i gruppen');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('asks for a group chat when setup is tried in a personal chat, and helps there', async () => {
    const { coordinator } = samplePeople();
    const personal = { ...groupChat(bot.connector.serviceUrl), conversationId: `a:${randomUUID()}` };
    const setupInPersonal = invoke(personal, coordinator, 'setupGroup', sampleSettings);
    (setupInPersonal.conversation as Record<string, unknown>).conversationType = 'personal';
    const refused = await bot.send(setupInPersonal);
    expect(refused.body?.value).toContain('Det virker kun i gruppens chat');
    const added = botAdded(personal, coordinator);
    (added.conversation as Record<string, unknown>).conversationType = 'personal';
    await bot.send(added);
    const help = cardText(attachedCard(postsIn(bot, personal).at(-1)!.activity));
    expect(help).toContain('Sådan bruger du Erfaringsgruppe');
    // One person reads it: "du", not "I".
    expect(help).toContain('Jeg hjælper dig gennem forløbet');
    expect(help).toContain('se din egen organisation indefra');
    expect(help).not.toMatch(/hjælper jer|jeres egen/);
  });

  it('shows everyone who clicked "Jeg er med" at the same moment on the group card', async () => {
    const { chat, others, key } = await formedGroup(bot);
    const crowd = [others[0], others[1], user('Bente Kjær')];
    const answers = await Promise.all(
      crowd.map((m) =>
        bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'andet', roleTitle: 'Driftschef' })),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const stored = (await bot.running.store.loadGroup(key))!.value;
    const updates = bot.connector.updates().filter((u) => u.activityId === stored.groupCardId);
    const last = cardText(attachedCard(updates.at(-1)!.activity));
    expect(last).toContain(`Medlemmer (${stored.members.length} af 6)`);
    for (const m of crowd) expect(last).toContain(m.name);
  });

  it('re-posts the group card when the bot is added again to a chat that has a group', async () => {
    const { chat, coordinator, key } = await formedGroup(bot);
    const before = postsIn(bot, chat).length;
    await bot.send(botAdded(chat, coordinator));
    const [post] = postsIn(bot, chat).slice(before);
    expect(cardText(attachedCard(post.activity))).toContain('Erfaringsgruppe Søbakken');
    expect((await bot.running.store.loadGroup(key))?.value.groupCardId).toBe(post.id);
  });

  it('does not answer a tenant that is not allowed', async () => {
    const foreign = groupChat(bot.connector.serviceUrl, '99999999-0000-4000-8000-000000000000');
    const before = bot.connector.calls.length;
    const res = await bot.send(mention(foreign, user('Mallory'), 'hjælp'));
    expect(res.status).toBeLessThan(300);
    expect(bot.connector.calls).toHaveLength(before);
  });
});
