import { groupChat, inPersonal, invoke, mention, personal, user } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText, findInput } from '../support/cards';
import { sampleSettings } from '../support/sample-group';
import { formedGroup, postsIn, runningMeeting } from '../support/scenarios';

jest.setTimeout(60_000);

/**
 * Meetings off the happy path: too few people, the wrong person, everyone at once, an unheld
 * meeting. Each test starts from its own group in a fresh chat.
 */
describe('meetings, off the happy path', () => {
  let bot: TestBot;
  const outsider = user('Bente Kjær');

  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  it('refuses to start meeting 1 with fewer than three members', async () => {
    const { chat, coordinator } = await formedGroup(bot, { members: 2 });
    const res = await bot.send(invoke(chat, coordinator, 'startMeeting', { meeting: 1 }));
    expect(res.body?.value).toContain('Gruppen har 2 medlemmer. Der skal være mindst 3');
  });

  it('tells a member that starting is the coordinator’s', async () => {
    const { chat, members } = await formedGroup(bot);
    await bot.send(mention(chat, members[0], 'start 1'));
    expect(postsIn(bot, chat).at(-1)?.activity.text).toContain(
      'Det er kun gruppens koordinator (Karen Holm)',
    );
  });

  it('tells people the meeting has not started when they open the form too early', async () => {
    const { chat, members } = await formedGroup(bot);
    const res = await bot.send(invoke(chat, members[0], 'openAnswerForm', { meeting: 1 }));
    expect(res.body?.value).toContain('Møde 1 er ikke startet endnu');
  });

  it('starts once when two start clicks arrive together, and counts six answers sent at the same moment', async () => {
    const { chat, coordinator, members, key } = await formedGroup(bot, { members: 6 });
    const before = postsIn(bot, chat).length;
    const starts = await Promise.all([
      bot.send(invoke(chat, coordinator, 'startMeeting', { meeting: 1 })),
      bot.send(invoke(chat, coordinator, 'startMeeting', { meeting: 1 })),
    ]);
    expect(starts.map((s) => s.status)).toEqual([200, 200]);
    expect(starts.map((s) => s.body?.value).sort()).toEqual([
      'Møde 1 er allerede startet.',
      'Svarkortet til møde 1 er sendt – nu kan alle skrive deres svar.',
    ]);
    const posted = postsIn(bot, chat).slice(before);
    expect(posted).toHaveLength(2);
    const statusId = posted[0].id;

    const answers = await Promise.all(
      members.map((m, i) =>
        bot.send(
          invoke(chat, m, 'submitAnswer', {
            meeting: 1,
            a1: `Råd ${i}.1 – æøå`,
            a2: `Råd ${i}.2`,
            a3: `Råd ${i}.3`,
          }),
        ),
      ),
    );
    expect(answers.every((a) => cardText(a.body?.value).includes('Dine råd er gemt'))).toBe(true);
    const stored = (await bot.running.store.loadPartition(key))!;
    expect(stored.answers.filter((a) => a.meeting === 1)).toHaveLength(6);
    const statusUpdates = bot.connector.updates().filter((u) => u.activityId === statusId);
    expect(cardText(attachedCard(statusUpdates.at(-1)!.activity))).toContain('6 af 6 har delt deres svar');
  });

  it('marks a missing first piece of advice and an answer over 500 characters, and keeps what was typed', async () => {
    const { chat, members } = await runningMeeting(bot);
    const res = await bot.send(
      invoke(chat, members[0], 'submitAnswer', { meeting: 1, a1: '', a2: 'Godt råd', a3: 'x'.repeat(501) }),
    );
    const text = cardText(res.body?.value);
    expect(text).toContain('Dine råd er ikke gemt endnu');
    expect(text).toContain('Skal udfyldes.');
    expect(text).toContain('Højst 500 tegn.');
    expect(findInput(res.body?.value, 'a2')?.value).toBe('Godt råd');
  });

  it('keeps the coordinator verbs for the coordinator', async () => {
    const { chat, members } = await runningMeeting(bot);
    for (const verb of ['reveal', 'startVoting', 'endVoting', 'closeMeeting']) {
      const res = await bot.send(invoke(chat, members[1], verb, { meeting: 1, agreements: 'x' }));
      expect(res.body?.value).toContain('Det er kun gruppens koordinator');
    }
  });

  it('keeps answers and votes for members', async () => {
    const { chat } = await runningMeeting(bot);
    const res = await bot.send(
      invoke(chat, outsider, 'submitAnswer', { meeting: 1, a1: 'a', a2: 'b', a3: 'c' }),
    );
    expect(res.body?.value).toContain('Du er ikke med i gruppen endnu');
  });

  it('refuses prioritising before voting starts and choices that are not on the card', async () => {
    const { chat, coordinator, members } = await runningMeeting(bot);
    const early = await bot.send(invoke(chat, members[0], 'vote', { meeting: 1, choices: 'x' }));
    expect(early.body?.value).toContain('Det kan ikke lade sig gøre på dette trin af møde 1');
    await bot.send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
    const again = await bot.send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
    expect(again.body?.value).toContain('måske har en anden allerede klikket');
    await bot.send(invoke(chat, coordinator, 'startVoting', { meeting: 1 }));
    const forged = await bot.send(invoke(chat, members[0], 'vote', { meeting: 1, choices: 'forged-id' }));
    expect(forged.status).toBe(400);
  });

  it('tells someone outside the group that summaries are the group’s, and the coordinator that meeting 2 is not held', async () => {
    const { chat, coordinator } = await runningMeeting(bot);
    await bot.send(mention(chat, outsider, 'opsummering 1'));
    expect(postsIn(bot, chat).at(-1)?.activity.text).toContain('Opsummeringen er for gruppens medlemmer');
    await bot.send(mention(chat, coordinator, 'opsummering tema 2'));
    expect(postsIn(bot, chat).at(-1)?.activity.text).toContain('Møde 2 er ikke holdt endnu');
  });

  it('answers a refresh with the current status card, or the group card', async () => {
    const { chat, members } = await runningMeeting(bot, { members: 6 });
    const status = await bot.send(invoke(chat, members[2], 'refresh', { meeting: 1 }));
    expect(cardText(status.body?.value)).toContain('Møde 1: Tre gode råd');
    const group = await bot.send(invoke(chat, members[2], 'refresh', {}));
    expect(cardText(group.body?.value)).toContain('Medlemmer (6 af 6)');
  });

  it('refuses the project before meeting 4 is closed', async () => {
    const { chat, members } = await formedGroup(bot);
    const res = await bot.send(invoke(chat, members[0], 'proposeProject', { title: 'T', description: 'D' }));
    expect(res.body?.value).toContain('når alle fire møder er afsluttet');
  });

  it('asks a coordinator of two groups which one they mean in a personal chat, then answers for it', async () => {
    const { chat, coordinator, members } = await runningMeeting(bot);
    const other = groupChat(bot.connector.serviceUrl);
    await bot.send(
      invoke(other, coordinator, 'setupGroup', { ...sampleSettings, name: 'Erfaringsgruppe Nørremarken' }),
    );
    const where = personal(chat);
    await bot.send(inPersonal(mention(where, coordinator, 'opsummering 1')));
    const choose = attachedCard(postsIn(bot, where).at(-1)!.activity);
    expect(cardText(choose)).toContain('Hvilken gruppe mener du?');
    const buttons = choose.actions as { title: string; data: Record<string, unknown> }[];
    expect(buttons.map((b) => b.title).sort()).toEqual([
      'Erfaringsgruppe Nørremarken',
      'Erfaringsgruppe Søbakken',
    ]);
    const pick = buttons.find((b) => b.title === 'Erfaringsgruppe Søbakken')!;
    const res = await bot.send(inPersonal(invoke(where, coordinator, 'summary', pick.data)));
    expect(cardText(res.body?.value)).toContain('Opsummering af møde 1: Tre gode råd');

    const refused = await bot.send(inPersonal(invoke(where, members[0], 'summary', pick.data)));
    expect(cardText(refused.body?.value)).not.toContain('Opsummering af møde 1');
  });
});
