/**
 * The application facade: every use case bound to its dependencies. The edges (bot, tab API,
 * calendar link, reminder scheduler) get an `App` and call use cases on it; they never see the
 * store or `AppDeps`. See docs/architecture.md.
 */
import { compareAcross } from './across';
import { answerForm, submitAnswer } from './answers';
import { afterActivity, botRemoved, membersLeftChat, noteActivity } from './chat-events';
import { confirmationToken } from './confirmation';
import type { AppDeps } from './context';
import { collectMyData, deleteMyData } from './data-rights';
import { claimActivity } from './dedupe';
import { hasAnswers, joinGroup, leaveGroup, recordGroupCard, setInactive, setupGroup } from './group';
import { deleteWholeGroup, groupScope, groupToDelete } from './group-deletion';
import { meetingGuide } from './guide';
import { currentInvitation, invitationDraft, recordInvitationCard, rsvp, saveInvitation } from './invitation';
import {
  closeMeeting,
  currentMeeting,
  recordMeetingCard,
  reveal,
  startMeeting,
  startVoting,
  vote,
} from './meeting';
import { groupKeyOfChat, readMyGroups, readOverview, recordOverviewTab } from './overview';
import { markPosted, markUnposted } from './posting';
import { recordPostedCards } from './posted-cards';
import {
  chooseProject,
  proposeProject,
  recordProjectVoteCard,
  startProjectVote,
  voteProject,
} from './project';
import { claimDueReminders, unansweredInRunningMeeting } from './reminders';
import { sweepRetention } from './retention';
import { programmeStatus } from './status';
import { summarise } from './summary';
import type { Actor } from './context';
import { todayIn } from '../domain/schedule';
import type { Group } from '../domain/types';
import {
  calendarEntry,
  groupView,
  languageFor,
  markGone,
  projectView,
  refreshView,
  sharedCards,
  welcomeBack,
} from './views';

export type { Actor } from './context';

/** The application as the edges see it: `createApp(deps)`. */
export type App = ReturnType<typeof createApp>;

/** Binds every use case to `deps`: `app.submitAnswer(actor, data)` is `submitAnswer(deps, actor, data)`. */
export function createApp(deps: AppDeps) {
  const bind =
    <A extends unknown[], R>(useCase: (d: AppDeps, ...args: A) => R) =>
    (...args: A): R =>
      useCase(deps, ...args);
  return {
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
    refreshView: bind(refreshView),
    sharedCards: bind(sharedCards),
    setupGroup: bind(setupGroup),
    joinGroup: bind(joinGroup),
    leaveGroup: bind(leaveGroup),
    hasAnswers: bind(hasAnswers),
    recordGroupCard: bind(recordGroupCard),
    markGone: bind(markGone),
    markInactive: bind(setInactive),
    noteActivity: bind(noteActivity),
    /** What an activity would change in a stored group (a pure rule; undefined: nothing). */
    afterActivity,
    membersLeftChat: bind(membersLeftChat),
    botRemoved: bind(botRemoved),
    claimActivity: bind(claimActivity),
    // Meetings
    startMeeting: bind(startMeeting),
    currentMeeting: bind(currentMeeting),
    recordMeetingCard: bind(recordMeetingCard),
    reveal: bind(reveal),
    startVoting: bind(startVoting),
    vote: bind(vote),
    closeMeeting: bind(closeMeeting),
    markPosted: bind(markPosted),
    recordPostedCards: bind(recordPostedCards),
    markUnposted: bind(markUnposted),
    answerForm: bind(answerForm),
    submitAnswer: bind(submitAnswer),
    meetingGuide: bind(meetingGuide),
    // Invitations
    invitationDraft: bind(invitationDraft),
    saveInvitation: bind(saveInvitation),
    currentInvitation: bind(currentInvitation),
    recordInvitationCard: bind(recordInvitationCard),
    rsvp: bind(rsvp),
    calendarEntry: bind(calendarEntry),
    // The common project
    proposeProject: bind(proposeProject),
    startProjectVote: bind(startProjectVote),
    voteProject: bind(voteProject),
    chooseProject: bind(chooseProject),
    recordProjectVoteCard: bind(recordProjectVoteCard),
    projectView: bind(projectView),
    // Summaries, status, comparison, reminders
    summarise: bind(summarise),
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
    // A person's data and deleting a group
    collectMyData: bind(collectMyData),
    deleteMyData: bind(deleteMyData),
    groupToDelete: bind(groupToDelete),
    deleteWholeGroup: bind(deleteWholeGroup),
    /** The token of `slet mine data`'s confirmation button. */
    myDataToken: (actor: Actor): string => confirmationToken(deps, actor, { kind: 'myData' }),
    /** The token of `slet gruppe`'s confirmation button, for this group as it is now. */
    groupDeletionToken: (actor: Actor, group: Group): string =>
      confirmationToken(deps, actor, groupScope(group)),
  };
}
