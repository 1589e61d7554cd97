import { COMMAND_NAMES, parseCommand } from '../../src/bot/commands';
import { groupChat, invoke, mention, user, type TestChat, type TestUser } from '../support/activities';
import { flow } from '../support/scenarios';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText, findInput } from '../support/cards';
import { samplePeople, sampleSettings } from '../support/sample-group';
import { sampleSnapshot } from '../support/sample-programme';
import { seedSnapshot } from '../support/seed';
import sample from '../fixtures/sample-group.da.json';

/** The minutes of a guide's steps ("15 min"), as the coordinator reads them. */
const minutesIn = (text: string): number[] => [...text.matchAll(/(\d+) min\b/g)].map((m) => Number(m[1]));

/**
 * The method in the words, over HTTP as Teams sends activities: the invitation states the real
 * times and length, later meetings start from a follow-up, the coordinator gets a timed guide,
 * counts agree with their nouns, and help names every command and the purpose.
 */
describe('the method in the words (Danish, over HTTP)', () => {
  let bot: TestBot;
  let chat: TestChat;
  const { coordinator, members } = samplePeople();
  const three = members.slice(0, 3);
  const step = flow();

  beforeAll(async () => {
    bot = await startTestBot();
    chat = groupChat(bot.connector.serviceUrl);
  });
  afterAll(() => bot.stop());

  const lastCard = (): string => cardText(attachedCard(bot.connector.posts().at(-1)!.activity));
  const say = async (who: TestUser, text: string): Promise<string> => {
    await bot.send(mention(chat, who, text));
    return lastCard();
  };

  step('asks the seed’s precondition at setup and answers "no" with advice, never a block', async () => {
    const setup = (await bot.send(invoke(chat, coordinator, 'openSetup'))).body?.value;
    expect(cardText(setup)).toContain('Pågår der både en fysisk renovering og en boligsocial indsats');
    expect(findInput(setup, 'precondition')?.isRequired).toBeUndefined();
    const res = await bot.send(
      invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, precondition: 'no' }),
    );
    const text = cardText(res.body?.value);
    expect(text).toContain('du er koordinator');
    expect(text).toContain('Metoden er tænkt til afdelinger, hvor en fysisk og en boligsocial indsats pågår');
    for (const m of three)
      await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }));
  });

  step('gives the coordinator the method’s two hours as a guide when nothing is invited yet', async () => {
    const text = await say(coordinator, 'guide 2');
    expect(text).toContain('Vejledning til møde 2: Bidrag til samarbejde');
    expect(text).toContain('metodens 2 timer');
    expect(text).toContain('undersøger');
    expect(text).toContain('Hvad har du lært af de andres faglighed');
    const minutes = minutesIn(text);
    expect(minutes.length).toBeGreaterThanOrEqual(4);
    expect(minutes.reduce((a, b) => a + b, 0)).toBe(120);
  });

  step('sends an invitation that states the real times and length, never "d. torsdag den"', async () => {
    await bot.send(mention(chat, coordinator, 'inviter 1'));
    const editor = attachedCard(bot.connector.posts().at(-1)!.activity);
    const template = String(findInput(editor, 'text')?.value);
    const before = bot.connector.posts().length;
    await bot.send(
      invoke(chat, coordinator, 'saveInvitation', {
        meeting: 1,
        date: '2027-01-14',
        start: '13.00',
        end: '14:30',
        location: 'Beboerhuset',
        text: template,
      }),
    );
    const text = cardText(attachedCard(bot.connector.posts()[before].activity));
    expect(text).toContain('torsdag den 14. januar 2027 kl. 13.00–14.30');
    expect(text).toContain('invitere jer til et møde torsdag den 14. januar 2027 kl. 13.00–14.30.');
    expect(text).toContain('Mødet varer 1½ time');
    expect(text).not.toMatch(/d\. torsdag den|Mødet vil vare 2 timer/);
  });

  step('turns the invited 13.00–14.30 into a guide of timed steps that add up to 90 minutes', async () => {
    const text = await say(coordinator, 'vejledning 1');
    const minutes = minutesIn(text);
    expect(minutes.length).toBeGreaterThanOrEqual(4);
    expect(minutes.reduce((a, b) => a + b, 0)).toBe(90);
    expect(text).toContain('kl. 13.00–13.15');
    expect(text).toContain('Hvem har gode historier at fortælle?');
    expect(text).toContain('løst forpligtende');
  });

  step('gives a member a short description of the meeting instead of the running order', async () => {
    const text = await say(three[0], 'vejledning 1');
    expect(text).toContain('Møde 1 handler om »Tre gode råd«');
    expect(minutesIn(text)).toEqual([]);
  });

  step('offers the guide on the status card', async () => {
    await bot.send(mention(chat, coordinator, 'status'));
    const card = attachedCard(bot.connector.posts().at(-1)!.activity);
    const actions = card.actions as { title: string; data?: { verb?: string; meeting?: unknown } }[];
    const guide = actions.find((a) => a.data?.verb === 'openGuide');
    expect(guide?.title).toBe('Møde 1: vejledning');
    const res = await bot.send(invoke(chat, coordinator, 'openGuide', { meeting: guide?.data?.meeting }));
    expect(minutesIn(cardText(res.body?.value)).reduce((a, b) => a + b, 0)).toBe(90);
  });

  step(
    'starts meeting 2’s invitation from a follow-up, four weeks after meeting 1 at its times and place',
    async () => {
      await bot.send(mention(chat, coordinator, 'inviter 2'));
      const editor = attachedCard(bot.connector.posts().at(-1)!.activity);
      expect(findInput(editor, 'date')?.value).toBe('2027-02-11');
      expect(findInput(editor, 'start')?.value).toBe('13:00');
      expect(findInput(editor, 'end')?.value).toBe('14:30');
      expect(findInput(editor, 'location')?.value).toBe('Beboerhuset');
      const text = String(findInput(editor, 'text')?.value);
      expect(text).toMatch(/^Hej alle\n\nTak for sidst\. Næste gang ser vi på »Bidrag til samarbejde«/);
      expect(text).not.toContain('Jeg deltager i et projekt');
      expect(text).toContain('[dato] kl. [start]–[slut]');
    },
  );

  step('says who chose an answer as "valgt af 1", never as votes', async () => {
    await bot.send(mention(chat, coordinator, 'start 1'));
    for (const [i, m] of three.entries())
      await bot.send(
        invoke(chat, m, 'submitAnswer', { meeting: 1, a1: `Råd ${i}a`, a2: `Råd ${i}b`, a3: `Råd ${i}c` }),
      );
    await bot.send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
    await bot.send(invoke(chat, coordinator, 'startVoting', { meeting: 1 }));
    const voting = (await bot.send(invoke(chat, three[0], 'openVoting', { meeting: 1 }))).body?.value;
    const choices = findInput(voting, 'choices')?.choices as { title: string; value: string }[];
    const chosen = choices.find((c) => c.title.startsWith('Råd 1b'))!;
    await bot.send(invoke(chat, three[0], 'vote', { meeting: 1, choices: chosen.value }));
    await bot.send(invoke(chat, coordinator, 'endVoting', { meeting: 1 }));
    await bot.send(invoke(chat, coordinator, 'closeMeeting', { meeting: 1, agreements: 'Vi mødes igen.' }));
    expect(lastCard()).toContain('1. Råd 1b (valgt af 1)');
    expect(lastCard()).not.toMatch(/stemme/);
  });

  step('names every command, the purpose and why "på tværs" exists in help', async () => {
    const text = await say(members[5], 'hjælp');
    const named = [...text.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => parseCommand(m[1])?.name);
    for (const c of COMMAND_NAMES) expect(named).toContain(c);
    expect(text).toContain('løst forpligtende');
    expect(text).toContain('på tværs af boligorganisationer');
    expect(text).toContain('kan generaliseres');
  });
});

describe("meeting 2's summary (over HTTP)", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  it('lists the answers under each of the three questions, and what was chosen among what we want more of', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    await seedSnapshot(bot.running.store, chat, sampleSnapshot());
    const karen = { ...user(sample.coordinator.name), id: 'c' };
    await bot.send(mention(chat, karen, 'opsummering 2'));
    const text = cardText(attachedCard(bot.connector.posts().at(-1)!.activity));
    const meeting2 = sample.meetings[1].answers as Record<string, string[]>;
    const q1 = text.indexOf(
      'Hvad bidrager du med til samarbejdet – hvad gør du særligt godt, og hvordan gør du det?',
    );
    const q2 = text.indexOf('Hvad bidrager de andre med, som gør en forskel for dit arbejde?');
    const q3 = text.indexOf('Hvad vil du gerne have mere af i samarbejdet?');
    const chosen = text.indexOf('Det, I valgte');
    expect(q1).toBeGreaterThan(-1);
    expect(q2).toBeGreaterThan(q1);
    expect(q3).toBeGreaterThan(q2);
    expect(chosen).toBeGreaterThan(q3);
    for (const [first, second, third] of Object.values(meeting2)) {
      const a1 = text.indexOf(first.slice(0, 40));
      expect(a1).toBeGreaterThan(q1);
      expect(a1).toBeLessThan(q2);
      expect(text.indexOf(second.slice(0, 40))).toBeGreaterThan(q2);
      expect(text.indexOf(third.slice(0, 40))).toBeGreaterThan(q3);
    }
    // The group chose only among what it wants more of: never a colleague's strength.
    const choices = text
      .slice(chosen)
      .split('\n')
      .filter((l) => /^\d+\. /.test(l));
    expect(choices.length).toBeGreaterThan(0);
    const wantMore = Object.values(meeting2).map((a) => a[2].slice(0, 30));
    for (const line of choices) {
      expect(line).toMatch(/\(valgt af \d+\)$/);
      expect(wantMore.some((w) => line.includes(w))).toBe(true);
    }
  });

  it("keeps meeting 3's second question in what was chosen, however the first was chosen", async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    await seedSnapshot(bot.running.store, chat, sampleSnapshot());
    const karen = { ...user(sample.coordinator.name), id: 'c' };
    await bot.send(mention(chat, karen, 'opsummering 3'));
    const text = cardText(attachedCard(bot.connector.posts().at(-1)!.activity));
    const today = text.indexOf('Det, I valgte: Virker i dag');
    const better = text.indexOf('Det, I valgte: Kunne gøre det bedre');
    expect(today).toBeGreaterThan(-1);
    expect(better).toBeGreaterThan(today);
    const seconds = Object.values(sample.meetings[2].answers as Record<string, string[]>).map((a) => a[1]);
    const chosenSecond = (from: string): string[] =>
      from
        .slice(from.indexOf('Kunne gøre det bedre'))
        .split('\n')
        .filter((l) => /^\d+\. /.test(l) && seconds.some((s) => l.includes(s.slice(0, 30))));
    expect(chosenSecond(text).length).toBeGreaterThan(0);
    await bot.send(mention(chat, karen, 'opsummering'));
    const programme = cardText(attachedCard(bot.connector.posts().at(-1)!.activity));
    const m3 = programme.slice(programme.indexOf('Møde 3'), programme.indexOf('Møde 4'));
    expect(chosenSecond(m3).length).toBeGreaterThan(0);
  });
});
