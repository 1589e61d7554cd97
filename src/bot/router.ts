import { t } from '../i18n';
import { commandHandlers } from './actions/commands';
import { parseCommand } from './commands';
import { messageReply, type Reply } from './reply';
import type { Turn } from './turn';
import { verbEntry } from './verbs';

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
  const handler = verbEntry(verb)?.handler;
  if (!handler) return { kind: 'badRequest', text: t(await turn.language(), 'refusal.unknownVerb') };
  if (namesSomeone(verb as string, data))
    return { kind: 'badRequest', text: t(await turn.language(), 'refusal.invalidInput') };
  return handler(turn, data);
}

/** Routes a chat message to its command; anything else gets a pointer to help. */
export async function routeCommand(turn: Turn, text: string): Promise<Reply> {
  const command = parseCommand(text);
  if (!command) return messageReply(t(await turn.language(), 'refusal.unknownCommand'));
  return commandHandlers[command.name](turn, command.arg);
}
