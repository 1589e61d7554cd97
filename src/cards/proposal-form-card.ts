import proposalTemplate from '../../cards/proposal-form.json';
import type { FieldErrors } from '../domain/input';
import { basisOf, buildsOnValue, type ChosenInMeeting } from '../domain/project-basis';
import { MAX_PROPOSALS } from '../domain/project-input';
import type { BuildsOn, Language } from '../domain/types';
import { t } from '../i18n';
import { execute } from './actions';
import { chosenSections } from './chosen-cards';
import { ellipsis, fitting, isCut } from './fit';
import { themeTitle } from './meeting-cards';
import { render, type RenderedCard } from './render';
import { factRuns, plainRun, type Inlines, type TextRun } from './rich-text';

/** How long a "Byg videre på" choice's title is at most (the list above it shows the whole text). */
const OPTION_LENGTH = 100;

/** "Bygger videre på: … (fra møde N)" as runs (the item cut to `limit`), or none when it builds on nothing still stored. */
export function buildsOnRuns(
  lang: Language,
  chosen: readonly ChosenInMeeting[],
  ref: BuildsOn | undefined,
  limit = Infinity,
): Inlines {
  const basis = basisOf(chosen, ref);
  if (!basis) return [];
  const text = ellipsis(basis.text, limit).replace(/\n/g, ' ');
  const from = t(lang, 'project.buildsOnFrom', { text, n: basis.meeting });
  return factRuns(t(lang, 'project.buildsOnTitle'), from);
}

/** What the group chose in one meeting, for the form: a heading, then the items (question headings bold). */
function chosenBlock(
  lang: Language,
  c: ChosenInMeeting,
  limit: number,
): { heading: string; lines: Inlines[] } {
  return {
    heading: t(lang, 'project.chosenMeeting', { n: c.meeting, theme: themeTitle(lang, c.meeting) }),
    lines: chosenSections(lang, c.meeting, c.items, limit).flatMap((s): Inlines[] => [
      ...(s.heading ? [[{ type: 'TextRun', text: s.heading, weight: 'Bolder' } as TextRun]] : []),
      ...s.lines.map(plainRun),
    ]),
  };
}

/**
 * The member's form for a proposal for the common project (their own view only): what the group
 * chose in meetings 1–4, and an optional "Byg videre på" among those items. Long items are
 * shortened as far as the card budget needs.
 */
export function proposalFormCard(
  lang: Language,
  chosen: readonly ChosenInMeeting[] = [],
  errors: FieldErrors = {},
  values: Record<string, string> = {},
): RenderedCard {
  const err = (id: string): string => (errors[id] ? t(lang, errors[id].key, errors[id].vars) : '');
  const options = chosen.flatMap((c) =>
    c.items.map((i) => ({
      title: t(lang, 'project.buildsOnOption', {
        n: c.meeting,
        text: ellipsis(i.text.replace(/\n/g, ' '), OPTION_LENGTH),
      }),
      value: buildsOnValue({ meeting: c.meeting, item: i.id }),
    })),
  );
  const known = options.some((o) => o.value === values.buildsOn);
  return fitting((limit) => {
    const cut = chosen.some((c) => c.items.some((i) => isCut(i.text, limit)));
    const model = {
      title: t(lang, 'project.proposalFormTitle'),
      intro: t(lang, 'project.proposalFormIntro', { max: MAX_PROPOSALS }),
      problem: Object.keys(errors).length ? t(lang, 'project.proposalProblems') : '',
      chosenTitle: chosen.length ? t(lang, 'project.chosenTitle') : '',
      noneChosen: chosen.length ? '' : t(lang, 'project.noneChosen'),
      chosen: chosen.map((c) => chosenBlock(lang, c, limit)),
      shortened: cut ? t(lang, 'voting.shortened') : '',
      titleLabel: t(lang, 'project.titleLabel'),
      descriptionLabel: t(lang, 'project.descriptionLabel'),
      buildsOnLabel: t(lang, 'project.buildsOnLabel'),
      buildsOnPlaceholder: t(lang, 'project.buildsOnPlaceholder'),
      options,
      values: {
        title: values.title ?? '',
        description: values.description ?? '',
        buildsOn: known ? values.buildsOn : '',
      },
      errors: { title: err('title'), description: err('description') },
      required: t(lang, 'error.required'),
      actions: [execute('proposeProject', t(lang, 'project.submitProposal'))],
    };
    return { card: render(proposalTemplate, model), summary: model.title };
  });
}
