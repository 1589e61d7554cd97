import finalTemplate from '../../cards/project-final.json';
import voteTemplate from '../../cards/project-vote.json';
import listTemplate from '../../cards/reveal.json';
import type { Group, Language, Project, ProjectVote, Proposal } from '../domain/types';
import { t, tp } from '../i18n';
import { formatDate } from '../i18n/format';
import { escapeMarkdown } from './escape';
import { ellipsis, fitting, isCut, paged } from './fit';
import { partNote, proposalLine } from './result-cards';
import { execute } from './actions';
import { render, type RenderedCard } from './render';

/**
 * The project vote card: the proposals, progress, one choice (`choice`) and the coordinator's
 * decision form; long proposals are shortened as far as the card budget needs.
 */
export function projectVoteCard(
  lang: Language,
  group: Group,
  proposals: readonly Proposal[],
  votes: readonly ProjectVote[],
  mine?: string,
  notice = '',
): RenderedCard {
  return fitting((limit) => voteCardWithin(lang, group, proposals, votes, mine ?? '', notice, limit));
}

function voteCardWithin(
  lang: Language,
  group: Group,
  proposals: readonly Proposal[],
  votes: readonly ProjectVote[],
  mine: string,
  notice: string,
  limit: number,
): RenderedCard {
  const progress = t(lang, 'project.voteProgress', { count: votes.length, total: group.members.length });
  const cut = proposals.some((p) => isCut(p.title, limit) || isCut(p.description, limit));
  const model = {
    title: t(lang, 'project.voteTitle'),
    notice,
    proposals: proposals.map((p) => {
      const count = votes.filter((v) => v.choice === p.id).length;
      const tally = count ? tp(lang, 'project.votes', count) : t(lang, 'project.noVotes');
      return `${proposalLine(lang, p, limit)} (${tally})`;
    }),
    progress: cut ? `${progress} ${t(lang, 'project.shortened')}` : progress,
    voteLabel: t(lang, 'project.voteLabel'),
    mine,
    options: proposals.map((p) => ({ title: ellipsis(p.title, limit), value: p.id })),
    vote: execute('voteProject', t(lang, 'project.voteSubmit')),
    chooseLabel: t(lang, 'project.chooseButton'),
    projectLabel: t(lang, 'project.chooseLabel'),
    ownerLabel: t(lang, 'project.ownerLabel'),
    owners: group.members.flatMap((m) => (m.ref ? [{ title: m.name, value: m.ref }] : [])),
    firstStepLabel: t(lang, 'project.firstStepLabel'),
    dueDateLabel: t(lang, 'project.dueDateLabel'),
    choose: execute('chooseProject', t(lang, 'project.chooseSubmit')),
    required: t(lang, 'error.required'),
  };
  return { card: render(voteTemplate, model), summary: t(lang, 'project.voteSummary') };
}

/** Every proposal in full, posted when the vote starts: one card, or several when they are more than one holds. */
export function proposalCards(lang: Language, proposals: readonly Proposal[]): RenderedCard[] {
  const title = t(lang, 'project.voteTitle');
  const heading = t(lang, 'project.proposalsTitle');
  const sections = [{ heading, lines: proposals.map((p) => proposalLine(lang, p)) }];
  const cards = paged(
    sections,
    (part, k, total) =>
      render(listTemplate, {
        title,
        note: partNote(lang, 'project.part', k, total),
        sections: part.map((s) => ({ heading: s.heading, items: s.lines })),
      }),
    (h) => t(lang, 'reveal.continued', { heading: h }),
  );
  return cards.map((card) => ({ card, summary: heading }));
}

/** The final card that celebrates the common project. */
export function projectFinalCard(lang: Language, group: Group, project: Project): RenderedCard {
  const model = {
    title: t(lang, 'project.finalTitle'),
    body: t(lang, 'project.finalBody', { group: escapeMarkdown(group.name) }),
    projectTitle: escapeMarkdown(project.title),
    description: escapeMarkdown(project.description),
    facts: [
      { title: t(lang, 'project.owner'), value: escapeMarkdown(project.owner.name) },
      { title: t(lang, 'project.firstStep'), value: escapeMarkdown(project.firstStep) },
      { title: t(lang, 'project.dueDate'), value: formatDate(lang, project.dueDate) },
    ],
  };
  return {
    card: render(finalTemplate, model),
    summary: t(lang, 'project.finalSummary', { title: project.title }),
  };
}
