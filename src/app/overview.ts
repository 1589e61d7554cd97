import type { Group } from '../domain/types';
import type { GroupSnapshot } from '../store/group-store';
import { groupKeyOf } from '../domain/conversation';
import type { AppDeps } from './context';
import { belongsToGroup, isCoordinator } from '../domain/roles';
import { ok, transact, type Outcome } from './result';

/** Who asks for an overview (from a verified token); `onlyGroup` limits a local link to one group. */
export interface OverviewReader {
  tenantId: string;
  userId: string;
  onlyGroup?: string;
}

/** The answer to "may I see this group": its partition, and whether the reader coordinates it. */
export type OverviewAccess =
  | { ok: true; snapshot: GroupSnapshot; coordinator: boolean }
  | { ok: false; reason: 'noGroup' | 'forbidden' };

function belongs(group: Group, reader: OverviewReader): boolean {
  if (group.tenantId !== reader.tenantId) return false;
  if (reader.onlyGroup !== undefined) return reader.onlyGroup === group.key;
  return belongsToGroup(group, reader.userId);
}

/**
 * A group's partition for its overview, only for its members and coordinators (a local link: only
 * its own group). "noGroup" is told only to someone who could have seen it, so a stranger cannot
 * probe which chats have groups.
 */
export async function readOverview(
  deps: AppDeps,
  reader: OverviewReader,
  groupKey: string,
): Promise<OverviewAccess> {
  const snapshot = await deps.store.loadPartition(groupKey);
  if (!snapshot) return { ok: false, reason: reader.onlyGroup === groupKey ? 'noGroup' : 'forbidden' };
  const group = snapshot.group.value;
  if (!belongs(group, reader)) return { ok: false, reason: 'forbidden' };
  // A local link carries its asker: it downloads only when they coordinate the group.
  const coordinator = isCoordinator(group, reader.userId);
  return { ok: true, snapshot, coordinator };
}

/** Remembers that the Overblik tab is in the group's chat, so cards may deep-link to it. */
export function recordOverviewTab(deps: AppDeps, groupKey: string): Promise<Outcome<boolean>> {
  return transact(async () => {
    const found = await deps.store.loadGroup(groupKey);
    if (!found || found.value.overviewTab) return ok(false);
    const overviewTab = { savedAt: deps.now().toISOString() };
    await deps.store.saveGroup({ ...found, value: { ...found.value, overviewTab } });
    return ok(true);
  });
}

/** The group of a Teams chat or channel (the tab's context), as the bot keys it. */
export function groupKeyOfChat(tenantId: string, chatOrChannelId: string): string {
  return groupKeyOf(tenantId, chatOrChannelId);
}

/** The groups a person coordinates, for the personal tab. */
export function readMyGroups(
  deps: AppDeps,
  reader: OverviewReader,
): Promise<{ key: string; name: string }[]> {
  return deps.store.listCoordinatedGroups(reader.tenantId, reader.userId);
}
