import promptTemplate from '../../cards/setup-prompt.json';
import template from '../../cards/setup.json';
import type { FieldErrors } from '../domain/input';
import { LANGUAGES, PHASES, REVEAL_MODES, type GroupSettings, type Language } from '../domain/types';
import { t, type MessageKey } from '../i18n';
import { execute, type VerbAction } from './actions';
import { render, type RenderedCard } from './render';

interface TextField {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  required: string;
  error: string;
}

interface ChoiceField {
  id: string;
  label: string;
  value: string;
  options: { title: string; value: string }[];
  required: string;
  error: string;
}

/** Model of cards/setup.json. */
export interface SetupCardModel {
  title: string;
  intro: string;
  problem: string;
  questionsTitle: string;
  questions: string[];
  /** The seed's precondition, asked as advice (never required). */
  precondition: { label: string; value: string; options: { title: string; value: string }[] };
  texts: TextField[];
  choices: ChoiceField[];
  /** The reveal mode shown read-only once it is fixed, with one sentence why (else ''). */
  fixedLabel: string;
  fixed: string;
  submitAction: VerbAction;
}

function fieldError(lang: Language, errors: FieldErrors, id: string): string {
  const e = errors[id];
  return e ? t(lang, e.key, e.vars) : '';
}

/**
 * The setup card, pre-filled with `values`, with `errors` marked on their fields. `revealFixed`:
 * the group answered anonymously, so the reveal mode is shown read-only instead of as a choice.
 */
export function setupCard(
  lang: Language,
  values: Partial<GroupSettings>,
  errors: FieldErrors = {},
  precondition = '',
  revealFixed = false,
): RenderedCard {
  const text = (id: 'name' | 'association' | 'area'): TextField => ({
    id,
    label: t(lang, `setup.${id}`),
    placeholder: t(lang, `setup.${id}Placeholder`),
    value: values[id] ?? '',
    required: t(lang, 'error.required'),
    error: fieldError(lang, errors, id),
  });
  const choice = (
    id: 'phase' | 'language' | 'revealMode',
    options: readonly { value: string; key: MessageKey }[],
    value: string,
  ): ChoiceField => ({
    id,
    label: t(lang, `setup.${id}`),
    value,
    options: options.map((o) => ({ title: t(lang, o.key), value: o.value })),
    required: t(lang, 'error.required'),
    error: fieldError(lang, errors, id),
  });
  const model: SetupCardModel = {
    title: t(lang, 'setup.title'),
    intro: t(lang, 'setup.intro'),
    problem: Object.keys(errors).length ? t(lang, 'setup.problems') : '',
    questionsTitle: t(lang, 'setup.questionsTitle'),
    questions: ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((i) => t(lang, `setup.question.${i}`)),
    precondition: {
      label: t(lang, 'setup.precondition'),
      value: precondition,
      options: (['yes', 'no'] as const).map((o) => ({ title: t(lang, `setup.precondition.${o}`), value: o })),
    },
    texts: [text('name'), text('association'), text('area')],
    choices: [
      choice(
        'phase',
        PHASES.map((p) => ({ value: p, key: `phase.${p}` as const })),
        values.phase ?? 'undervejs',
      ),
      choice(
        'language',
        LANGUAGES.map((l) => ({ value: l, key: `language.${l}` as const })),
        values.language ?? lang,
      ),
      ...(revealFixed
        ? []
        : [
            choice(
              'revealMode',
              REVEAL_MODES.map((m) => ({ value: m, key: `revealMode.${m}` as const })),
              values.revealMode ?? 'named',
            ),
          ]),
    ],
    fixedLabel: revealFixed ? t(lang, 'setup.revealMode') : '',
    fixed: revealFixed
      ? t(lang, 'setup.revealFixed', { mode: t(lang, 'revealMode.anonymous').toLowerCase() })
      : '',
    submitAction: execute('setupGroup', t(lang, 'setup.submit')),
  };
  return { card: render(template, model), summary: t(lang, 'setup.summary') };
}

/**
 * What `opret` typed in a group chat or channel posts: a button, not the form. Its invoke returns
 * the setup card to the person who clicks it alone (a form in a shared message could be filled in
 * by anyone); `exists`: the group is set up, so the button opens its settings.
 */
export function setupPromptCard(lang: Language, exists: boolean): RenderedCard {
  const model = {
    text: t(lang, exists ? 'setup.promptEdit' : 'setup.prompt'),
    // The click opens the form in the command's language, whatever the clicker's Teams locale.
    open: execute('openSetup', t(lang, exists ? 'setup.editButton' : 'welcome.setup'), { lang }),
  };
  return { card: render(promptTemplate, model), summary: t(lang, 'setup.summary') };
}
