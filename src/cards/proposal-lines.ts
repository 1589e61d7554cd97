/** A project proposal as one line of runs: its title, who proposed it, its description and what it builds on. */
import type { ChosenInMeeting } from '../domain/project-basis';
import type { Language, Proposal } from '../domain/types';
import { ellipsis } from './fit';
import { plainRun, richLine, type Inlines } from './rich-text';
import { buildsOnRuns } from './proposal-form-card';

/** A proposal's line, then " – Bygger videre på: … (fra møde N)" when it builds on something still stored (a reference, resolved here). */
export function proposalWithBasis(
  lang: Language,
  p: Proposal,
  fromMeetings: readonly ChosenInMeeting[],
  limit = Infinity,
): Inlines {
  const basis = buildsOnRuns(lang, fromMeetings, p.buildsOn, limit);
  return [...proposalLine(lang, p, limit), ...(basis.length ? [...plainRun(' – '), ...basis] : [])];
}

/** A proposal as runs: its title in bold, who proposed it, its description (title and description cut to `limit`). */
export function proposalLine(lang: Language, p: Proposal, limit = Infinity): Inlines {
  return richLine(lang, 'project.proposal', {
    title: ellipsis(p.title, limit),
    name: p.name,
    description: ellipsis(p.description, limit).replace(/\n/g, ' '),
  });
}
