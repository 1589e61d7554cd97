/**
 * The application facade: every use case bound to its dependencies. The edges (bot, tab API,
 * calendar link, reminder scheduler) get an `App` and call use cases on it; they never see the
 * store or `AppDeps`. See docs/architecture.md.
 */
import { compareAcross } from './across';
import { afterActivity, botRemoved, membersLeftChat, noteActivity } from './chat-events';
import { confirmationToken } from './confirmation';
import type { Actor, AppDeps } from './context';
import { claimActivity } from './dedupe';
import { recordGroupCard, setInactive } from './group';
import { groupScope, groupToDelete } from './group-deletion';
import { recordInvitationCard } from './invitation';
import { currentInvitation } from './invitation';
import { currentMeeting, recordMeetingCard } from './meeting';
import { groupKeyOfChat, readMyGroups, readOverview, recordOverviewTab } from './overview';
import { recordProjectVoteCard } from './project';
import { claimDueReminders, unansweredInRunningMeeting } from './reminders';
import { sweepRetention } from './retention';
import { programmeStatus } from './status';
import type { Input } from './use-case';
import type { VerbUseCase } from './verb';
import { VERBS, type Verb, type ViewOf } from './verbs';
import { outboxAccess, type Posts } from './outbox';
import { todayIn } from '../domain/schedule';
import type { Group } from '../domain/types';
import { calendarEntry, groupView, languageFor, markGone, projectView, welcomeBack } from './views';

export type { Actor } from './context';
export type { Verb } from './verbs';
export { isVerb, VERB_NAMES, VERBS } from './verbs';

/** The verbs' use cases, bound: `app.submitAnswer(actor, input)`; a step takes the cards it posts. */
type BoundVerbs = {
  [V in Verb]: (
    actor: Actor,
    input?: Input,
    posts?: Posts<ViewOf<(typeof VERBS)[V]>>,
  ) => ReturnType<(typeof VERBS)[V]['run']>;
};

/** The application as the edges see it: `createApp(deps)`. */
export type App = ReturnType<typeof createApp>;

/** Binds every use case to `deps`: `app.submitAnswer(actor, input)` is `submitAnswer(deps, actor, input)`. */
export function createApp(deps: AppDeps) {
  const bind =
    <A extends unknown[], R>(useCase: (d: AppDeps, ...args: A) => R) =>
    (...args: A): R =>
      useCase(deps, ...args);
  const verbs = Object.fromEntries(
    Object.entries(VERBS).map(([verb, spec]) => [
      verb,
      (actor: Actor, input: Input = {}, posts?: Posts<unknown>) =>
        (spec.run as VerbUseCase)(deps, actor, input, posts),
    ]),
  ) as BoundVerbs;
  return {
    ...verbs,
    now: deps.now,
    timeZone: deps.timeZone,
    defaultLanguage: deps.defaultLanguage,
    /** Today's date (YYYY-MM-DD) where the groups meet: the earliest date an invitation may name. */
    today: (): string => todayIn(deps.timeZone, deps.now()),
    /** Marks a turn of the group as running (`slet gruppe` waits for it); call the result when done. */
    enterTurn: (groupKey: string): (() => void) | undefined => deps.turns?.enter(groupKey),
    // The chat and its group
    groupView: bind(groupView),
    languageFor: bind(languageFor),
    welcomeBack: bind(welcomeBack),
    recordGroupCard: bind(recordGroupCard),
    markGone: bind(markGone),
    markInactive: bind(setInactive),
    noteActivity: bind(noteActivity),
    /** What an activity would change in a stored group (a pure rule; undefined: nothing). */
    afterActivity,
    membersLeftChat: bind(membersLeftChat),
    botRemoved: bind(botRemoved),
    claimActivity: bind(claimActivity),
    // Meetings, invitations, the project: the cards' state after the turn
    currentMeeting: bind(currentMeeting),
    recordMeetingCard: bind(recordMeetingCard),
    currentInvitation: bind(currentInvitation),
    recordInvitationCard: bind(recordInvitationCard),
    calendarEntry: bind(calendarEntry),
    recordProjectVoteCard: bind(recordProjectVoteCard),
    projectView: bind(projectView),
    /** The durable outbox's storage, for the bot's dispatcher. */
    outbox: outboxAccess(deps),
    // Status, comparison, reminders
    programmeStatus: bind(programmeStatus),
    compareAcross: bind(compareAcross),
    unansweredInRunningMeeting: bind(unansweredInRunningMeeting),
    claimDueReminders: bind(claimDueReminders),
    sweepRetention: bind(sweepRetention),
    // The overview tab
    readOverview: bind(readOverview),
    recordOverviewTab: bind(recordOverviewTab),
    readMyGroups: bind(readMyGroups),
    groupKeyOfChat,
    // Asking before deleting
    groupToDelete: bind(groupToDelete),
    /** The token of `slet mine data`'s confirmation button. */
    myDataToken: (actor: Actor): string => confirmationToken(deps, actor, { kind: 'myData' }),
    /** The token of `slet gruppe`'s confirmation button, for this group as it is now. */
    groupDeletionToken: (actor: Actor, group: Group): string =>
      confirmationToken(deps, actor, groupScope(group)),
  };
}
