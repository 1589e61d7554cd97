import { t } from '../i18n';
import type { ActionHandler } from './actions/handler';
import { commandHandlers } from './actions/commands';
import { dataRightsActions } from './actions/data-rights';
import { groupActions } from './actions/group';
import { guideActions } from './actions/guide';
import { invitationActions } from './actions/invitation';
import { meetingActions } from './actions/meeting';
import { projectActions } from './actions/project';
import { summaryActions } from './actions/summary';
import { parseCommand } from './commands';
import { messageReply, type Reply } from './reply';
import type { Turn } from './turn';

const verbs: Record<string, ActionHandler> = {
  ...groupActions,
  ...guideActions,
  ...invitationActions,
  ...meetingActions,
  ...projectActions,
  ...summaryActions,
  ...dataRightsActions,
};

/**
 * Verbs whose repetition is harmless by construction (one row per person, no new message posted):
 * a re-delivery simply does the same again, so they skip the claim (one storage round trip less).
 */
const IDEMPOTENT_VERBS = new Set([
  'openSetup',
  'openInvitation',
  'openAnswerForm',
  'openGuide',
  'submitAnswer',
  'vote',
  'rsvp',
  'voteProject',
  'joinGroup',
  'leaveGroup',
  'refresh',
  'summary',
  'myData',
]);

/** True for a verb whose re-delivery needs no de-duplication. */
export function isIdempotent(verb: unknown): boolean {
  return typeof verb === 'string' && IDEMPOTENT_VERBS.has(verb);
}

/** The card verbs the bot answers. */
export const KNOWN_VERBS: readonly string[] = Object.keys(verbs);

/** Routes a card action by its verb; an unknown verb is a bad request. */
export async function routeAction(turn: Turn, verb: unknown, data: Record<string, unknown>): Promise<Reply> {
  const handler =
    typeof verb === 'string' && Object.prototype.hasOwnProperty.call(verbs, verb) ? verbs[verb] : undefined;
  if (!handler) return { kind: 'badRequest', text: t(await turn.language(), 'refusal.unknownVerb') };
  return handler(turn, data);
}

/** Routes a chat message to its command; anything else gets a pointer to help. */
export async function routeCommand(turn: Turn, text: string): Promise<Reply> {
  const command = parseCommand(text);
  if (!command) return messageReply(t(await turn.language(), 'refusal.unknownCommand'));
  return commandHandlers[command.name](turn, command.arg);
}
