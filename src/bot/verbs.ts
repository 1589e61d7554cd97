import * as dataRights from './actions/data-rights';
import * as group from './actions/group';
import { openGuide } from './actions/guide';
import type { ActionHandler } from './actions/handler';
import * as invitation from './actions/invitation';
import * as meeting from './actions/meeting';
import * as project from './actions/project';
import { summary } from './actions/summary';

/**
 * One card verb: what answers it, and whether its repetition is harmless by construction (one row
 * per person, no new message posted). A re-delivered idempotent verb simply does the same again, so
 * it skips the claim (one storage round trip less).
 */
interface VerbEntry {
  readonly handler: ActionHandler;
  readonly idempotent: boolean;
}

/** Every card verb the bot answers, registered once. */
const registry = {
  openSetup: { handler: (turn) => group.openSetup(turn), idempotent: true },
  setupGroup: { handler: group.setup, idempotent: false },
  joinGroup: { handler: group.join, idempotent: true },
  leaveGroup: { handler: group.leave, idempotent: true },
  openGuide: { handler: (turn, data) => openGuide(turn, data.meeting), idempotent: true },
  saveInvitation: { handler: invitation.save, idempotent: false },
  rsvp: { handler: invitation.answer, idempotent: true },
  openInvitation: {
    handler: (turn, data) => invitation.openInvitationEditor(turn, data.meeting),
    idempotent: true,
  },
  startMeeting: { handler: (turn, data) => meeting.start(turn, data.meeting), idempotent: false },
  openAnswerForm: { handler: meeting.openForm, idempotent: true },
  submitAnswer: { handler: meeting.submit, idempotent: true },
  reveal: { handler: meeting.doReveal, idempotent: false },
  startVoting: { handler: meeting.doStartVoting, idempotent: false },
  vote: { handler: meeting.doVote, idempotent: true },
  closeMeeting: { handler: meeting.doClose, idempotent: false },
  refresh: { handler: meeting.refreshView, idempotent: true },
  proposeProject: { handler: project.propose, idempotent: false },
  startProjectVote: { handler: project.startVote, idempotent: false },
  voteProject: { handler: project.castVote, idempotent: true },
  chooseProject: { handler: project.choose, idempotent: false },
  summary: { handler: (turn, data) => summary(turn, data.meeting, data.group), idempotent: true },
  myData: { handler: (turn, data) => dataRights.showMyData(turn, Number(data.page) || 1), idempotent: true },
  confirmDeleteMyData: { handler: dataRights.confirmDeleteMine, idempotent: false },
  confirmDeleteGroup: { handler: dataRights.confirmDeleteGroup, idempotent: false },
} satisfies Record<string, VerbEntry>;

/** A card verb the bot answers. */
export type Verb = keyof typeof registry;

/** Every registered verb. */
export const VERBS = Object.keys(registry) as readonly Verb[];

/** True when `verb` is a registered card verb. */
export function isVerb(verb: unknown): verb is Verb {
  return typeof verb === 'string' && Object.prototype.hasOwnProperty.call(registry, verb);
}

/** The registration of a verb, or undefined for anything else. */
export function verbEntry(verb: unknown): VerbEntry | undefined {
  return isVerb(verb) ? registry[verb] : undefined;
}

/** True for a verb whose re-delivery needs no de-duplication. */
export function isIdempotent(verb: unknown): boolean {
  return verbEntry(verb)?.idempotent === true;
}
