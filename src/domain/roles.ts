import type { Group } from './types';

/** True when the user coordinates the group. */
export function isCoordinator(group: Group, userId: string): boolean {
  return group.coordinators.some((c) => c.userId === userId);
}

/** True when the user coordinates the group or is on its roster. */
export function belongsToGroup(group: Group, userId: string): boolean {
  return isCoordinator(group, userId) || group.members.some((m) => m.userId === userId);
}

/** Names of the coordinators, for refusals that say who to ask. */
export function coordinatorNames(group: Group): string {
  return group.coordinators.map((c) => c.name).join(', ');
}

/** A person's name as the roster has it (what the group knows them by), else the name they came with. */
export function memberName(group: Group, person: { userId: string; name: string }): string {
  return group.members.find((m) => m.userId === person.userId)?.name ?? person.name;
}
