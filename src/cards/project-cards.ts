import finalTemplate from '../../cards/project-final.json';
import ballotTemplate from '../../cards/project-ballot.json';
import decisionTemplate from '../../cards/project-decision.json';
import voteTemplate from '../../cards/project-vote.json';
import listTemplate from '../../cards/reveal.json';
import { basisOf, type ChosenInMeeting } from '../domain/project-basis';
import type { Group, Language, Project, ProjectVote, Proposal } from '../domain/types';
import { t, tp } from '../i18n';
import { formatDate } from '../i18n/format';
import type { FieldErrors } from '../domain/input';
import { coordinates, EVERYONE, refreshUserIds, takesPart, viewerId, type Viewer } from '../domain/viewer';
import { bulletRun, factRuns, paragraphRuns, richLine, runsText, type Inlines } from './rich-text';
import { ellipsis, fitting, isCut, paged } from './fit';
import { proposalLine } from './proposal-lines';
import { partNote } from './reveal-cards';
import { execute, ownViewButton, withRefresh } from './actions';
import { buildsOnRuns } from './proposal-form-card';
import { render, type RenderedCard } from './render';

/**
 * The project vote card as `viewer` sees it: the proposals with what they build on, their votes and the progress; a
 * member's view says what they voted for, the coordinator's has the button that records the
 * project. No input: the ballot and the decision are forms returned to whoever opens them.
 * Long proposals are shortened as far as the card budget needs.
 */
export function projectVoteCard(
  lang: Language,
  group: Group,
  proposals: readonly Proposal[],
  votes: readonly ProjectVote[],
  viewer: Viewer = EVERYONE,
  notice: Inlines = [],
  fromMeetings: readonly ChosenInMeeting[] = [],
): RenderedCard {
  const shown = { proposals, votes, fromMeetings };
  return fitting((limit) => voteCardWithin(lang, group, shown, viewer, notice, limit));
}

/** A member's own line on the vote card: what they voted for, or that they have not voted. */
function ownVote(
  lang: Language,
  proposals: readonly Proposal[],
  votes: readonly ProjectVote[],
  userId: string,
): Inlines {
  const mine = proposals.find((p) => p.id === votes.find((v) => v.userId === userId)?.choice);
  return mine
    ? richLine(lang, 'project.yourVote', { title: mine.title }, 'Good')
    : richLine(lang, 'project.notVoted');
}

function voteCardWithin(
  lang: Language,
  group: Group,
  {
    proposals,
    votes,
    fromMeetings,
  }: {
    proposals: readonly Proposal[];
    votes: readonly ProjectVote[];
    fromMeetings: readonly ChosenInMeeting[];
  },
  viewer: Viewer,
  notice: Inlines,
  limit: number,
): RenderedCard {
  const progress = t(lang, 'project.voteProgress', { count: votes.length, total: group.members.length });
  const basisCut = (p: Proposal): boolean => isCut(basisOf(fromMeetings, p.buildsOn)?.text ?? '', limit);
  const cut = proposals.some((p) => isCut(p.title, limit) || isCut(p.description, limit) || basisCut(p));
  const me = viewerId(viewer);
  const everyone = viewer.kind === 'everyone';
  const voted = me !== undefined && votes.some((v) => v.userId === me);
  const model = {
    title: t(lang, 'project.voteTitle'),
    notice,
    proposals: proposals.map((p) => {
      const count = votes.filter((v) => v.choice === p.id).length;
      const tally = count ? tp(lang, 'project.votes', count) : t(lang, 'project.noVotes');
      return {
        line: proposalLine(lang, p, limit),
        basis: buildsOnRuns(lang, fromMeetings, p.buildsOn, limit),
        tally,
      };
    }),
    progress: cut ? `${progress} ${t(lang, 'project.shortened')}` : progress,
    mine: takesPart(viewer) && me ? ownVote(lang, proposals, votes, me) : [],
    actions: [
      ...(everyone || takesPart(viewer)
        ? [execute('openBallot', t(lang, voted ? 'project.changeVote' : 'project.openBallot'))]
        : []),
      ...(coordinates(viewer) ? [execute('openDecision', t(lang, 'project.chooseButton'))] : []),
      ...(everyone ? [ownViewButton(t(lang, 'view.mine'), { card: 'projectVote' })] : []),
    ],
  };
  const ref = { card: 'projectVote' as const };
  const card = withRefresh(render(voteTemplate, model), ref, t(lang, 'view.mine'), refreshUserIds(group));
  return { card, summary: t(lang, 'project.voteSummary') };
}

/** The proposals as choices, their titles shortened to `limit`. */
const optionsOf = (proposals: readonly Proposal[], limit = 120) =>
  proposals.map((p) => ({ title: ellipsis(p.title, limit), value: p.id }));

/** The member's ballot: one proposal to vote for (`choice`), their vote so far chosen (their own view only). */
export function ballotCard(
  lang: Language,
  proposals: readonly Proposal[],
  mine = '',
  notice: Inlines = [],
): RenderedCard {
  const model = {
    title: t(lang, 'project.voteTitle'),
    notice,
    label: t(lang, 'project.voteLabel'),
    mine,
    options: optionsOf(proposals),
    required: t(lang, 'error.required'),
    actions: [execute('voteProject', t(lang, 'project.voteSubmit'))],
  };
  return { card: render(ballotTemplate, model), summary: model.title };
}

/** What the decision form is filled in with, when it comes back with problems. */
export interface DecisionValues {
  choice?: string;
  owner?: string;
  firstStep?: string;
  dueDate?: string;
}

/**
 * Who may be tovholder: every member, and the coordinator (named as such) unless they are on the
 * roster too. Each by their random `ref`, never their user id.
 */
function ownerChoices(lang: Language, group: Group): { title: string; value: string }[] {
  const members = group.members.flatMap((m) => (m.ref ? [{ title: m.name, value: m.ref }] : []));
  const coordinators = group.coordinators.flatMap((c) =>
    c.ref && !group.members.some((m) => m.userId === c.userId)
      ? [{ title: t(lang, 'project.ownerCoordinator', { name: c.name }), value: c.ref }]
      : [],
  );
  return [...members, ...coordinators];
}

/** The coordinator's form that records the common project: proposal, tovholder, first step and its date. */
export function decisionCard(
  lang: Language,
  group: Group,
  proposals: readonly Proposal[],
  errors: FieldErrors = {},
  values: DecisionValues = {},
): RenderedCard {
  const err = (id: string): string => (errors[id] ? t(lang, errors[id].key, errors[id].vars) : '');
  const model = {
    title: t(lang, 'project.decisionTitle'),
    intro: t(lang, 'project.decisionIntro'),
    problem: Object.keys(errors).length ? t(lang, 'project.decisionProblems') : '',
    projectLabel: t(lang, 'project.chooseLabel'),
    options: optionsOf(proposals),
    ownerLabel: t(lang, 'project.ownerLabel'),
    owners: ownerChoices(lang, group),
    firstStepLabel: t(lang, 'project.firstStepLabel'),
    dueDateLabel: t(lang, 'project.dueDateLabel'),
    values: {
      choice: values.choice ?? '',
      owner: values.owner ?? '',
      firstStep: values.firstStep ?? '',
      dueDate: values.dueDate ?? '',
    },
    errors: { firstStep: err('firstStep'), dueDate: err('dueDate') },
    required: t(lang, 'error.required'),
    actions: [execute('chooseProject', t(lang, 'project.chooseSubmit'))],
  };
  return { card: render(decisionTemplate, model), summary: model.title };
}

/**
 * Every proposal in full, with what it builds on, posted when the vote starts: one card, or several
 * when they are more than one holds.
 */
export function proposalCards(
  lang: Language,
  proposals: readonly Proposal[],
  chosen: readonly ChosenInMeeting[] = [],
): RenderedCard[] {
  const title = t(lang, 'project.voteTitle');
  const heading = t(lang, 'project.proposalsTitle');
  const lineOf = (p: Proposal): string => {
    const basis = runsText(buildsOnRuns(lang, chosen, p.buildsOn));
    return runsText(proposalLine(lang, p)) + (basis ? ` – ${basis}` : '');
  };
  const sections = [{ heading, lines: proposals.map(lineOf) }];
  const cards = paged(
    sections,
    (part, k, total) =>
      render(listTemplate, {
        title,
        note: partNote(lang, 'project.part', k, total),
        sections: part.map((s) => ({ heading: s.heading, items: s.lines.map(bulletRun) })),
      }),
    (h) => t(lang, 'reveal.continued', { heading: h }),
  );
  return cards.map((card) => ({ card, summary: heading }));
}

/** The final card that celebrates the common project (with what it builds on, when that is still stored). */
export function projectFinalCard(
  lang: Language,
  group: Group,
  project: Project,
  chosen: readonly ChosenInMeeting[] = [],
): RenderedCard {
  const basis = buildsOnRuns(lang, chosen, project.buildsOn);
  const model = {
    title: t(lang, 'project.finalTitle'),
    body: richLine(lang, 'project.finalBody', { group: group.name }),
    projectTitle: [{ type: 'TextRun', text: project.title, weight: 'Bolder' }],
    description: paragraphRuns(project.description),
    facts: [
      ...(basis.length ? [basis] : []),
      factRuns(t(lang, 'project.owner'), project.owner.name),
      factRuns(t(lang, 'project.firstStep'), project.firstStep),
      factRuns(t(lang, 'project.dueDate'), formatDate(lang, project.dueDate)),
    ],
  };
  return {
    card: render(finalTemplate, model),
    summary: t(lang, 'project.finalSummary', { title: project.title }),
  };
}
