import { isVerb, VERB_NAMES, VERBS, type Verb } from '../app';
import type { NoticeVerb } from '../app/verbs';
import { noticeHandler, type Handler } from './act';
import { openBehalfForm, submitBehalfAnswer } from './actions/behalf';
import { confirmDeleteGroup, confirmDeleteMyData, myData } from './actions/data-rights';
import { joinGroup, leaveGroup, openJoin, openSetup, setupGroup } from './actions/group';
import { openGuide } from './actions/guide';
import { openInvitation, rsvp, saveInvitation } from './actions/invitation';
import {
  closeMeeting,
  endVoting,
  openAgreements,
  openAnswerForm,
  openVoting,
  refresh,
  reveal,
  startMeeting,
  startVoting,
  submitAnswer,
  vote,
} from './actions/meeting';
import {
  chooseProject,
  openBallot,
  openDecision,
  openProposal,
  proposeProject,
  startProjectVote,
  voteProject,
} from './actions/project';
import { summary } from './actions/summary';

/**
 * The handler of every card verb that answers with more than "noted": each of the verb's name
 * (verb = handler = use case). A verb declared in app/verbs.ts without one fails the typecheck.
 */
const HANDLERS = {
  openSetup,
  setupGroup,
  openJoin,
  joinGroup,
  leaveGroup,
  openGuide,
  saveInvitation,
  rsvp,
  openInvitation,
  startMeeting,
  openAnswerForm,
  submitAnswer,
  openBehalfForm,
  submitBehalfAnswer,
  openAgreements,
  openVoting,
  reveal,
  startVoting,
  endVoting,
  vote,
  closeMeeting,
  refresh,
  openProposal,
  proposeProject,
  startProjectVote,
  openBallot,
  voteProject,
  openDecision,
  chooseProject,
  summary,
  myData,
  confirmDeleteMyData,
  confirmDeleteGroup,
} satisfies Record<Exclude<Verb, NoticeVerb>, Handler>;

/** Every verb's handler: its own, or the standard one of a verb that only says it is noted. */
const ALL: Record<Verb, Handler> = Object.fromEntries(
  VERB_NAMES.map((verb) => [
    verb,
    verb in HANDLERS ? HANDLERS[verb as keyof typeof HANDLERS] : noticeHandler(verb as NoticeVerb),
  ]),
) as Record<Verb, Handler>;

/** The handler of a card verb, or undefined for anything else. */
export function handlerOf(verb: unknown): Handler | undefined {
  return isVerb(verb) ? ALL[verb] : undefined;
}

/** True for a verb whose re-delivery needs no de-duplication (a repeat is harmless by construction). */
export function isRepeatable(verb: unknown): boolean {
  return isVerb(verb) && VERBS[verb].repeatable;
}
