import agreementsTemplate from '../../cards/agreements-form.json';
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
import { coordinates, EVERYONE, refreshUserIds, takesPart, viewerId, type Viewer } from '../domain/viewer';
import { t, tp } from '../i18n';
import { fieldQuestion } from '../i18n/format';
import { clipParagraphs, fitting } from './fit';
import { execute, ownViewButton, withRefresh, type VerbAction } from './actions';
import { paragraphRuns, plainRun, richLine } from './rich-text';
import { render, type RenderedCard } from './render';

/** The theme's title, e.g. "Tre gode råd". */
export function themeTitle(lang: Language, n: number): string {
  return t(lang, themeTitleKey(n as MeetingNumber));
}

/** The label of answer field i (1-based) of theme n. */
export function fieldLabel(lang: Language, n: number, i: number): string {
  return fieldQuestion(lang, n, i);
}

/** The status card of a meeting, as `viewer` sees it: the base card, or one person's own view. */
export function meetingStatusCard(
  lang: Language,
  group: Group,
  meeting: Meeting,
  facts: StatusFacts,
  viewer: Viewer = EVERYONE,
): RenderedCard {
  return fitting((limit) => statusCardWithin(lang, group, meeting, facts, viewer, limit));
}

/** The coordinator's buttons for the meeting's next step (a step Teams did not accept is offered again, and nothing else). */
function coordinatorSteps(lang: Language, meeting: Meeting): VerbAction[] {
  const n = meeting.number;
  const unposted = meeting.unposted?.step;
  const buttons: VerbAction[] = [];
  if (unposted ? unposted === 'reveal' : meeting.status === 'running')
    buttons.push(execute('reveal', t(lang, 'meeting.button.reveal'), { meeting: n }));
  if (unposted ? unposted === 'startVoting' : meeting.status === 'revealed')
    buttons.push(execute('startVoting', t(lang, 'meeting.button.startVoting'), { meeting: n }));
  if (unposted ? unposted === 'close' : meeting.status === 'revealed' || meeting.status === 'voting')
    buttons.push(execute('openAgreements', t(lang, 'meeting.button.close'), { meeting: n }));
  return buttons;
}

/** A member's own progress: whether they have shared their answers, or how many they chose. */
function ownState(lang: Language, meeting: Meeting, facts: StatusFacts, userId: string): string {
  if (meeting.status === 'running')
    return t(lang, facts.answered.some((p) => p.userId === userId) ? 'view.answered' : 'view.notAnswered');
  if (meeting.status !== 'voting') return '';
  const mine = facts.voted.find((v) => v.userId === userId);
  return mine ? tp(lang, 'view.chosen', mine.choices) : t(lang, 'view.notChosen');
}

/** The buttons anyone taking part may use at this step: write (or edit) answers, or choose. */
function memberButtons(lang: Language, meeting: Meeting, answered: boolean): VerbAction[] {
  const n = meeting.number;
  if (meeting.status === 'running') {
    const label = t(lang, answered ? 'meeting.button.editAnswer' : 'meeting.button.answer');
    return [execute('openAnswerForm', label, { meeting: n })];
  }
  if (meeting.status === 'voting')
    return [execute('openVoting', t(lang, 'voting.openButton'), { meeting: n })];
  return [];
}

function statusCardWithin(
  lang: Language,
  group: Group,
  meeting: Meeting,
  facts: StatusFacts,
  viewer: Viewer,
  limit: number,
): RenderedCard {
  const n = meeting.number;
  const theme = themeTitle(lang, n);
  const voting = meeting.status === 'voting';
  const by = voting ? facts.voted : facts.answered;
  const ref = { card: 'meetingStatus' as const, meeting: n };
  const me = viewerId(viewer);
  const answered = me !== undefined && facts.answered.some((p) => p.userId === me);
  const names = coordinates(viewer) && (voting || facts.namesShown) && by.length > 0;
  const actions = [
    ...(viewer.kind === 'everyone' || takesPart(viewer) ? memberButtons(lang, meeting, answered) : []),
    ...(coordinates(viewer) ? coordinatorSteps(lang, meeting) : []),
    ...(viewer.kind === 'everyone' ? [ownViewButton(t(lang, 'view.mine'), ref)] : []),
  ];
  const model = {
    title: t(lang, 'meeting.title', { n, theme }),
    groupName: plainRun(group.name),
    intro: t(lang, themeIntroKey(n as MeetingNumber)),
    previousTitle: t(lang, 'meeting.previousAgreements'),
    previous: paragraphRuns(clipParagraphs(facts.previous?.conclusion?.agreements ?? '', limit * 4)),
    progress: t(lang, voting ? 'meeting.progress.votes' : 'meeting.progress.answers', {
      count: by.length,
      total: facts.memberCount,
    }),
    who: names
      ? richLine(lang, voting ? 'meeting.votedBy' : 'meeting.answeredBy', {
          names: by.map((p) => p.name).join(', '),
        })
      : [],
    mine: takesPart(viewer) && me ? ownState(lang, meeting, facts, me) : '',
    stepText: t(
      lang,
      `meeting.step.${meeting.status === 'planned' || meeting.status === 'invited' ? 'running' : meeting.status}`,
      { max: MAX_CHOICES },
    ),
    actions,
  };
  const card = withRefresh(render(statusTemplate, model), ref, t(lang, 'view.mine'), refreshUserIds(group));
  return { card, summary: t(lang, 'meeting.summary.started', { n, theme }) };
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

/** The coordinator's form that closes meeting n with the group's agreements (their own view only). */
export function agreementsFormCard(lang: Language, n: number): RenderedCard {
  const theme = themeTitle(lang, n);
  const model = {
    title: t(lang, 'meeting.closeTitle', { n, theme }),
    intro: t(lang, 'meeting.closeIntro'),
    label: t(lang, 'meeting.agreementsLabel'),
    placeholder: t(lang, 'meeting.agreementsPlaceholder'),
    required: t(lang, 'error.required'),
    actions: [execute('closeMeeting', t(lang, 'meeting.button.close'), { meeting: n })],
  };
  return { card: render(agreementsTemplate, model), summary: model.title };
}
