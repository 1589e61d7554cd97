import agreementsTemplate from '../../cards/agreements-form.json';
import promptTemplate from '../../cards/answer-prompt.json';
import statusTemplate from '../../cards/meeting-status.json';
import { MAX_CHOICES } from '../domain/items';
import { fieldCount, themeIntroKey, themeTitleKey, type MeetingNumber } from '../domain/themes';
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

/** The coordinator's buttons for the meeting's next step (a step Teams did not accept is offered again, and nothing else; none while cards are on their way). */
function coordinatorSteps(lang: Language, meeting: Meeting): VerbAction[] {
  const n = meeting.number;
  const at = meeting.unposted?.step;
  // While a step's cards are on their way, no step is offered (clicking again would only be refused).
  if (meeting.unposted && !meeting.unposted.failed) return [];
  const step = stepOf(meeting);
  const buttons: VerbAction[] = [];
  if (at ? at === 'reveal' : step === 'running')
    buttons.push(execute('reveal', t(lang, 'meeting.button.reveal'), { meeting: n }));
  if (at ? at === 'startVoting' : step === 'revealed')
    buttons.push(execute('startVoting', t(lang, 'meeting.button.startVoting'), { meeting: n }));
  if (at ? at === 'endVoting' : step === 'voting')
    buttons.push(execute('endVoting', t(lang, 'meeting.button.endVoting'), { meeting: n }));
  if (at ? at === 'close' : step === 'revealed' || step === 'chosen')
    buttons.push(execute('openAgreements', t(lang, 'meeting.button.close'), { meeting: n }));
  // Answers for members without a device in the room, while answers are open (app/behalf.ts).
  if (!at && meeting.status === 'running')
    buttons.push(execute('openBehalfForm', t(lang, 'behalf.button'), { meeting: n }));
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
    const label = answered ? t(lang, 'meeting.button.editAnswer') : perMeeting(lang, 'answer.button', n);
    return [execute('openAnswerForm', label, { meeting: n })];
  }
  if (meeting.status === 'voting')
    return [execute('openVoting', t(lang, 'voting.openButton'), { meeting: n })];
  return [];
}

/** The step a meeting's status card is at ('running' until it has started). */
function stepOf(meeting: Meeting): Exclude<Meeting['status'], 'planned' | 'invited'> {
  return meeting.status === 'planned' || meeting.status === 'invited' ? 'running' : meeting.status;
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
  const step = stepOf(meeting);
  const choosing = step === 'voting' || step === 'chosen';
  const by = choosing ? facts.voted : facts.answered;
  const ref = { card: 'meetingStatus' as const, meeting: n };
  const me = viewerId(viewer);
  const answered = me !== undefined && facts.answered.some((p) => p.userId === me);
  const names = coordinates(viewer) && (choosing || facts.namesShown) && by.length > 0;
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
    progress: t(lang, choosing ? 'meeting.progress.votes' : 'meeting.progress.answers', {
      count: by.length,
      total: choosing ? facts.expectedChoices : facts.expectedAnswers,
    }),
    who: names
      ? richLine(lang, choosing ? 'meeting.votedBy' : 'meeting.answeredBy', {
          names: by.map((p) => p.name).join(', '),
        })
      : [],
    mine: takesPart(viewer) && me ? ownState(lang, meeting, facts, me) : '',
    stepText: stepText(lang, meeting),
    actions,
  };
  const card = withRefresh(render(statusTemplate, model), ref, t(lang, 'view.mine'), refreshUserIds(group));
  return { card, summary: t(lang, `meeting.summary.${step}`, { n, theme }) };
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

/** The coordinator's form that closes meeting n with the group's agreements (their own view only). */
export function agreementsFormCard(lang: Language, n: number): RenderedCard {
  const theme = themeTitle(lang, n);
  const model = {
    title: t(lang, 'meeting.closeTitle', { n, theme }),
    intro: t(lang, 'meeting.closeIntro'),
    label: t(lang, 'meeting.agreementsLabel'),
    placeholder: t(lang, 'meeting.agreementsPlaceholder'),
    actions: [execute('closeMeeting', t(lang, 'meeting.button.close'), { meeting: n })],
  };
  return { card: render(agreementsTemplate, model), summary: model.title };
}

/**
 * The choosing card posted for everyone when choosing starts: what to do and the button that
 * returns each member's own choosing form (the list itself is never on a card the chat shares).
 */
export function votingPromptCard(lang: Language, n: number): RenderedCard {
  const model = {
    title: t(lang, 'voting.title', { n, theme: themeTitle(lang, n) }),
    prompts: [],
    body: t(lang, `voting.intro.${n === 1 ? '1' : n === 2 ? '2' : 'other'}`, { max: MAX_CHOICES }),
    actions: [execute('openVoting', t(lang, 'voting.openButton'), { meeting: n })],
  };
  return { card: render(promptTemplate, model), summary: t(lang, 'voting.summary', { n }) };
}
