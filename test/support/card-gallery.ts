import { emptyPersonRows } from '../../src/store/rows';
import { statusViewOf } from '../../src/app/status';
import { programmeOf, themeSummaryOf } from '../../src/app/summary';
import { groupCard, joinFormCard } from '../../src/cards/group-card';
import { plainRun } from '../../src/cards/rich-text';
import { EVERYONE, viewerOf, type Viewer } from '../../src/domain/viewer';
import { guideCard } from '../../src/cards/guide-card';
import { guideSteps } from '../../src/domain/guide';
import { helpCard } from '../../src/cards/help-card';
import {
  invitationCard,
  invitationEditorCard,
  invitationTemplateText,
} from '../../src/cards/invitation-cards';
import type { RenderedCard } from '../../src/cards/render';
import { setupCard, setupPromptCard } from '../../src/cards/setup-card';
import type { AcrossView } from '../../src/app/across';
import type { MyGroupData } from '../../src/app/data-rights';
import { acrossCard } from '../../src/cards/across-card';
import { confirmCard, myDataCard } from '../../src/cards/data-rights-cards';
import { statusCard } from '../../src/cards/status-card';
import { answerFormCard } from '../../src/cards/answer-form-card';
import {
  agreementsFormCard,
  answerPromptCard,
  meetingStatusCard,
  votingPromptCard,
} from '../../src/cards/meeting-cards';
import { conclusionCard } from '../../src/cards/conclusion-card';
import { revealCards } from '../../src/cards/reveal-cards';
import { votingCard } from '../../src/cards/voting-card';
import { chosenCard } from '../../src/cards/chosen-cards';
import {
  ballotCard,
  decisionCard,
  projectFinalCard,
  projectVoteCard,
  proposalCards,
} from '../../src/cards/project-cards';
import { proposalFormCard } from '../../src/cards/proposal-form-card';
import { chosenInMeetings } from '../../src/domain/project-basis';
import { chooseGroupCard } from '../../src/cards/choose-group-card';
import { programmeSummaryCard, themeSummaryCard } from '../../src/cards/summary-cards';
import { itemsOf } from '../../src/app/meeting-view';
import { sampleSnapshot } from './sample-programme';
import type { Group, Language, Meeting, Member, Rsvp } from '../../src/domain/types';
import sample from '../fixtures/sample-group.da.json';

const MAX = 'Æ'.repeat(100);

/** A Teams deep link to the overview tab, as the cards carry it in Teams. */
const OVERVIEW_LINK =
  'https://teams.microsoft.com/l/entity/00000000-0000-4000-8000-000000000011/erfaringsgruppe-overblik?context=%7B%22chatId%22%3A%2219%3Aabc%40thread.v2%22%7D';

/** A realistic group from the fixture; `longest` fills every field to its limit. */
export function sampleGroup(longest = false): Group {
  const members: Member[] = sample.members.map((m, i) => ({
    userId: `00000000-0000-4000-8000-00000000000${i}`,
    chatId: `29:00000000-0000-4000-8000-00000000000${i}`,
    name: longest ? MAX : m.name,
    roleCategory: m.roleCategory as Member['roleCategory'],
    roleTitle: longest ? MAX : m.roleTitle,
    joinedAt: '2026-11-26T09:00:00.000Z',
  }));
  const g = sample.group;
  return {
    key: 'g-test',
    tenantId: 't',
    name: longest ? MAX : g.name,
    association: longest ? MAX : g.association,
    area: longest ? MAX : g.area,
    phase: 'undervejs',
    language: 'da',
    revealMode: 'named',
    coordinators: [{ userId: 'c', name: sample.coordinator.name, chatId: '29:c' }],
    members,
    conversation: {},
    createdAt: '2026-11-26T09:00:00.000Z',
  };
}

/** Meeting 1 of the fixture, invited; `longest` uses the longest place and text. */
export function sampleMeeting(longest = false): Meeting {
  const inv = sample.meetings[0].invitation as Record<string, string>;
  return {
    number: 1,
    status: 'invited',
    date: inv.date,
    start: inv.start,
    end: inv.end,
    location: longest ? 'x'.repeat(300) : inv.location,
    text: longest ? '*[ø](http://x)* '.repeat(125) : invitationTemplateText('da', 1, 'Karen Holm'),
    updatedAt: '2026-11-26T09:00:00.000Z',
  };
}

function rsvps(group: Group): Rsvp[] {
  const responses = ['yes', 'yes', 'maybe', 'no', 'yes', 'maybe'] as const;
  return group.members.map((m, i) => ({
    meeting: 1,
    userId: m.userId,
    name: m.name,
    response: responses[i],
    at: '',
  }));
}

/** Every card the bot renders, by template name, in a language, with normal or longest content. */
export function cardGallery(lang: Language, longest: boolean): Record<string, RenderedCard[]> {
  const group = { ...sampleGroup(longest), language: lang };
  const meeting = sampleMeeting(longest);
  const invitation = { ...meeting, invitationCardId: 'a' };
  const editorValues = { ...meeting };
  const programme = sampleSnapshot({ longest, language: lang });
  const anonymous = sampleSnapshot({ longest, language: lang, revealMode: 'anonymous' });
  const snapshot = {
    ...programme,
    group: { value: group, etag: '' },
    meetings: [{ value: invitation, etag: '' }],
    rsvps: rsvps(group),
  };
  const pg = programme.group.value;
  // The owner list names members by the random id the project's cards give them.
  const withRefs = {
    ...pg,
    members: pg.members.map((m, i) => ({ ...m, ref: m.ref ?? `ref-${i}` })),
    coordinators: pg.coordinators.map((c, i) => ({ ...c, ref: c.ref ?? `cref-${i}` })),
  };
  const chosen = chosenInMeetings(programme.meetings.map((m) => m.value));
  const basis = { meeting: chosen[1].meeting, item: chosen[1].items[0].id };
  const built = programme.proposals.map((p, i) => (i === 0 ? { ...p, buildsOn: basis } : p));
  const m1 = programme.meetings[0].value;
  const m4 = programme.meetings[3].value;
  const items = (snap: typeof programme, n: number) => itemsOf(snap, n);
  const person = ({ userId, name }: Member) => ({ userId, name });
  const facts = {
    answered: pg.members.slice(0, 4).map(person),
    voted: pg.members.map((m) => ({ ...person(m), choices: 2 })),
    namesShown: true,
    memberCount: 6,
    expectedAnswers: 5,
    expectedChoices: 6,
  };
  // Every shared card as everyone sees it, as a member, as the coordinator, as a coordinator who is also a member.
  const viewers = (g: Group): Viewer[] => [
    EVERYONE,
    viewerOf(g, g.members[0].userId),
    viewerOf(g, 'c'),
    viewerOf(
      { ...g, coordinators: [...g.coordinators, { userId: g.members[1].userId, name: '' }] },
      g.members[1].userId,
    ),
  ];
  const notice = plainRun(MAX);
  return {
    group: [
      groupCard(lang, undefined),
      ...viewers(group).map((v) => groupCard(lang, group, v, notice)),
      groupCard(lang, { ...group, members: [] }),
    ],
    'join-form': [joinFormCard(lang, group), joinFormCard(lang, group, group.members[0], 'problem')],
    setup: [setupCard(lang, {}), setupCard(lang, group, { name: { key: 'error.required' } })],
    'setup-prompt': [setupPromptCard(lang, false), setupPromptCard(lang, true)],
    'invitation-editor': [
      invitationEditorCard(lang, 1, editorValues, '2026-11-26'),
      invitationEditorCard(lang, 4, editorValues, '2026-11-26', { date: { key: 'error.datePast' } }, 'sent'),
      invitationEditorCard(
        lang,
        1,
        editorValues,
        '2026-11-26',
        {},
        'sent',
        'https://teams.microsoft.com/l/meeting/new?subject=x',
      ),
    ],
    invitation: [
      invitationCard(lang, group, invitation, []),
      ...viewers(group).map((v) =>
        invitationCard(lang, group, invitation, rsvps(group), v, {
          teamsMeeting: 'https://teams.microsoft.com/l/meeting/new?subject=M%C3%B8de%201',
          calendar: 'https://erfaringsgruppe.example/api/calendar/meeting.ics?token=a.b.c',
        }),
      ),
    ],
    status: [
      statusCard(lang, statusViewOf(snapshot), OVERVIEW_LINK),
      statusCard(lang, statusViewOf({ ...snapshot, meetings: [], rsvps: [] })),
      statusCard(lang, statusViewOf(snapshot), { addTab: true }),
    ],
    help: [helpCard(lang)],
    guide: [
      guideCard(lang, {
        group,
        meeting: 1,
        coordinator: true,
        invited: invitation,
        minutes: 90,
        steps: guideSteps(1, 90),
      }),
      guideCard(lang, { group, meeting: 2, coordinator: true, minutes: 120, steps: guideSteps(2, 120) }),
      guideCard(lang, { group, meeting: 3, coordinator: false, minutes: 0, steps: [] }),
    ],
    'meeting-status': (['running', 'revealed', 'voting', 'chosen', 'closed'] as const).flatMap((status) =>
      viewers(pg).map((v) =>
        meetingStatusCard(
          lang,
          pg,
          { ...m4, status },
          { ...facts, previous: programme.meetings[2].value },
          v,
        ),
      ),
    ),
    'agreements-form': [agreementsFormCard(lang, 1), agreementsFormCard(lang, 4)],
    'answer-prompt': [
      ...[1, 2, 3, 4].map((n) => answerPromptCard(lang, n)),
      ...[1, 2, 3, 4].map((n) => votingPromptCard(lang, n)),
    ],
    'answer-form': [
      answerFormCard(lang, 1, { values: programme.answers[0].fields, notice: 'ok' }),
      answerFormCard(lang, 3, { values: ['', ''], errors: { a1: { key: 'error.required' } } }),
      answerFormCard(lang, 2, { behalf: { members: [{ title: 'Jens Madsen', value: 'r1' }] } }),
      answerFormCard(lang, 1, { behalf: { members: [{ title: 'Jens Madsen', value: 'r1' }], chosen: 'r1' } }),
      answerFormCard(lang, 1, { behalf: { members: [] } }),
    ],
    reveal: [
      ...revealCards(lang, pg, 1, items(programme, 1)),
      ...revealCards(lang, anonymous.group.value, 2, items(anonymous, 2)),
      ...revealCards(lang, pg, 3, []),
      ...proposalCards(lang, built, chosen),
    ],
    voting: [
      votingCard(lang, pg, 1, items(programme, 1)),
      votingCard(lang, anonymous.group.value, 4, items(anonymous, 4), [items(anonymous, 4)[0].id], 'ok'),
      votingCard(lang, pg, 2, items(programme, 2)),
      votingCard(lang, pg, 2, []),
    ],
    chosen: [
      chosenCard(lang, 1, m1.conclusion!.top),
      chosenCard(lang, 3, programme.meetings[2].value.conclusion!.top),
      chosenCard(lang, 2, []),
    ],
    conclusion: [
      ...viewers(pg).map((v) => conclusionCard(lang, pg, m1, undefined, v)),
      ...viewers(pg).map((v) =>
        conclusionCard(lang, pg, m4, { proposals: built, fromMeetings: chosen }, v, notice),
      ),
      conclusionCard(lang, pg, { ...m1, conclusion: { top: [], agreements: '', closedAt: '' } }),
    ],
    'proposal-form': [
      proposalFormCard(lang),
      proposalFormCard(lang, chosen),
      proposalFormCard(lang, chosen, { title: { key: 'error.required' } }, { description: MAX }),
    ],
    'project-vote': [
      ...viewers(pg).map((v) =>
        projectVoteCard(lang, pg, programme.proposals, programme.projectVotes, v, notice),
      ),
      projectVoteCard(lang, pg, built, programme.projectVotes, EVERYONE, [], chosen),
    ],
    'project-ballot': [
      ballotCard(lang, programme.proposals),
      ballotCard(lang, programme.proposals, programme.proposals[0].id, notice),
    ],
    'project-decision': [
      decisionCard(lang, withRefs, programme.proposals),
      decisionCard(
        lang,
        withRefs,
        programme.proposals,
        { dueDate: { key: 'error.datePast' } },
        { firstStep: MAX },
      ),
    ],
    'project-final': [
      projectFinalCard(lang, pg, programme.project!),
      projectFinalCard(lang, pg, { ...programme.project!, buildsOn: basis }, chosen),
    ],
    summary: [
      themeSummaryCard(lang, themeSummaryOf(programme, 1)!, OVERVIEW_LINK),
      themeSummaryCard(lang, themeSummaryOf(anonymous, 2)!),
      themeSummaryCard(lang, themeSummaryOf(programme, 3, false)!),
      programmeSummaryCard(
        lang,
        programmeOf({ ...programme, project: { ...programme.project!, buildsOn: basis } }),
        OVERVIEW_LINK,
      ),
      programmeSummaryCard(lang, programmeOf({ ...programme, project: undefined, proposals: built })),
    ],
    'choose-group': [
      chooseGroupCard(
        lang,
        [
          { key: 'g-1', name: 'Søbakken' },
          { key: 'g-2', name: 'Nørremarken' },
        ],
        1,
      ),
      chooseGroupCard(
        lang,
        Array.from({ length: 12 }, (_, i) => ({ key: `g-${i}`, name: longest ? MAX : `Gruppe ${i}` })),
        undefined,
      ),
    ],
    across: [acrossCard(lang, acrossView(longest))],
    'my-data': [myDataCard(lang, [myGroupData(programme, longest)]), myDataCard(lang, [])],
    confirm: [
      confirmCard({
        title: 'Slet dine data?',
        body: group.name,
        notice: '',
        confirm: { verb: 'confirmDeleteMyData', title: 'Ja, slet', token: 'a.b.c' },
      }),
      confirmCard({ title: 'Slet dine data?', body: '', notice: group.name }),
    ],
  };
}

/** Theme 1 compared across two groups. */
function acrossView(longest: boolean): AcrossView {
  const text = (s: string): string => (longest ? MAX : s);
  return {
    meeting: 1,
    groups: [
      { name: text('Søbakken'), association: text('Kilden'), answers: 9 },
      { name: text('Havnegade'), association: text('Fjordbo'), answers: 9 },
    ],
    recurring: [
      {
        texts: [text('Brug varmemesteren som bro'), text('Varmemesteren er en bro')],
        groups: 2,
        associations: 2,
      },
    ],
    unique: [{ group: text('Søbakken'), text: text('Skriv referater på almindeligt dansk') }],
    paging: { page: 1, pages: 1, from: 1, to: 2, total: 2 },
  };
}

/** What `mine data` shows a member of the fixture's group who took part in everything. */
function myGroupData(programme: ReturnType<typeof sampleSnapshot>, longest: boolean): MyGroupData {
  const g = programme.group.value;
  const member = g.members[0];
  const mine = <T extends { userId: string }>(rows: T[]): T[] =>
    rows.filter((r) => r.userId === member.userId);
  const votes = mine(programme.votes);
  const me = { userId: member.userId, name: member.name };
  return {
    groupName: g.name,
    association: g.association,
    coordinator: false,
    role: { category: member.roleCategory, title: member.roleTitle, joinedAt: member.joinedAt },
    rows: {
      ...emptyPersonRows(),
      rsvps: [1, 2, 3, 4].map((meeting) => ({ meeting, ...me, response: 'yes' as const, at: '' })),
      answers: mine(programme.answers),
      votes,
      proposals: mine(programme.proposals),
      projectVotes: mine(programme.projectVotes),
    },
    texts: {
      ...Object.fromEntries(votes.flatMap((v) => v.choices).map((c) => [c, longest ? MAX : 'Et råd'])),
      ...Object.fromEntries(programme.proposals.map((p) => [p.id, p.title])),
    },
  };
}
