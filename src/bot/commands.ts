import { COMMAND_NAMES, type CommandName } from '../domain/commands';
import type { Language } from '../domain/types';

export { COMMAND_NAMES, type CommandName };

/** A parsed command: its name and whatever followed (e.g. a meeting number). */
export interface Command {
  name: CommandName;
  arg: string;
}

const WORDS: Record<string, CommandName> = {
  hjælp: 'help',
  hjaelp: 'help',
  help: 'help',
  '?': 'help',
  opret: 'setup',
  opsæt: 'setup',
  opsaet: 'setup',
  setup: 'setup',
  status: 'status',
  inviter: 'invite',
  invitér: 'invite',
  invite: 'invite',
  vejledning: 'guide',
  guide: 'guide',
  start: 'start',
  påmind: 'remind',
  paamind: 'remind',
  pamind: 'remind',
  remind: 'remind',
  across: 'across',
  opsummering: 'summary',
  summary: 'summary',
};

/** Commands of several words, matched before single words (longest first). */
const PHRASES: [string[], CommandName][] = [
  [['slet', 'mine', 'data'], 'deleteMyData'],
  [['delete', 'my', 'data'], 'deleteMyData'],
  [['slet', 'gruppe'], 'deleteGroup'],
  [['slet', 'gruppen'], 'deleteGroup'],
  [['delete', 'group'], 'deleteGroup'],
  [['på', 'tværs'], 'across'],
  [['pa', 'tvaers'], 'across'],
  [['mine', 'data'], 'myData'],
  [['my', 'data'], 'myData'],
];

const FILLER = new Set(['tema', 'theme', 'møde', 'mode', 'meeting', 'nr', 'nr.']);

/** Removes `<at>…</at>` mentions and surrounding noise from a message text. */
export function stripMentions(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses "opsummering tema 2", "Invite 1", "hjælp"…; undefined when it is not a command. */
export function parseCommand(text: string): Command | undefined {
  const words = stripMentions(text).toLowerCase().normalize('NFC').split(' ').filter(Boolean);
  const phrase = PHRASES.find(([p]) => p.every((w, i) => words[i] === w));
  if (phrase) return { name: phrase[1], arg: words.slice(phrase[0].length).join(' ') };
  const name = words.length ? WORDS[words[0]] : undefined;
  if (!name) return undefined;
  const arg = words
    .slice(1)
    .filter((w) => !FILLER.has(w))
    .join(' ');
  return { name, arg };
}

/** Command words only English uses; words both languages share ("status", "start") tell nothing. */
const ENGLISH = new Set(['help', 'setup', 'invite', 'guide', 'remind', 'across', 'summary', 'delete', 'my']);
const SHARED = new Set(['status', 'start', '?']);

/**
 * The language a message's command is written in ("help" → en, "hjælp" → da), or undefined when
 * it is no command or a word both languages use: before a group has a language, the bot answers in it.
 */
export function commandLanguage(text: string): Language | undefined {
  const first = stripMentions(text).toLowerCase().normalize('NFC').split(' ')[0] ?? '';
  if (ENGLISH.has(first)) return 'en';
  const known = first in WORDS || PHRASES.some(([p]) => p[0] === first);
  return known && !SHARED.has(first) ? 'da' : undefined;
}
