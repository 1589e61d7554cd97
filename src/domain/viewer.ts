import { isCoordinator } from './roles';
import type { Group } from './types';

/**
 * Who looks at a shared card: everyone (the base card the chat and notifications show), or one
 * person with their role in the group (their own view, from the card's automatic refresh or a click).
 */
export type Viewer =
  { kind: 'everyone' } | { kind: 'person'; userId: string; coordinator: boolean; member: boolean };

/** The base card's viewer: no person, no role. */
export const EVERYONE: Viewer = { kind: 'everyone' };

/** Teams refreshes a card for at most this many listed people (User-Specific-Views.md). */
export const MAX_REFRESH_USERS = 60;

/** The viewer `userId` is in `group`: coordinator, member, both or neither. */
export function viewerOf(group: Group, userId: string): Viewer {
  return {
    kind: 'person',
    userId,
    coordinator: isCoordinator(group, userId),
    member: group.members.some((m) => m.userId === userId),
  };
}

/** True for one person's view in which they coordinate the group. */
export function coordinates(viewer: Viewer): boolean {
  return viewer.kind === 'person' && viewer.coordinator;
}

/** True for one person's view in which they are on the group's roster. */
export function takesPart(viewer: Viewer): boolean {
  return viewer.kind === 'person' && viewer.member;
}

/** The user id of one person's view, or undefined for the base card. */
export function viewerId(viewer: Viewer): string | undefined {
  return viewer.kind === 'person' ? viewer.userId : undefined;
}

/**
 * The chat ids (`29:…`) of the group's coordinators and members, as far as the bot has seen them:
 * the people whose Teams client asks for their own view of a shared card (`refresh.userIds`).
 */
export function refreshUserIds(group: Group): string[] {
  const ids = [...group.coordinators, ...group.members].flatMap((p) => (p.chatId ? [p.chatId] : []));
  return [...new Set(ids)].slice(0, MAX_REFRESH_USERS);
}
