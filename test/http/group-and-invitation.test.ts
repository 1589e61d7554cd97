import { botAdded, chatIdOf, groupChat, invoke, mention, user, type TestChat } from '../support/activities';
import { flow } from '../support/scenarios';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText, findInput } from '../support/cards';
import { sampleInvitation, samplePeople, sampleSettings } from '../support/sample-group';

/**
 * The foundation's acceptance flow, driven over HTTP exactly as Teams sends activities: the bot is
 * added, the coordinator sets up the group, six people join and a seventh is refused, the
 * coordinator invites to meeting 1, four people answer, and after a restart everything is still there.
 */
describe('a group is formed and invited to meeting 1 (Danish, over HTTP)', () => {
  let bot: TestBot;
  let chat: TestChat;
  const { coordinator, members } = samplePeople();

  beforeAll(async () => {
    bot = await startTestBot();
    chat = groupChat(bot.connector.serviceUrl);
  });
  afterAll(() => bot.stop());

  const cardOf = (answer: { body?: Record<string, unknown> }): Record<string, unknown> => {
    expect(answer.body?.type).toBe('application/vnd.microsoft.card.adaptive');
    return answer.body?.value as Record<string, unknown>;
  };

  let welcomeId = '';
  let invitationId = '';
  let template = '';
  const step = flow();

  step(
    'welcomes the chat with a card that explains the group and offers setup (no form, no joining yet)',
    async () => {
      const res = await bot.send(botAdded(chat, coordinator));
      expect(res.status).toBe(200);
      const posts = bot.connector.posts();
      expect(posts).toHaveLength(1);
      const welcome = attachedCard(posts[0].activity);
      const text = cardText(welcome);
      expect(text).toContain('Velkommen til erfaringsgruppen');
      expect(text).toContain('3–6 kolleger');
      expect(text).toContain('Opret gruppen');
      expect(text).toContain('løst forpligtende');
      expect(verbsOf(welcome)).toEqual(['openSetup']);
      expect(findInput(welcome, 'name')).toBeUndefined();
      welcomeId = posts[0].id;
    },
  );

  step(
    'answers "Jeg er med" on an old card before the group exists politely, and stores nothing',
    async () => {
      for (const verb of ['openJoin', 'joinGroup'] as const) {
        const res = await bot.send(
          invoke(chat, members[0], verb, { roleCategory: 'fysisk', roleTitle: 'Driftsleder' }, welcomeId),
        );
        expect(res.body?.value).toContain('Gruppen er ikke oprettet endnu');
      }
      expect(await bot.running.store.loadGroup(groupKeyOfChat())).toBeUndefined();
    },
  );

  step('shows the setup card with the eight composition questions', async () => {
    const card = cardOf(await bot.send(invoke(chat, coordinator, 'openSetup', {}, welcomeId)));
    const text = cardText(card);
    expect(text).toContain('Hvem arbejder mellem de to indsatser?');
    expect(text).toContain('Hvem har et andet perspektiv end jeg?');
    expect(findInput(card, 'name')).toBeDefined();
    expect(findInput(card, 'revealMode')).toBeDefined();
  });

  step('re-renders the setup card with the problem marked when the name is missing', async () => {
    const card = cardOf(
      await bot.send(invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, name: '   ' }, welcomeId)),
    );
    expect(cardText(card)).toContain('Ret de markerede felter');
    expect(cardText(card)).toContain('Skal udfyldes.');
    expect(findInput(card, 'association')?.value).toBe(sampleSettings.association);
    expect(await bot.running.store.loadGroup(groupKeyOfChat())).toBeUndefined();
  });

  step('stores the group and makes the first person to complete setup its coordinator', async () => {
    const before = bot.connector.calls.length;
    const card = cardOf(await bot.send(invoke(chat, coordinator, 'setupGroup', sampleSettings, welcomeId)));
    expect(cardText(card)).toContain('Erfaringsgruppe Søbakken');
    expect(cardText(card)).toContain('du er koordinator');
    const stored = await bot.running.store.loadGroup(groupKeyOfChat());
    expect(stored?.value).toMatchObject({
      name: 'Erfaringsgruppe Søbakken',
      association: 'Boligforeningen Kilden',
      phase: 'undervejs',
    });
    expect(stored?.value.coordinators).toEqual([
      { userId: coordinator.id, name: 'Karen Holm', chatId: chatIdOf(coordinator) },
    ]);
    const update = bot.connector.calls.slice(before).find((c) => c.method === 'PUT');
    expect(update?.activityId).toBe(welcomeId);
    const shared = attachedCard(update!.activity);
    expect(cardText(shared)).toContain('Boligforeningen Kilden');
    expect(cardText(shared)).toContain(
      'Koordinatoren er gruppens undersøger og ikke et af de 3–6 medlemmer.',
    );
    expect(verbsOf(shared)).toContain('openJoin');
    expect((await bot.running.store.loadGroup(groupKeyOfChat()))?.value.groupCardId).toBe(welcomeId);
  });

  step('refuses a second person who tries to set the group up again', async () => {
    const res = await bot.send(
      invoke(chat, members[0], 'setupGroup', { ...sampleSettings, name: 'Kapring' }),
    );
    expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(res.body?.value).toContain('Gruppen er allerede oprettet med Karen Holm som koordinator');
    expect((await bot.running.store.loadGroup(groupKeyOfChat()))?.value.name).toBe(
      'Erfaringsgruppe Søbakken',
    );
  });

  step('lets six people join with their roles and updates the group card in place', async () => {
    for (const m of members) {
      const card = cardOf(
        await bot.send(
          invoke(chat, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }, welcomeId),
        ),
      );
      expect(cardText(card)).toContain(`Velkommen i gruppen, ${m.name}!`);
    }
    const updates = bot.connector.updates().filter((u) => u.activityId === welcomeId);
    const last = cardText(attachedCard(updates[updates.length - 1].activity));
    expect(last).toContain('Medlemmer (6 af 6)');
    for (const m of members) expect(last).toContain(m.name);
    expect(last).toContain('Søren Østergaard – Varmemester (mellem de to indsatser)');
    expect(last).toContain('Gruppen dækker både den fysiske og den boligsociale indsats');
  });

  step('refuses a seventh person with a clear message and keeps the roster at six', async () => {
    const seventh = user('Bente Kjær');
    const res = await bot.send(
      invoke(chat, seventh, 'joinGroup', { roleCategory: 'andet', roleTitle: 'Driftschef' }),
    );
    expect(res.status).toBe(200);
    expect(res.body?.value).toContain('Gruppen er fyldt op');
    expect(res.body?.value).toContain('højst 6 medlemmer');
    const stored = await bot.running.store.loadGroup(groupKeyOfChat());
    expect(stored?.value.members.map((m) => m.name)).not.toContain('Bente Kjær');
    expect(stored?.value.members).toHaveLength(6);
  });

  step('politely refuses a member who asks for the invitation editor', async () => {
    const before = bot.connector.posts().length;
    await bot.send(mention(chat, members[1], 'inviter 1'));
    const reply = bot.connector.posts().slice(before);
    expect(reply).toHaveLength(1);
    expect(reply[0].activity.text).toContain(
      'Det er kun gruppens koordinator (Karen Holm), der kan gøre det.',
    );
  });

  step('gives the coordinator an editor pre-filled from the seed template', async () => {
    const before = bot.connector.posts().length;
    await bot.send(mention(chat, coordinator, 'inviter 1'));
    const [post] = bot.connector.posts().slice(before);
    const card = attachedCard(post.activity);
    expect(cardText(card)).toContain('Invitation til møde 1: Tre gode råd');
    const text = String(findInput(card, 'text')?.value);
    expect(text).toContain('Jeg deltager i et projekt');
    expect(text).toContain('invitere jer til et møde [dato] kl. [start]–[slut]. Mødet varer [varighed]');
    template = text;
    expect(text).toContain('Med venlig hilsen\nKaren Holm');
    expect(findInput(card, 'start')?.value).toBe('13:00');
    expect(findInput(card, 'end')?.value).toBe('15:00');
  });

  step('posts the invitation with Danish date and time, place and a notification summary', async () => {
    const before = bot.connector.posts().length;
    const data = { meeting: 1, ...sampleInvitation, text: template };
    const card = cardOf(await bot.send(invoke(chat, coordinator, 'saveInvitation', data)));
    expect(cardText(card)).toContain('Invitationen til møde 1 er gemt og på vej til gruppen.');
    const [post] = bot.connector.posts().slice(before);
    expect(post.activity.summary).toBe('Invitation til møde 1: Tre gode råd');
    const text = cardText(attachedCard(post.activity));
    expect(text).toContain('torsdag den 14. januar 2027 kl. 13.00–15.00');
    expect(text).toContain('Beboerhuset, Søbakken 2');
    expect(text).toContain(
      'invitere jer til et møde torsdag den 14. januar 2027 kl. 13.00–15.00. Mødet varer 2 timer, og temaet er »Tre gode råd«.',
    );
    expect(text).not.toContain('d. torsdag');
    expect(text).toContain('Jeg kommer');
    expect(text).toContain('Jeg kan ikke');
    invitationId = post.id;
  });

  step(
    'records four RSVPs, updates the invitation in place with counts, and names them to the coordinator',
    async () => {
      const answers = [
        [members[0], 'yes'],
        [members[1], 'yes'],
        [members[2], 'maybe'],
        [members[3], 'no'],
      ] as const;
      for (const [m, response] of answers) {
        const before = bot.connector.calls.length;
        const card = cardOf(await bot.send(invoke(chat, m, 'rsvp', { meeting: 1, response }, invitationId)));
        expect(cardText(card)).toMatch(/Dit svar er registreret: \s*(Jeg kommer|Måske|Jeg kan ikke)/);
        const calls = bot.connector.calls.slice(before);
        expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
        expect(calls.filter((c) => c.method === 'PUT').map((c) => c.activityId)).toEqual([invitationId]);
      }
      const updates = bot.connector.updates().filter((u) => u.activityId === invitationId);
      const last = cardText(attachedCard(updates[updates.length - 1].activity));
      expect(last).toContain('Svar på invitationen: 2 kommer · 1 måske · 1 kan ikke');
      for (const [m] of answers) expect(last).not.toContain(m.name);
      const own = await bot.send(invoke(chat, coordinator, 'refresh', { card: 'invitation', meeting: 1 }));
      const names = cardText(own.body?.value);
      expect(names).toContain('Kommer: Aisha Yilmaz, Jens Madsen');
      expect(names).toContain('Måske: Søren Østergaard');
      expect(names).toContain('Kan ikke: Mette Bæk');
    },
  );

  step('tells a non-member to click "Jeg er med" first and does not count them', async () => {
    const outsider = user('Bente Kjær');
    const res = await bot.send(invoke(chat, outsider, 'rsvp', { meeting: 1, response: 'yes' }, invitationId));
    expect(res.body?.value).toContain('Klik på »Jeg er med« først');
    expect(await bot.running.store.listPersonRows(groupKeyOfChat(), 'rsvps', 1)).toHaveLength(4);
  });

  step('still lists everyone after a restart on the same storage', async () => {
    await bot.restart();
    const before = bot.connector.posts().length;
    await bot.send(mention(chat, members[4], 'status'));
    const [post] = bot.connector.posts().slice(before);
    const text = cardText(attachedCard(post.activity));
    expect(text).toContain('Status for Erfaringsgruppe Søbakken');
    for (const m of members) expect(text).toContain(m.name);
    expect(text).toContain('Karen Holm');
    expect(text).toContain(
      'invitation sendt: torsdag den 14. januar 2027 kl. 13.00–15.00 · 2 kommer, 1 måske, 1 kan ikke',
    );
  });

  function verbsOf(card: unknown): string[] {
    return [...new Set([...JSON.stringify(card).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1]))];
  }

  function groupKeyOfChat(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { groupKeyOf } = require('../../src/store/keys') as typeof import('../../src/store/keys');
    return groupKeyOf(chat.tenantId, chat.conversationId);
  }
});
