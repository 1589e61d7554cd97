import type { Activity } from 'botbuilder';
import type { Person } from '../domain/types';

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** How a person is written in a message that @mentions them: `<at>Name</at>`. */
export function mentionTag(person: Person): string {
  return `<at>${escapeXml(person.name)}</at>`;
}

/**
 * A message that @mentions people, so Teams notifies them. The mention entity names the person by
 * their Entra object id (what the bot stores as the user id), which Teams accepts for mentions.
 */
export function mentionMessage(text: string, people: readonly Person[]): Partial<Activity> {
  return {
    type: 'message',
    text,
    textFormat: 'markdown',
    entities: people.map((p) => ({
      type: 'mention',
      text: mentionTag(p),
      mentioned: { id: p.userId, name: p.name },
    })),
  };
}
