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

/** The shared status card of a meeting: intro, last agreements, progress (names only), buttons. */
export function meetingStatusCard(
  lang: Language,
  group: Group,
  meeting: Meeting,
  facts: StatusFacts,
): RenderedCard {
  return fitting((limit) => statusCardWithin(lang, group, meeting, facts, limit));
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
  const voting = meeting.status === 'voting';
  const by = voting ? facts.votedBy : facts.answeredBy;
  const buttons: VerbAction[] = [];
  // A step whose card Teams did not accept is offered again, and nothing else until it is posted.
  const unposted = meeting.unposted?.step;
  if (unposted ? unposted === 'reveal' : meeting.status === 'running')
    buttons.push(execute('reveal', t(lang, 'meeting.button.reveal'), { meeting: n }));
  if (unposted ? unposted === 'startVoting' : meeting.status === 'revealed')
    buttons.push(execute('startVoting', t(lang, 'meeting.button.startVoting'), { meeting: n }));
  const canClose = unposted ? unposted === 'close' : meeting.status === 'revealed' || voting;
  const closeLabel = canClose ? t(lang, 'meeting.button.close') : '';
  const model = {
    title: t(lang, 'meeting.title', { n, theme }),
    groupName: escapeMarkdown(group.name),
    intro: t(lang, themeIntroKey(n as MeetingNumber)),
    previousTitle: t(lang, 'meeting.previousAgreements'),
    previous: paragraphsOf(clipParagraphs(facts.previous?.conclusion?.agreements ?? '', limit * 4)),
    progress: t(lang, voting ? 'meeting.progress.votes' : 'meeting.progress.answers', {
      count: by.length,
      total: facts.memberCount,
    }),
    who: by.length
      ? t(lang, voting ? 'meeting.votedBy' : 'meeting.answeredBy', {
          names: by.map(escapeMarkdown).join(', '),
        })
      : '',
    stepText: stepText(lang, meeting),
    coordinatorOnly: t(lang, 'meeting.coordinatorOnly'),
    answer:
      meeting.status === 'running'
        ? execute('openAnswerForm', t(lang, 'meeting.button.answer'), { meeting: n })
        : null,
    coordinatorButtons: buttons,
    closeLabel,
    close: closeLabel ? execute('closeMeeting', closeLabel, { meeting: n }) : null,
    agreementsLabel: t(lang, 'meeting.agreementsLabel'),
    agreementsPlaceholder: t(lang, 'meeting.agreementsPlaceholder'),
    required: t(lang, 'error.required'),
  };
  return { card: render(statusTemplate, model), summary: t(lang, 'meeting.summary.started', { n, theme }) };
}

/** What the meeting's step asks of everyone; while a step's cards are on their way (or refused), that. */
function stepText(lang: Language, meeting: Meeting): string {
  if (meeting.unposted)
    return t(lang, meeting.unposted.failed ? 'meeting.notPosted' : 'meeting.step.posting');
  const step = meeting.status === 'planned' || meeting.status === 'invited' ? 'running' : meeting.status;
  return t(lang, `meeting.step.${step}`, { max: MAX_CHOICES });
}

/** The answer card everyone sees: the prompts and a button that opens each person's own form. */
export function answerPromptCard(lang: Language, n: number): RenderedCard {
  const prompts =
    n === 1 ? [t(lang, 'theme.1.prompt')] : [1, 2].map((i) => `${i}. ${fieldLabel(lang, n, i)}`);
  const model = {
    title: t(lang, 'answer.promptTitle', { n, theme: themeTitle(lang, n) }),
    prompts,
    body: t(lang, 'answer.promptBody'),
    actions: [execute('openAnswerForm', t(lang, 'meeting.button.answer'), { meeting: n })],
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
  const model = {
    title: t(lang, 'answer.promptTitle', { n, theme: themeTitle(lang, n) }),
    prompt: n === 1 ? t(lang, 'theme.1.prompt') : '',
    intro: t(lang, 'answer.formIntro', { max: MAX_ANSWER_LENGTH }),
    notice: view.notice ?? '',
    problem: Object.keys(errors).length ? t(lang, 'answer.problems') : '',
    fields,
    submitAction: execute('submitAnswer', t(lang, 'answer.submit'), { meeting: n }),
  };
  return { card: render(answerFormTemplate, model), summary: model.title };
}
