import { chatIdOf, groupChat, invoke, mention, type TestChat, type TestUser } from '../support/activities';
import { flow } from '../support/scenarios';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText, findInput } from '../support/cards';
import { samplePeople } from '../support/sample-group';
import { sampleSnapshot } from '../support/sample-programme';
import { seedSnapshot } from '../support/seed';
import type { GroupSnapshot } from '../../src/store/group-store';

type Card = Record<string, unknown>;
type Choice = { title: string; value: string };

/** The fixture's programme after meeting 4 closed: what the group chose is stored, no proposal yet. */
function afterMeetingFour(coordinator: TestUser, chose = true): GroupSnapshot {
  const programme = sampleSnapshot();
  const group = programme.group.value;
  return {
    ...programme,
    group: {
      ...programme.group,
      value: {
        ...group,
        coordinators: [{ userId: coordinator.id, name: coordinator.name, chatId: chatIdOf(coordinator) }],
        projectVote: undefined,
      },
    },
    meetings: programme.meetings.map((m) => ({
      ...m,
      value: chose ? m.value : { ...m.value, conclusion: { ...m.value.conclusion!, top: [] } },
    })),
    proposals: [],
    projectVotes: [],
    project: undefined,
  };
}

/** The texts of every TextRun in a card (people's text is never in a markdown TextBlock). */
function runTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Card;
      if (o.type === 'TextRun' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Every element of `type` anywhere in a card. */
function elementsOf(card: unknown, type: string): Card[] {
  const found: Card[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if ((node as Card).type === type) found.push(node as Card);
      Object.values(node as Card).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The verbs of a card's buttons. */
const verbsOf = (card: unknown): string[] =>
  [...JSON.stringify(card).matchAll(/"verb":"([A-Za-z]+)"/g)].map((m) => m[1]);

/**
 * The common project grows out of the meetings (issue 22, point 4), over HTTP as Teams sends it:
 * the proposal form shows what the group chose in meetings 1–4 and lets a member build on one; the
 * coordinator may be tovholder; the coordinator's buttons are only in the coordinator's own view.
 */
describe('the common project grows out of the meetings (Danish, over HTTP)', () => {
  let bot: TestBot;
  let chat: TestChat;
  let key: string;
  const { coordinator } = samplePeople();
  const seeded = afterMeetingFour(coordinator);
  const [jens, aisha] = seeded.group.value.members.map((m): TestUser => ({ id: m.userId, name: m.name }));
  const chosen = seeded.meetings.map((m) => m.value.conclusion!.top);
  const built = chosen[2][0];
  const step = flow();

  beforeAll(async () => {
    bot = await startTestBot();
    chat = groupChat(bot.connector.serviceUrl);
    key = await seedSnapshot(bot.running.store, chat, seeded);
  });
  afterAll(() => bot.stop());

  const click = async (who: TestUser, verb: string, data: Card = {}): Promise<Card> => {
    const res = await bot.send(invoke(chat, who, verb, data));
    expect(res.status).toBe(200);
    return res.body?.value as Card;
  };
  const stored = async () => (await bot.running.store.loadPartition(key))!;
  let options: Choice[] = [];

  step('shows what the group chose in each meeting on the proposal form, as plain text runs', async () => {
    const form = await click(jens, 'openProposal');
    const text = cardText(form);
    expect(text).toContain('Det, I valgte på møderne');
    for (const n of [1, 2, 3, 4]) expect(text).toContain(`Møde ${n}: `);
    const runs = runTexts(form).join('\n');
    for (const item of chosen.flat()) expect(runs).toContain(item.text.slice(0, 60));
    expect(runs).toMatch(/valgt af \d/);
    const input = findInput(form, 'buildsOn')!;
    expect(input.label).toBe('Byg videre på (valgfrit)');
    expect(input.isRequired).toBeUndefined();
    options = input.choices as Choice[];
    expect(options).toHaveLength(chosen.flat().length);
    expect(options[0].title).toMatch(/^Møde 1: /);
  });

  step('refuses a tampered "Byg videre på" politely, and stores nothing', async () => {
    const other = chosen[0][0].id;
    for (const buildsOn of [`2:${other}`, '9:abc', 'x', `1:${other}/../`]) {
      const answer = await click(aisha, 'proposeProject', {
        title: 'Fælles beboermøde',
        description: 'Et møde om renoveringen',
        buildsOn,
      });
      // A refusal is a message to the clicker (an invoke's `value` string), not a card.
      expect(answer).toMatch(
        /^Dit forslag er ikke gemt, fordi .* Åbn formularen igen med »Foreslå et projekt«/,
      );
    }
    expect((await stored()).proposals).toHaveLength(0);
  });

  step('saves a proposal built on something chosen in meeting 3, and one built on nothing', async () => {
    const value = options.find((o) => o.value === `3:${built.id}`)!.value;
    // A form that comes back with problems keeps what the member chose to build on.
    const again = await click(jens, 'proposeProject', {
      title: '',
      description: 'Uden titel',
      buildsOn: value,
    });
    expect(findInput(again, 'buildsOn')?.value).toBe(value);
    expect(findInput(again, 'description')?.value).toBe('Uden titel');
    await click(jens, 'proposeProject', {
      title: 'Fælles introduktion',
      description: 'Nye kolleger får en fælles rundvisning.',
      buildsOn: value,
    });
    await click(aisha, 'proposeProject', {
      title: 'Kaffe i gården',
      description: 'Hver fredag.',
      buildsOn: '',
    });
    const proposals = (await stored()).proposals;
    expect(proposals.find((p) => p.title === 'Fælles introduktion')?.buildsOn).toEqual({
      meeting: 3,
      item: built.id,
    });
    expect(proposals.find((p) => p.title === 'Kaffe i gården')?.buildsOn).toBeUndefined();
  });

  step(
    "shows what each proposal builds on in meeting 4's list and in opsummering, kept as a reference",
    async () => {
      const basis = `Bygger videre på: ${built.text} (fra møde 3)`;
      const lineOf = (runs: string, title: string) => runs.split('\n').find((l) => l.includes(title)) ?? '';
      const listed = (card: unknown) => {
        const lines = elementsOf(card, 'RichTextBlock').map((b) => runTexts(b).join(''));
        return lines.join('\n');
      };
      const conclusion = listed(await click(aisha, 'refresh', { card: 'conclusion', meeting: 4 }));
      expect(lineOf(conclusion, 'Fælles introduktion')).toContain(basis);
      expect(lineOf(conclusion, 'Kaffe i gården')).not.toContain('Bygger videre på');

      await bot.send(mention(chat, coordinator, 'opsummering'));
      const summary = listed(attachedCard(bot.connector.posts().at(-1)!.activity));
      expect(lineOf(summary, 'Fælles introduktion')).toContain(basis);
      expect(lineOf(summary, 'Kaffe i gården')).not.toContain('Bygger videre på');
      // Stored is the reference only: the chosen item's text is never copied into the proposal.
      expect(JSON.stringify((await stored()).proposals)).not.toContain(built.text);
    },
  );

  step('gives the coordinator "Start afstemningen" in their own view of the conclusion only', async () => {
    const refresh = { card: 'conclusion', meeting: 4 };
    expect(verbsOf(await click(coordinator, 'refresh', refresh))).toContain('startProjectVote');
    const member = await click(jens, 'refresh', refresh);
    expect(verbsOf(member)).toContain('openProposal');
    expect(verbsOf(member)).not.toContain('startProjectVote');
  });

  step(
    'posts the proposals with what they build on, and a vote card without coordinator buttons',
    async () => {
      const before = bot.connector.posts().length;
      await click(coordinator, 'startProjectVote');
      const posted = bot.connector
        .posts()
        .slice(before)
        .map((p) => attachedCard(p.activity));
      const proposals = posted.slice(0, -1).map(cardText).join('\n');
      expect(proposals).toContain(`Bygger videre på: ${built.text} (fra møde 3)`);
      expect(proposals.split('\n').find((l) => l.includes('Kaffe i gården'))).not.toContain(
        'Bygger videre på',
      );
      const base = posted.at(-1)!;
      expect(cardText(base)).toContain('endnu ingen stemmer');
      expect(runTexts(base).join('')).toContain(`Bygger videre på: ${built.text} (fra møde 3)`);
      expect(cardText(base)).not.toMatch(/\(ingen stemmer|\(\d stemme/);
      expect(verbsOf(base)).not.toContain('openDecision');
      expect(cardText(base)).not.toContain('Vælg projektet');
    },
  );

  step(
    'shows "Vælg projektet" in the coordinator’s refreshed view only, with the tally in words',
    async () => {
      const introduction = (await stored()).proposals.find((p) => p.title === 'Fælles introduktion')!;
      await click(jens, 'voteProject', { choice: introduction.id });
      const mine = await click(aisha, 'refresh', { card: 'projectVote' });
      expect(verbsOf(mine)).not.toContain('openDecision');
      expect(cardText(mine)).toContain('1 stemme');
      expect(cardText(mine)).toContain('endnu ingen stemmer');
      const coordinators = await click(coordinator, 'refresh', { card: 'projectVote' });
      expect(verbsOf(coordinators)).toContain('openDecision');
    },
  );

  step('offers the coordinator as tovholder, and the project card names them and its roots', async () => {
    const decision = await click(coordinator, 'openDecision');
    const owners = findInput(decision, 'owner')!.choices as Choice[];
    const me = owners.find((o) => o.title === `${coordinator.name} (koordinator)`)!;
    expect(owners).toHaveLength(seeded.group.value.members.length + 1);
    expect(JSON.stringify(decision)).not.toContain(coordinator.id);
    const introduction = (await stored()).proposals.find((p) => p.title === 'Fælles introduktion')!;
    const final = await click(coordinator, 'chooseProject', {
      choice: introduction.id,
      owner: me.value,
      firstStep: 'Karen inviterer til det første møde.',
      dueDate: '2027-09-01',
    });
    const posted = attachedCard(bot.connector.posts().at(-1)!.activity);
    for (const card of [final, posted]) {
      const runs = runTexts(card).join('');
      expect(runs).toContain(`Tovholder: ${coordinator.name}`);
      expect(runs).toContain(`Bygger videre på: ${built.text} (fra møde 3)`);
    }
    const project = (await stored()).project!;
    expect(project.owner).toEqual({ userId: coordinator.id, name: coordinator.name });
    expect(project.buildsOn).toEqual({ meeting: 3, item: built.id });
    await bot.send(mention(chat, coordinator, 'opsummering'));
    const summary = runTexts(attachedCard(bot.connector.posts().at(-1)!.activity)).join('');
    expect(summary).toContain(`Bygger videre på: ${built.text} (fra møde 3)`);
  });
});

describe('a group that chose nothing in its meetings (over HTTP)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  it('says so in one line on the proposal form, and offers nothing to build on', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const { coordinator } = samplePeople();
    const seeded = afterMeetingFour(coordinator, false);
    await seedSnapshot(bot.running.store, chat, seeded);
    const [first] = seeded.group.value.members;
    const res = await bot.send(invoke(chat, { id: first.userId, name: first.name }, 'openProposal', {}));
    const text = cardText(res.body?.value);
    expect(text).toContain('Der er ikke noget valgt fra møderne, så du kan foreslå helt frit.');
    expect(text).not.toContain('Det, I valgte på møderne');
    expect(findInput(res.body?.value, 'buildsOn')).toBeUndefined();
    expect(findInput(res.body?.value, 'title')).toBeDefined();
  });
});
