import sample from '../fixtures/sample-group.da.json';
import { groupKeyOf } from '../../src/store/keys';
import { groupChat, invoke, mention, type TestChat } from '../support/activities';
import { flow } from '../support/scenarios';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText, findInput } from '../support/cards';
import { samplePeople, sampleSettings } from '../support/sample-group';

const words = {
  da: {
    start: 'start',
    summary: 'opsummering',
    answersLocked: 'Svarene til møde 1 er allerede vist',
    tooMany: 'Du kan højst vælge 3 svar – du valgte 4.',
    threeGood: 'De gode råd, I valgte',
    lastTime: 'Sidst aftalte vi',
    progress: (n: number) => `${n} af 6 har delt deres svar`,
    final: 'Tillykke – I har et fælles projekt!',
    project: 'Fælles projekt',
  },
  en: {
    start: 'start',
    summary: 'summary',
    answersLocked: 'The answers to meeting 1 have already been shown',
    tooMany: 'You can choose at most 3 answers – you chose 4.',
    threeGood: 'The advice you chose',
    lastTime: 'Last time we agreed',
    progress: (n: number) => `${n} of 6 have shared their answers`,
    final: 'Congratulations – you have a common project!',
    project: 'Common project',
  },
};

/**
 * The whole programme through the real HTTP entry point: four meetings with answers, an edit before
 * reveal, a refused late answer, votes, agreements, the common project, and the summaries.
 */
// Paced to Teams' limits (60 sends per 30 s), a whole programme takes a minute of real time.
jest.setTimeout(120_000);

describe.each(['da', 'en'] as const)('a whole programme in %s', (language) => {
  const w = words[language];
  let bot: TestBot;
  let chat: TestChat;
  const { coordinator, members } = samplePeople();
  const byKey = (key: string) => members.find((m) => m.key === key)!;
  const edited = 'Hold fælles morgenmøde hver tirsdag – også når alt går godt.';
  const step = flow();

  beforeAll(async () => {
    bot = await startTestBot();
    chat = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, language }));
    for (const m of members)
      await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }));
  });
  afterAll(() => bot.stop());

  const lastPost = () => bot.connector.posts().at(-1)!;
  const cardTextOf = (res: { body?: Record<string, unknown> }) => cardText(res.body?.value);

  step('refuses to start meeting 2 before meeting 1', async () => {
    const res = await bot.send(invoke(chat, coordinator, 'startMeeting', { meeting: 2 }));
    expect(res.body?.value).toMatch(
      language === 'da'
        ? /Møde 2 kan først begynde, når møde 1 er afsluttet/
        : /Meeting 2 can only start when meeting 1 is closed/,
    );
  });

  for (const meeting of sample.meetings) {
    const n = meeting.meeting;
    step(`runs meeting ${n}: start, answers, reveal, votes, close`, async () => {
      const postsBefore = bot.connector.posts().length;
      await bot.send(mention(chat, coordinator, `${w.start} ${n}`));
      const [status, prompt] = bot.connector.posts().slice(postsBefore);
      expect(cardText(attachedCard(status.activity))).toContain(w.progress(0));
      if (n > 1) {
        expect(cardText(attachedCard(status.activity))).toContain(w.lastTime);
        expect(cardText(attachedCard(status.activity))).toContain(
          sample.meetings[n - 2].agreements.split('.')[0],
        );
      }
      expect(attachedCard(prompt.activity)).toBeDefined();

      for (const [key, fields] of Object.entries(meeting.answers)) {
        const m = byKey(key);
        const form = await bot.send(invoke(chat, m, 'openAnswerForm', { meeting: n }, prompt.id));
        expect(findInput(form.body?.value, 'a1')).toBeDefined();
        const data = Object.fromEntries(fields.map((f, i) => [`a${i + 1}`, f]));
        const saved = await bot.send(invoke(chat, m, 'submitAnswer', { meeting: n, ...data }, prompt.id));
        expect(findInput(saved.body?.value, 'a1')?.value).toBe(fields[0]);
      }
      if (n === 1) {
        const aisha = byKey('aisha');
        const form = await bot.send(invoke(chat, aisha, 'openAnswerForm', { meeting: 1 }));
        expect(findInput(form.body?.value, 'a2')?.value).toBe(meeting.answers.aisha[1]);
        await bot.send(
          invoke(chat, aisha, 'submitAnswer', {
            meeting: 1,
            a1: meeting.answers.aisha[0],
            a2: edited,
            a3: meeting.answers.aisha[2],
          }),
        );
      }
      const statusUpdates = bot.connector.updates().filter((u) => u.activityId === status.id);
      expect(cardText(attachedCard(statusUpdates.at(-1)!.activity))).toContain(w.progress(6));

      const revealed = await bot.send(invoke(chat, coordinator, 'reveal', { meeting: n }, status.id));
      expect(revealed.status).toBe(200);
      const revealCard = cardText(attachedCard(lastPost().activity));
      for (const fields of Object.values(meeting.answers))
        for (const f of fields)
          if (!(n === 1 && f === meeting.answers.aisha[1]))
            expect(revealCard).toContain(f.split('–')[0].trim().slice(0, 30));

      if (n === 1) {
        const late = await bot.send(
          invoke(chat, byKey('ole'), 'submitAnswer', { meeting: 1, a1: 'For sent', a2: 'x', a3: 'y' }),
        );
        expect(late.body?.value).toContain(w.answersLocked);
      }

      await bot.send(invoke(chat, coordinator, 'startVoting', { meeting: n }, status.id));
      // The shared card has no input: each member's button returns their own choosing form.
      expect(findInput(attachedCard(lastPost().activity), 'choices')).toBeUndefined();
      const form = await bot.send(invoke(chat, members[0], 'openVoting', { meeting: n }, lastPost().id));
      const votingCard = form.body?.value as Record<string, unknown>;
      const choices = (findInput(votingCard, 'choices')?.choices as { value: string }[]).map((c) => c.value);
      // Meeting 2 chooses only among what the group wants more of (its third question).
      const choosable = Object.values(meeting.answers).flatMap((a) => (n === 2 ? a.slice(2) : a));
      expect(choices.length).toBe(choosable.length);
      if (n === 1) {
        const tooMany = await bot.send(
          invoke(chat, members[0], 'vote', { meeting: 1, choices: choices.slice(0, 4).join(',') }),
        );
        expect(tooMany.body?.value).toContain(w.tooMany);
      }
      for (const [i, m] of members.entries()) {
        const picked = [choices[(i * 2) % choices.length], choices[(i * 2 + 1) % choices.length], choices[0]];
        const res = await bot.send(
          invoke(chat, m, 'vote', { meeting: n, choices: picked.join(',') }, lastPost().id),
        );
        expect(res.status).toBe(200);
      }
      await bot.send(invoke(chat, coordinator, 'endVoting', { meeting: n }, status.id));
      const closed = await bot.send(
        invoke(chat, coordinator, 'closeMeeting', { meeting: n, agreements: meeting.agreements }, status.id),
      );
      expect(closed.status).toBe(200);
      const conclusion = cardText(attachedCard(lastPost().activity));
      expect(conclusion).toContain(meeting.agreements.split('.')[0]);
      if (n === 1) expect(conclusion).toContain(w.threeGood);
      expect(bot.connector.posts().length - postsBefore).toBeLessThanOrEqual(7);
    });
  }

  step('ends with the common project', async () => {
    for (const p of sample.projectProposals) {
      const res = await bot.send(
        invoke(chat, byKey(p.by), 'proposeProject', { title: p.title, description: p.description }),
      );
      expect(cardTextOf(res)).toContain(p.title);
    }
    await bot.send(invoke(chat, coordinator, 'startProjectVote', {}));
    // The ballot and the decision are forms returned to whoever opens them.
    const ballot = (await bot.send(invoke(chat, members[0], 'openBallot', {}))).body?.value as Record<
      string,
      unknown
    >;
    const voteCard = (await bot.send(invoke(chat, coordinator, 'openDecision', {}))).body?.value as Record<
      string,
      unknown
    >;
    expect(findInput(ballot, 'choice')?.choices).toEqual(findInput(voteCard, 'choice')?.choices);
    const options = findInput(voteCard, 'choice')?.choices as { title: string; value: string }[];
    expect(options.map((o) => o.title)).toEqual(sample.projectProposals.map((p) => p.title));
    const chosen = options.find((o) => o.title === sample.project.choice)!.value;
    // Owners are named by a random id for this group, never by their Entra object id.
    const owners = findInput(voteCard, 'owner')?.choices as { title: string; value: string }[];
    const owner = owners.find((o) => o.title === byKey(sample.project.owner).name)!.value;
    for (const m of members) expect(JSON.stringify(voteCard)).not.toContain(m.id);
    for (const m of members) await bot.send(invoke(chat, m, 'voteProject', { choice: chosen }));
    const final = await bot.send(
      invoke(chat, coordinator, 'chooseProject', {
        choice: chosen,
        owner,
        firstStep: sample.project.firstStep,
        dueDate: sample.project.dueDate,
      }),
    );
    expect(cardTextOf(final)).toContain(w.final);
    expect(cardTextOf(final)).toContain('Søren Østergaard');
  });

  step('summarises theme 1 with all 18 pieces of advice as last edited, and the agreements', async () => {
    await bot.send(mention(chat, coordinator, `${w.summary} 1`));
    const text = cardText(attachedCard(lastPost().activity));
    const advice = Object.values(sample.meetings[0].answers)
      .flat()
      .map((a) => (a === sample.meetings[0].answers.aisha[1] ? edited : a));
    expect(advice).toHaveLength(18);
    // People's texts are TextRuns: shown as typed, nothing escaped.
    for (const a of advice) expect(text).toContain(a.slice(0, 40));
    expect(text).not.toContain(sample.meetings[0].answers.aisha[1]);
    expect(text).toContain(sample.meetings[0].agreements.split('.')[0]);
  });

  step('summarises the whole programme with every agreement and the project', async () => {
    await bot.send(mention(chat, coordinator, w.summary));
    const text = cardText(attachedCard(lastPost().activity));
    for (const m of sample.meetings) expect(text).toContain(m.agreements.split('.')[0]);
    expect(text).toContain(w.project);
    expect(text).toContain(sample.project.choice);
  });

  step('put no Entra object id on any card it posted or updated, from setup to the common project', () => {
    const cards = JSON.stringify(
      bot.connector.calls.map((c) => (c.activity as { attachments?: unknown }).attachments ?? null),
    ).toLowerCase();
    expect(cards).toContain(sample.project.choice.toLowerCase().slice(0, 20));
    for (const p of [coordinator, ...members]) expect(cards).not.toContain(p.id.toLowerCase());
  });

  step('never sent more than 7 messages in any second of the conversation', () => {
    const times = bot.connector.calls
      .filter((c) => c.conversationId === chat.conversationId)
      .map((c) => c.at);
    for (const at of times)
      expect(times.filter((x) => x > at - 1000 && x <= at).length).toBeLessThanOrEqual(7);
    expect(groupKeyOf(chat.tenantId, chat.conversationId)).toMatch(/^g-/);
  });
});
