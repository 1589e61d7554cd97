import finalTemplate from '../../cards/project-final.json';
import voteTemplate from '../../cards/project-vote.json';
import type { Group, Language, Project, ProjectVote, Proposal } from '../domain/types';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { escapeMarkdown } from './escape';
import { proposalLine } from './result-cards';
import { render, type RenderedCard } from './render';

/** The project vote card: the proposals, progress, one choice (`choice`) and the coordinator's decision form. */
export function projectVoteCard(
  lang: Language,
  group: Group,
  proposals: readonly Proposal[],
  votes: readonly ProjectVote[],
  mine?: string,
  notice = '',
): RenderedCard {
  const model = {
    title: t(lang, 'project.voteTitle'),
    notice,
    proposals: proposals.map((p) => {
      const count = votes.filter((v) => v.choice === p.id).length;
      return `${proposalLine(lang, p)} (${t(lang, 'project.votes', { votes: count, total: group.members.length })})`;
    }),
    progress: t(lang, 'project.voteProgress', { count: votes.length, total: group.members.length }),
    voteLabel: t(lang, 'project.voteLabel'),
    mine: mine ?? '',
    options: proposals.map((p) => ({ title: p.title, value: p.id })),
    voteSubmit: t(lang, 'project.voteSubmit'),
    chooseLabel: t(lang, 'project.chooseButton'),
    projectLabel: t(lang, 'project.chooseLabel'),
    ownerLabel: t(lang, 'project.ownerLabel'),
    owners: group.members.flatMap((m) => (m.ref ? [{ title: m.name, value: m.ref }] : [])),
    firstStepLabel: t(lang, 'project.firstStepLabel'),
    dueDateLabel: t(lang, 'project.dueDateLabel'),
    chooseSubmit: t(lang, 'project.chooseSubmit'),
    required: t(lang, 'error.required'),
  };
  return { card: render(voteTemplate, model), summary: t(lang, 'project.voteSummary') };
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
