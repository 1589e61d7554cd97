import { t } from '../i18n';
import { commandHandlers } from './actions/commands';
import { parseCommand } from './commands';
import { messageReply, type Reply } from './reply';
import type { Turn } from './turn';
import { verbEntry } from './verbs';

/** Routes a card action by its verb; an unknown verb is a bad request. */
export async function routeAction(turn: Turn, verb: unknown, data: Record<string, unknown>): Promise<Reply> {
  const handler = verbEntry(verb)?.handler;
  if (!handler) return { kind: 'badRequest', text: t(await turn.language(), 'refusal.unknownVerb') };
  return handler(turn, data);
}

/** Routes a chat message to its command; anything else gets a pointer to help. */
export async function routeCommand(turn: Turn, text: string): Promise<Reply> {
  const command = parseCommand(text);
  if (!command) return messageReply(t(await turn.language(), 'refusal.unknownCommand'));
  return commandHandlers[command.name](turn, command.arg);
}
