import { emptyPersonRows } from '../../src/store/rows';
import { statusViewOf } from '../../src/app/status';
import { programmeOf, themeSummaryOf } from '../../src/app/summary';
import { itemsOf } from '../../src/app/meeting-view';
import type { AcrossView } from '../../src/app/across';
import type { MyGroupData } from '../../src/app/data-rights';
import { acrossCard } from '../../src/cards/across-card';
import { myDataCard } from '../../src/cards/data-rights-cards';
import {
  CARD_BUDGET_BYTES,
  CARD_BUDGET_UTF16_BYTES,
  cardBytes,
  clipParagraphs,
  ellipsis,
  paged,
  type Section,
} from '../../src/cards/fit';
import { groupCard, joinFormCard } from '../../src/cards/group-card';
import { plainRun } from '../../src/cards/rich-text';
import { EVERYONE, viewerOf, type Viewer } from '../../src/domain/viewer';
import { invitationCard, invitationEditorCard } from '../../src/cards/invitation-cards';
import { answerFormCard } from '../../src/cards/answer-form-card';
import { meetingStatusCard } from '../../src/cards/meeting-cards';
import {
  ballotCard,
  decisionCard,
  projectFinalCard,
  projectVoteCard,
  proposalCards,
} from '../../src/cards/project-cards';
import { proposalFormCard } from '../../src/cards/proposal-form-card';
import { chosenInMeetings } from '../../src/domain/project-basis';
import type { AdaptiveCard, RenderedCard } from '../../src/cards/render';
import { conclusionCard } from '../../src/cards/conclusion-card';
import { revealCards } from '../../src/cards/reveal-cards';
import { votingCard } from '../../src/cards/voting-card';
import { chosenCard } from '../../src/cards/chosen-cards';
import { statusCard } from '../../src/cards/status-card';
import { chooseGroupCard } from '../../src/cards/choose-group-card';
import { programmeSummaryCard, themeSummaryCard } from '../../src/cards/summary-cards';
import { MAX_ANSWER_LENGTH } from '../../src/domain/answer-input';
import { MAX_NAME_LENGTH } from '../../src/domain/group-input';
import type { RevealMode } from '../../src/domain/types';
import { cardText, findInput } from '../support/cards';
import { maxSnapshot, maxText } from '../support/max-inputs';

/** Every card the bot can send for a programme where everything is at its maximum length. */
function maxGallery(mode: RevealMode, lang: 'da' | 'en'): [string, RenderedCard][] {
  const s = maxSnapshot(mode, lang);
  const g = s.group.value;
  const people = g.members.map(({ userId, name }) => ({ userId, name }));
  // The coordinator, as the budget's worst case, is also a member: their view has every line.
  const both = { ...g, coordinators: [...g.coordinators, { userId: g.members[0].userId, name: '' }] };
  const viewers: [string, Viewer][] = [
    ['everyone', EVERYONE],
    ['member', viewerOf(g, g.members[1].userId)],
    ['coordinator and member', viewerOf(both, g.members[0].userId)],
  ];
  const cards: [string, RenderedCard][] = [];
  // Every proposal builds on the longest item the group chose; the form lists all of meetings 1–4.
  const chosen = chosenInMeetings(s.meetings.map((m) => m.value));
  const buildsOn = { meeting: chosen[0].meeting, item: chosen[0].items[0].id };
  const built = s.proposals.map((p) => ({ ...p, buildsOn }));
  for (const n of [1, 2, 3, 4]) {
    const items = itemsOf(s, n);
    const meeting = s.meetings[n - 1].value;
    revealCards(lang, g, n, items).forEach((c, k) => cards.push([`reveal ${n}.${k + 1}`, c]));
    cards.push([
      `voting ${n}`,
      votingCard(
        lang,
        g,
        n,
        items,
        items.slice(0, 3).map((i) => i.id),
        'x',
      ),
    ]);
    const longNotice = plainRun(maxText(MAX_ANSWER_LENGTH));
    cards.push([`chosen ${n}`, chosenCard(lang, n, meeting.conclusion!.top)]);
    for (const [who, viewer] of viewers)
      cards.push([
        `conclusion ${n} (${who})`,
        conclusionCard(
          lang,
          g,
          meeting,
          { proposals: n === 4 ? built : [], fromMeetings: chosen },
          viewer,
          longNotice,
        ),
      ]);
    for (const status of ['running', 'revealed', 'voting', 'chosen', 'closed'] as const)
      for (const [who, viewer] of viewers)
        cards.push([
          `status ${n} ${status} (${who})`,
          meetingStatusCard(
            lang,
            g,
            { ...meeting, status },
            {
              answered: people,
              voted: people.map((p) => ({ ...p, choices: 3 })),
              namesShown: true,
              memberCount: 6,
              expectedAnswers: 6,
              expectedChoices: 6,
              previous: s.meetings[n - 2]?.value,
            },
            viewer,
          ),
        ]);
    cards.push([
      `summary ${n}`,
      themeSummaryCard(lang, themeSummaryOf(s, n)!, 'https://teams.microsoft.com/l/x'),
    ]);
    const values = s.answers.find((a) => a.meeting === n)!.fields;
    cards.push([`answer form ${n}`, answerFormCard(lang, n, { values, notice: 'x' })]);
  }
  proposalCards(lang, built, chosen).forEach((c, k) => cards.push([`proposals ${k + 1}`, c]));
  const typed = { title: maxText(120), description: maxText(500), buildsOn: 'x' };
  cards.push(['proposal form', proposalFormCard(lang, chosen, { title: { key: 'error.required' } }, typed)]);
  for (const [who, viewer] of viewers)
    cards.push([
      `project vote (${who})`,
      projectVoteCard(lang, g, built, s.projectVotes, viewer, plainRun(maxText(MAX_ANSWER_LENGTH)), chosen),
    ]);
  cards.push(['project ballot', ballotCard(lang, s.proposals, s.proposals[0].id)]);
  cards.push(['project decision', decisionCard(lang, g, s.proposals)]);
  cards.push(['project final', projectFinalCard(lang, g, { ...s.project!, buildsOn }, chosen)]);
  const project = { ...s.project!, buildsOn };
  cards.push(['programme', programmeSummaryCard(lang, programmeOf({ ...s, project }))]);
  cards.push([
    'programme without project',
    programmeSummaryCard(lang, programmeOf({ ...s, project: undefined, proposals: built })),
  ]);
  for (const [who, viewer] of viewers)
    cards.push([`group (${who})`, groupCard(lang, g, viewer, plainRun(maxText(MAX_ANSWER_LENGTH)))]);
  cards.push(['join form', joinFormCard(lang, g, g.members[0], 'x')]);
  cards.push(['group status', statusCard(lang, statusViewOf(s))]);
  const invited = { ...s.meetings[0].value, status: 'invited' as const, invitationCardId: 'a' };
  for (const [who, viewer] of viewers)
    cards.push([`invitation (${who})`, invitationCard(lang, g, invited, s.rsvps, viewer)]);
  cards.push(['invitation editor', invitationEditorCard(lang, 1, invited, '2026-11-26')]);
  const across: AcrossView = {
    meeting: 1,
    // Any number of groups: the intro names as many as fit and counts the rest.
    groups: Array.from({ length: 300 }, (_, k) => ({
      name: maxText(MAX_NAME_LENGTH, `G${k}`),
      association: maxText(MAX_NAME_LENGTH),
      answers: 18,
    })),
    recurring: Array.from({ length: 60 }, () => ({
      texts: [0, 1, 2].map(() => maxText(MAX_ANSWER_LENGTH)),
      groups: 5,
      associations: 3,
    })),
    unique: Array.from({ length: 60 }, (_, k) => ({
      group: maxText(MAX_NAME_LENGTH, `G${k}`),
      text: maxText(MAX_ANSWER_LENGTH),
    })),
    paging: { page: 2, pages: 3, from: 101, to: 200, total: 300 },
  };
  cards.push(['across groups', acrossCard(lang, across)]);
  const coordinated = Array.from({ length: 100 }, (_, k) => ({
    key: `g-${String(k).padStart(32, 'x')}`,
    name: maxText(MAX_NAME_LENGTH, `G${k}`),
  }));
  cards.push(['choose group', chooseGroupCard(lang, coordinated, 1)]);
  return cards;
}

describe.each([
  ['named', 'da'],
  ['anonymous', 'en'],
] as const)('with every field at its maximum length (%s, %s)', (mode, lang) => {
  it.each(maxGallery(mode, lang))('%s fits the 27 KB budget', (_name, rendered) => {
    expect(cardBytes(rendered.card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  });
});

describe('the longest programme', () => {
  const s = maxSnapshot();
  const g = s.group.value;

  it('reveals every answer in full, over several cards that say so', () => {
    const parts = revealCards('da', g, 1, itemsOf(s, 1));
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, k) => expect(cardText(p.card)).toContain(`(${k + 1} af ${parts.length})`));
    const text = parts.map((p) => cardText(p.card)).join('\n');
    for (const a of s.answers.filter((x) => x.meeting === 1))
      for (const f of a.fields) expect(text.split(f.replace(/\n/g, ' ')).length - 1).toBe(1);
    // People's text as TextRuns: shown as written, never escaped.
    expect(text).not.toContain('\\');
    expect(cardText(parts[1].card)).toContain('(fortsat)');
  });

  it('shortens the prioritising choices with an ellipsis and points to the full text', () => {
    const card = votingCard('da', g, 1, itemsOf(s, 1)).card;
    const choices = JSON.stringify(card).match(/"title":"A1\.[^"]*"/g) ?? [];
    expect(choices).toHaveLength(18);
    expect(choices.every((c) => c.includes('…'))).toBe(true);
    expect(cardText(card)).toContain('hele teksten står på kortet med alle svar');
  });

  it('offers as many of 300 groups as fit when a coordinator asks for a summary, and says how many are left out', () => {
    const groups = Array.from({ length: 300 }, (_, k) => ({
      key: `g-${String(k).padStart(32, 'x')}`,
      name: maxText(MAX_NAME_LENGTH),
    }));
    const card = chooseGroupCard('da', groups, 1).card;
    // Past a few groups they are a list to pick from and one button (Teams shows a limited number of actions).
    expect(card.actions as unknown[]).toHaveLength(1);
    const list = findInput(card, 'group') as { choices: unknown[] };
    const shown = list.choices.length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(300);
    expect(cardText(card)).toContain(`${300 - shown} grupper mangler`);
    expect(cardText(chooseGroupCard('da', groups.slice(0, 3), 1).card)).not.toContain('mangler');
  });

  it('keeps short texts whole and says nothing about shortening', () => {
    const items = itemsOf(s, 1).map((i) => ({ ...i, text: 'Kort råd' }));
    const card = votingCard('da', { ...g, revealMode: 'anonymous' }, 1, items).card;
    expect(cardText(card)).not.toContain('forkortet');
    expect(revealCards('da', g, 1, items)).toHaveLength(1);
  });
});

describe('mine data for someone in 100 groups', () => {
  const me = { userId: 'me', name: 'Jens Madsen' };
  const data: MyGroupData[] = Array.from({ length: 100 }, (_, k) => ({
    groupName: maxText(MAX_NAME_LENGTH, `G${k}.`),
    association: maxText(MAX_NAME_LENGTH),
    coordinator: k % 2 === 0,
    role: { category: 'imellem', title: maxText(MAX_NAME_LENGTH), joinedAt: '2026-11-26T09:00:00Z' },
    rows: {
      ...emptyPersonRows(),
      rsvps: [1, 2, 3, 4].map((meeting) => ({ meeting, ...me, response: 'yes' as const, at: '' })),
      answers: [1, 2].map((meeting) => ({
        meeting,
        ...me,
        fields: [0, 1, 2].map((f) => maxText(MAX_ANSWER_LENGTH, `A${k}.${meeting}.${f}.`)),
        updatedAt: '',
      })),
      votes: [1].map((meeting) => ({ meeting, ...me, choices: ['c1', 'c2', 'c3'] })),
      proposals: [{ id: 'p', slot: 1, ...me, title: maxText(120), description: maxText(500), at: '' }],
      projectVotes: [],
    },
    texts: Object.fromEntries(['c1', 'c2', 'c3'].map((c) => [c, maxText(MAX_ANSWER_LENGTH)])),
  }));

  it('comes in pages that each fit, and together hold everything once, in order', () => {
    const first = myDataCard('da', data).card;
    const total = Number(/side 1 af (\d+)/.exec(cardText(first))?.[1]);
    expect(total).toBeGreaterThan(50);
    const pages = Array.from({ length: total }, (_, k) => myDataCard('da', data, k + 1).card);
    expect(Math.max(...pages.map(cardBytes))).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const text = pages.map((p) => cardText(p)).join('\n');
    let at = -1;
    for (const g of data)
      for (const f of g.rows.answers.flatMap((a) => a.fields)) {
        // People's texts are runs, shown as written: no markdown escapes.
        const found = text.indexOf(f);
        expect(found).toBeGreaterThan(at);
        expect(text.indexOf(f, found + 1)).toBe(-1);
        at = found;
      }
    expect(text).not.toContain('\\*[');
    expect(JSON.stringify(pages[0].actions)).toContain('"page":2');
    expect(JSON.stringify(pages.at(-1)!.actions)).not.toContain(`"page":${total + 1}`);
    expect(myDataCard('da', data, 10_000).card).toEqual(pages.at(-1));
  });

  it('is one card without page buttons when it fits', () => {
    const card = myDataCard(
      'da',
      data.slice(0, 1).map((g) => ({ ...g, answers: [], votes: [] })),
    ).card;
    expect(cardText(card)).not.toContain('side 1');
    expect(card.actions).toEqual([]);
  });
});

describe('fitting', () => {
  it('cuts by characters, never inside an emoji', () => {
    expect(ellipsis('🏠🏠🏠🏠', 3)).toBe('🏠🏠…');
    expect(ellipsis('kort', 4)).toBe('kort');
  });

  it('keeps a text of many short paragraphs to a few elements', () => {
    const text = Array.from({ length: 600 }, () => 'a').join('\n\n');
    expect(clipParagraphs(text, Infinity).split('\n\n')).toHaveLength(20);
    expect([...clipParagraphs(maxText(2000), 100)]).toHaveLength(100);
  });

  it('splits headed lists over parts without losing or reordering a line', () => {
    const sections: Section[] = [1, 2, 3].map((h) => ({
      heading: `H${h}`,
      lines: Array.from({ length: 20 }, (_, i) => `${h}.${i} ${'🏠'.repeat(400)}`),
    }));
    const build = (parts: Section[], part: number, total: number): AdaptiveCard => ({
      type: 'AdaptiveCard',
      body: [
        { text: `${part}/${total}` },
        ...parts.flatMap((p) => [{ text: p.heading }, ...p.lines.map((l) => ({ text: l }))]),
      ],
    });
    const cards = paged(sections, build, (h) => `${h} (fortsat)`);
    expect(cards.length).toBeGreaterThan(3);
    expect(Math.max(...cards.map(cardBytes))).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const lines = cards.flatMap((c) => (c.body as { text: string }[]).map((b) => b.text));
    expect(lines.filter((l) => / 🏠/.test(l)).map((l) => l.split(' ')[0])).toEqual(
      sections.flatMap((s) => s.lines.map((l) => l.split(' ')[0])),
    );
    expect(lines).toContain('H2 (fortsat)');
  });

  it('also keeps mostly-ASCII cards within 38 KB counted in UTF-16 (the other documented rule)', () => {
    const sections: Section[] = [
      { heading: 'H', lines: Array.from({ length: 40 }, (_, i) => `${i} ${'a'.repeat(600)}`) },
    ];
    const build = (parts: Section[]): AdaptiveCard => ({
      type: 'AdaptiveCard',
      body: parts.flatMap((p) => p.lines.map((l) => ({ text: l }))),
    });
    expect(cardBytes(build(sections))).toBeLessThan(CARD_BUDGET_BYTES);
    const cards = paged(sections, build, (h) => h);
    expect(cards).toHaveLength(2);
    for (const card of cards)
      expect(JSON.stringify(card).length * 2).toBeLessThanOrEqual(CARD_BUDGET_UTF16_BYTES);
  });
});
