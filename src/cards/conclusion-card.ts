/**
 * The conclusion of a closed meeting: what the group chose, its agreements and the next step; after
 * meeting 4 the project proposals too.
 */
import conclusionTemplate from '../../cards/conclusion.json';
import { basisOf, type ChosenInMeeting } from '../domain/project-basis';
import type { Group, Language, Meeting, Proposal } from '../domain/types';
import { coordinates, EVERYONE, refreshUserIds, takesPart, type Viewer } from '../domain/viewer';
import { t } from '../i18n';
import { clipParagraphs, fitting, isCut } from './fit';
import { themeTitle } from './meeting-cards';
import { execute, ownViewButton, withRefresh, type VerbAction } from './actions';
import { paragraphRuns, plainRun, type Inlines, type TextRun } from './rich-text';
import { chosenSections } from './chosen-cards';
import { proposalWithBasis } from './proposal-lines';
import { render, type RenderedCard } from './render';

/** Meeting 4's proposals so far, with what each builds on (`fromMeetings`: what the group chose in meetings 1–4). */
export interface ProposalsSoFar {
  proposals: readonly Proposal[];
  fromMeetings: readonly ChosenInMeeting[];
}

/**
 * The conclusion of a closed meeting, as `viewer` sees it; after meeting 4 it gathers the project
 * proposals too. `notice` confirms the clicker's step in their own view.
 */
export function conclusionCard(
  lang: Language,
  group: Group,
  meeting: Meeting,
  proposals: ProposalsSoFar = { proposals: [], fromMeetings: [] },
  viewer: Viewer = EVERYONE,
  notice: Inlines = [],
): RenderedCard {
  return fitting((limit) => conclusionCardWithin(lang, group, meeting, proposals, viewer, notice, limit));
}

/** The conclusion's buttons for `viewer`: a proposal (meeting 4), the coordinator's next step, the own view. */
function conclusionActions(lang: Language, group: Group, n: number, viewer: Viewer): VerbAction[] {
  const last = n === 4;
  const everyone = viewer.kind === 'everyone';
  const propose = last && (everyone || takesPart(viewer));
  return [
    ...(propose ? [execute('openProposal', t(lang, 'project.proposeButton'))] : []),
    ...(coordinates(viewer) && !last
      ? [execute('openInvitation', t(lang, 'meeting.button.nextInvite', { n: n + 1 }), { meeting: n + 1 })]
      : []),
    ...(coordinates(viewer) && last && !group.projectVote
      ? [execute('startProjectVote', t(lang, 'project.startVoteButton'))]
      : []),
    ...(everyone ? [ownViewButton(t(lang, 'view.mine'), { card: 'conclusion', meeting: n })] : []),
  ];
}

function conclusionCardWithin(
  lang: Language,
  group: Group,
  meeting: Meeting,
  { proposals, fromMeetings }: ProposalsSoFar,
  viewer: Viewer,
  notice: Inlines,
  limit: number,
): RenderedCard {
  const n = meeting.number;
  const conclusion = meeting.conclusion;
  const top = conclusion?.top ?? [];
  const last = n === 4;
  const cut =
    top.some((i) => isCut(i.text, limit)) ||
    proposals.some((p) => isCut(p.description, limit) || isCut(p.title, limit)) ||
    proposals.some((p) => isCut(basisOf(fromMeetings, p.buildsOn)?.text ?? '', limit));
  const agreements = paragraphRuns(clipParagraphs(conclusion?.agreements ?? '', limit * 4));
  const model = {
    title: t(lang, 'conclusion.title', { n, theme: themeTitle(lang, n) }),
    notice,
    topTitle: t(lang, n === 1 ? 'conclusion.top.1' : 'conclusion.top.other'),
    top: top.length
      ? chosenSections(lang, n, top, limit).flatMap((s): Inlines[] => [
          ...(s.heading ? [[{ type: 'TextRun', text: s.heading, weight: 'Bolder' } as TextRun]] : []),
          ...s.lines.map(plainRun),
        ])
      : [plainRun(t(lang, 'conclusion.notChosen'))],
    tieRule: cut ? t(lang, 'conclusion.shortened') : '',
    agreementsTitle: agreements.length ? t(lang, 'conclusion.agreements') : '',
    agreements,
    next: last
      ? t(lang, 'conclusion.projectNext')
      : t(lang, 'conclusion.next', { theme: themeTitle(lang, n + 1) }),
    proposalsTitle: t(lang, 'project.proposalsTitle'),
    proposals: proposals.map((p) => proposalWithBasis(lang, p, fromMeetings, limit)),
    actions: conclusionActions(lang, group, n, viewer),
  };
  const ref = { card: 'conclusion' as const, meeting: n };
  const card = withRefresh(
    render(conclusionTemplate, model),
    ref,
    t(lang, 'view.mine'),
    refreshUserIds(group),
  );
  return { card, summary: t(lang, 'conclusion.summary', { n }) };
}
