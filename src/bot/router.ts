import { t } from '../i18n';
import { COMMANDS } from './actions/commands';
import type { Command } from './commands';
import { handlerOf } from './handlers';
import { refusedReply, type Reply } from './reply';
import type { Turn } from './turn';

/**
 * Card data keys that would name a group, chat, tenant or person. No card the bot sends carries
 * them (the group and the person come from the authenticated activity), so data with one is forged.
 */
const IDENTITY_KEYS = new Set([
  'group',
  'groupKey',
  'conversation',
  'conversationId',
  'tenant',
  'tenantId',
  'user',
  'userId',
  'aadObjectId',
  'from',
]);

/** True when card data names a group, chat, tenant or person it may not name. */
function namesSomeone(verb: string, data: Record<string, unknown>): boolean {
  // The choose-group card of a personal chat names a group for `summary`; it is checked against the caller's groups.
  return Object.keys(data).some((k) => IDENTITY_KEYS.has(k) && !(k === 'group' && verb === 'summary'));
}

/** Routes a card action by its verb; an unknown verb, or data naming a group or person, is a bad request. */
export async function routeAction(turn: Turn, verb: unknown, data: Record<string, unknown>): Promise<Reply> {
  const handler = handlerOf(verb);
  if (!handler) return refusedReply(t(await turn.language(), 'refusal.unknownVerb'), true);
  if (namesSomeone(verb as string, data))
    return refusedReply(t(await turn.language(), 'refusal.invalidInput'), true);
  return handler(turn, data);
}

/**
 * Routes a chat command (parsed once, by the caller) to what it does, with the same input a card
 * button sends (`meeting`: what followed the command); anything else gets a pointer to help.
 */
export async function routeCommand(turn: Turn, command: Command | undefined): Promise<Reply> {
  if (!command) return refusedReply(t(await turn.language(), 'refusal.unknownCommand'));
  const target = COMMANDS[command.name];
  const handler = typeof target === 'string' ? handlerOf(target) : target;
  return handler!(turn, { meeting: command.arg });
}
