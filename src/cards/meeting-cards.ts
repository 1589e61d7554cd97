import answerFormTemplate from '../../cards/answer-form.json';
import promptTemplate from '../../cards/answer-prompt.json';
import statusTemplate from '../../cards/meeting-status.json';
import { MAX_ANSWER_LENGTH } from '../domain/answer-input';
import type { FieldErrors } from '../domain/input';
import { MAX_CHOICES } from '../domain/items';
import {
  fieldCount,
  isFieldRequired,
  themeIntroKey,
  themeTitleKey,
  type MeetingNumber,
} from '../domain/themes';
import type { StatusFacts } from '../domain/status';
import type { Group, Language, Meeting } from '../domain/types';
import { t } from '../i18n';
import { fieldQuestion } from '../i18n/format';
import { escapeMarkdown, paragraphsOf } from './escape';
import { clipParagraphs, fitting } from './fit';
import { execute, type VerbAction } from './actions';
import { render, type RenderedCard } from './render';

/** The theme's title, e.g. "Tre gode råd". */
export function themeTitle(lang: Language, n: number): string {
  return t(lang, themeTitleKey(n as MeetingNumber));
}

/** The label of answer field i (1-based) of theme n. */
export function fieldLabel(lang: Language, n: number, i: number): string {
  return fieldQuestion(lang, n, i);
}

/** Keys whose wording differs between meeting 1 (råd) and the others (svar). */
type PerMeeting =
  | 'answer.button'
  | 'answer.title'
  | 'answer.promptBody'
  | 'answer.submit'
  | 'answer.saved'
  | 'answer.problems'
  | 'meeting.step.running';

/** The `.1` form of a key for meeting 1 (three pieces of advice), the `.other` form for the rest. */
export function perMeeting(
  lang: Language,
  key: PerMeeting,
  n: number,
  vars: Record<string, string | number> = {},
): string {
  return t(lang, `${key}.${n === 1 ? '1' : 'other'}` as const, vars);
}

/** The shared status card of a meeting: intro, last agreements, progress (names only), buttons. */
export function meetingStatusCard(
  lang: Language,
  group: Group,
  meeting: Meeting,
  facts: StatusFacts,
): RenderedCard {
  return fitting((limit) => statusCardWithin(lang, group, meeting, facts, limit));
}

/** The step a meeting's status card is at ('running' until it has started). */
function stepOf(meeting: Meeting): Exclude<Meeting['status'], 'planned' | 'invited'> {
  return meeting.status === 'planned' || meeting.status === 'invited' ? 'running' : meeting.status;
}

/** The coordinator's buttons at each step; a step whose card Teams did not accept is offered again, alone. */
function coordinatorButtons(lang: Language, meeting: Meeting): { buttons: VerbAction[]; canClose: boolean } {
  const n = meeting.number;
  const at = meeting.unposted?.step;
  const step = stepOf(meeting);
  const buttons: VerbAction[] = [];
  if (at ? at === 'reveal' : step === 'running')
    buttons.push(execute('reveal', t(lang, 'meeting.button.reveal'), { meeting: n }));
  if (at ? at === 'startVoting' : step === 'revealed')
    buttons.push(execute('startVoting', t(lang, 'meeting.button.startVoting'), { meeting: n }));
  if (at ? at === 'endVoting' : step === 'voting')
    buttons.push(execute('endVoting', t(lang, 'meeting.button.endVoting'), { meeting: n }));
  const canClose = at ? at === 'close' : step === 'revealed' || step === 'chosen';
  return { buttons, canClose };
}

function statusCardWithin(
  lang: Language,
  group: Group,
  meeting: Meeting,
  facts: StatusFacts,
  limit: number,
): RenderedCard {
  const n = meeting.number;
  const theme = themeTitle(lang, n);
  const step = stepOf(meeting);
  const choosing = step === 'voting' || step === 'chosen';
  const by = choosing ? facts.votedBy : facts.answeredBy;
  const { buttons, canClose } = coordinatorButtons(lang, meeting);
  const closeLabel = canClose ? t(lang, 'meeting.button.close') : '';
  const model = {
    title: t(lang, 'meeting.title', { n, theme }),
    groupName: escapeMarkdown(group.name),
    intro: t(lang, themeIntroKey(n as MeetingNumber)),
    previousTitle: t(lang, 'meeting.previousAgreements'),
    previous: paragraphsOf(clipParagraphs(facts.previous?.conclusion?.agreements ?? '', limit * 4)),
    progress: t(lang, choosing ? 'meeting.progress.votes' : 'meeting.progress.answers', {
      count: by.length,
      total: choosing ? facts.expectedChoices : facts.expectedAnswers,
    }),
    who: by.length
      ? t(lang, choosing ? 'meeting.votedBy' : 'meeting.answeredBy', {
          names: by.map(escapeMarkdown).join(', '),
        })
      : '',
    stepText: stepText(lang, meeting),
    coordinatorOnly: t(lang, 'meeting.coordinatorOnly'),
    answer:
      meeting.status === 'running'
        ? execute('openAnswerForm', perMeeting(lang, 'answer.button', n), { meeting: n })
        : null,
    coordinatorButtons: buttons,
    closeLabel,
    close: closeLabel ? execute('closeMeeting', closeLabel, { meeting: n }) : null,
    agreementsLabel: t(lang, 'meeting.agreementsLabel'),
    agreementsPlaceholder: t(lang, 'meeting.agreementsPlaceholder'),
  };
  return { card: render(statusTemplate, model), summary: t(lang, `meeting.summary.${step}`, { n, theme }) };
}

/** The questions of meeting n as the answer card lists them: the prompt of meeting 1, else each question. */
function promptsOf(lang: Language, n: number): string[] {
  if (n === 1) return [t(lang, 'theme.1.prompt')];
  return Array.from(
    { length: fieldCount(n as MeetingNumber) },
    (_, i) => `${i + 1}. ${fieldLabel(lang, n, i + 1)}`,
  );
}

/** What the meeting's step asks of everyone; while a step's cards are on their way (or refused), that. */
function stepText(lang: Language, meeting: Meeting): string {
  if (meeting.unposted)
    return t(lang, meeting.unposted.failed ? 'meeting.notPosted' : 'meeting.step.posting');
  const step = stepOf(meeting);
  if (step === 'running') return perMeeting(lang, 'meeting.step.running', meeting.number);
  return t(lang, `meeting.step.${step}`, { max: MAX_CHOICES });
}

/** The answer card everyone sees: the prompts and a button that opens each person's own form. */
export function answerPromptCard(lang: Language, n: number): RenderedCard {
  const model = {
    title: perMeeting(lang, 'answer.title', n, { n, theme: themeTitle(lang, n) }),
    prompts: promptsOf(lang, n),
    body: perMeeting(lang, 'answer.promptBody', n),
    actions: [execute('openAnswerForm', perMeeting(lang, 'answer.button', n), { meeting: n })],
  };
  return { card: render(promptTemplate, model), summary: t(lang, 'answer.summary', { n }) };
}

/** Options of the answer form view. */
export interface AnswerFormView {
  values?: string[];
  errors?: FieldErrors;
  notice?: string;
}

/** The caller's own answer form, pre-filled with their last answer. */
export function answerFormCard(lang: Language, n: number, view: AnswerFormView = {}): RenderedCard {
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
  const model = {
    title: perMeeting(lang, 'answer.title', n, { n, theme: themeTitle(lang, n) }),
    prompt: n === 1 ? t(lang, 'theme.1.prompt') : '',
    intro: n === 1 ? `${t(lang, 'answer.threeOrFewer')} ${intro}` : intro,
    notice: view.notice ?? '',
    problem: Object.keys(errors).length ? perMeeting(lang, 'answer.problems', n) : '',
    fields,
    submitAction: execute('submitAnswer', perMeeting(lang, 'answer.submit', n), { meeting: n }),
  };
  return { card: render(answerFormTemplate, model), summary: model.title };
}
