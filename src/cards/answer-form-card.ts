import answerFormTemplate from '../../cards/answer-form.json';
import { MAX_ANSWER_LENGTH } from '../domain/answer-input';
import type { FieldErrors } from '../domain/input';
import { fieldCount, isFieldRequired, type MeetingNumber } from '../domain/themes';
import type { Language } from '../domain/types';
import { t } from '../i18n';
import { execute } from './actions';
import { fieldLabel, perMeeting, themeTitle } from './meeting-cards';
import { render, type AdaptiveCard, type RenderedCard } from './render';
import { asConfirmation, ownRuns, type Inlines } from './rich-text';

/** The coordinator's choice of the member an answer is typed in for (app/behalf.ts). */
export interface BehalfPicker {
  /** The members to choose from: their names and their random card ids (`Member.ref`). */
  members: { title: string; value: string }[];
  /** The member chosen before (a form shown again). */
  chosen?: string;
}

/** Options of the answer form view. */
export interface AnswerFormView {
  values?: string[];
  errors?: FieldErrors;
  /** A confirmation of the reader's step: the bot's own text, or runs with people's texts in them. */
  notice?: string | Inlines;
  /** Set for the coordinator's form that types in an answer for a member. */
  behalf?: BehalfPicker;
}

/** The model of the member picker in cards/answer-form.json (empty: no picker). */
function pickerModel(lang: Language, behalf: BehalfPicker | undefined) {
  return {
    members: behalf?.members ?? [],
    memberLabel: t(lang, 'behalf.memberLabel'),
    memberRequired: t(lang, 'behalf.memberRequired'),
    chosen: behalf?.chosen ?? '',
  };
}

/**
 * The caller's own answer form, pre-filled with their last answer; with `behalf`, the coordinator's
 * form for an answer typed in for a member (a member picker, the same fields).
 */
export function answerFormCard(lang: Language, n: number, view: AnswerFormView = {}): RenderedCard {
  if (view.behalf || view.errors || (view.notice && typeof view.notice !== 'string'))
    return boundForm(lang, n, view);
  const key = `${lang}|${n}|${view.notice ?? ''}`;
  let blank = blankForms.get(key);
  if (!blank) {
    if (blankForms.size >= MAX_BLANK_FORMS) blankForms.clear();
    blank = frozen(boundForm(lang, n, { notice: view.notice }));
    blankForms.set(key, blank);
  }
  return filledIn(blank, view.values ?? []);
}

/**
 * A member's own form without problems, bound once per language, meeting and notice with empty
 * fields (binding is most of its cost, and every answer's reply is one); each reply copies the
 * path to the fields and writes the answers in, as binding them would.
 */
const blankForms = new Map<string, RenderedCard>();
const MAX_BLANK_FORMS = 64;

/** The blank form with `values` in its fields (`a1`, `a2`, … in order; missing ones stay empty). */
function filledIn(blank: RenderedCard, values: readonly string[]): RenderedCard {
  const body = blank.card.body as AdaptiveCard[];
  const filled = body.map((element) => {
    const items = element.items as AdaptiveCard[] | undefined;
    const input = element.type === 'Container' && items?.[0]?.type === 'Input.Text' ? items[0] : undefined;
    const i = input ? Number(String(input.id).slice(1)) - 1 : -1;
    if (!input || !values[i]) return element;
    return { ...element, items: [{ ...input, value: values[i] }, ...items!.slice(1)] };
  });
  return { card: { ...blank.card, body: filled }, summary: blank.summary };
}

/** `value` with every object and array in it frozen (a cached card is shared by every reply). */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/** The answer form bound from its template. */
function boundForm(lang: Language, n: number, view: AnswerFormView): RenderedCard {
  const errors = view.errors ?? {};
  const count = fieldCount(n as MeetingNumber);
  const fields = Array.from({ length: count }, (_, i) => {
    const id = `a${i + 1}`;
    const required = isFieldRequired(n as MeetingNumber, i + 1);
    return {
      id,
      label: required
        ? fieldLabel(lang, n, i + 1)
        : `${fieldLabel(lang, n, i + 1)} ${t(lang, 'answer.optional')}`,
      value: view.values?.[i] ?? '',
      required,
      requiredText: t(lang, 'error.required'),
      error: errors[id] ? t(lang, errors[id].key, errors[id].vars) : '',
    };
  });
  const intro = t(lang, 'answer.formIntro', { max: MAX_ANSWER_LENGTH });
  const theme = themeTitle(lang, n);
  const { behalf } = view;
  const model = {
    title: behalf ? t(lang, 'behalf.title', { n, theme }) : perMeeting(lang, 'answer.title', n, { n, theme }),
    prompt: n === 1 ? t(lang, 'theme.1.prompt') : '',
    intro: behalf
      ? `${t(lang, behalf.members.length ? 'behalf.intro' : 'behalf.noneLeft')} ${intro}`
      : n === 1
        ? `${t(lang, 'answer.threeOrFewer')} ${intro}`
        : intro,
    notice: asConfirmation(typeof view.notice === 'string' ? ownRuns(view.notice) : (view.notice ?? [])),
    problem: !Object.keys(errors).length
      ? ''
      : behalf
        ? t(lang, 'behalf.problems')
        : perMeeting(lang, 'answer.problems', n),
    ...pickerModel(lang, behalf),
    fields: behalf && !behalf.members.length ? [] : fields,
    submitAction: behalf
      ? behalf.members.length
        ? execute('submitBehalfAnswer', t(lang, 'behalf.submit'), { meeting: n })
        : null
      : execute('submitAnswer', perMeeting(lang, 'answer.submit', n), { meeting: n }),
  };
  return { card: render(answerFormTemplate, model), summary: model.title };
}
