import type { Group } from '../domain/types';
import type { Row } from './columns';
import { coordinatorKeyOf } from './keys';
import { CARD_PREFIX, stepRow } from './outbox-rows';
import { GROUP_ROW } from './row-kinds';
import { isPersonRowOf } from './rows';
import { deleteIfPresent, escapeOData, guarded, partitionRowKeys, type Tables } from './table-access';

/** The groups (PartitionKeys) holding a row with the person's `userId` (their own rows, a project they own). */
export function personGroupKeys(tables: Tables, userId: string): Promise<Set<string>> {
  return guarded('person', async () => {
    const filter = `userId eq '${escapeOData(userId)}'`;
    const keys = new Set<string>();
    const rows = tables.groups.listEntities<Row>({ queryOptions: { filter, select: ['PartitionKey'] } });
    for await (const row of rows) keys.add((row as Row).partitionKey);
    return keys;
  });
}

/** Deletes a person's own rows (every kind in the registry) in a group; how many rows. */
export function deletePersonRows(tables: Tables, groupKey: string, userId: string): Promise<number> {
  return guarded('person', async () => {
    const keys = await partitionRowKeys(tables.groups, groupKey);
    const doomed = keys.filter((rowKey) => isPersonRowOf(rowKey, userId));
    for (const rowKey of doomed) await deleteIfPresent(tables.groups, groupKey, rowKey);
    return doomed.length;
  });
}

/** Forgets that a person coordinates a group. */
export function unindexCoordinator(
  tables: Tables,
  tenantId: string,
  userId: string,
  groupKey: string,
): Promise<void> {
  return guarded('coordinator index', () =>
    deleteIfPresent(tables.coordinators, coordinatorKeyOf(tenantId, userId), groupKey),
  );
}

/** Deletes every row of a group but the group row: its partition, its re-delivery claims, its coordinators' index rows. */
export function sweepGroupRows(tables: Tables, group: Group): Promise<void> {
  return guarded('group', async () => {
    for (const table of [tables.groups, tables.activities]) {
      for (const rowKey of await partitionRowKeys(table, group.key)) {
        if (rowKey !== GROUP_ROW) await deleteIfPresent(table, group.key, rowKey);
      }
    }
    for (const c of group.coordinators) await unindexCoordinator(tables, group.tenantId, c.userId, group.key);
  });
}

/**
 * Before a chat's new group is set up (one query when there is nothing to delete): true when the
 * partition has a group row after all (nothing deleted); else deletes the rows a late writer left
 * after an earlier group was deleted, except `keepStep`'s outbox rows. Re-delivery claims stay:
 * they join no group, the setup's own claim is one of them, and the retention sweep deletes them.
 */
export function sweepBeforeSetup(tables: Tables, groupKey: string, keepStep: string): Promise<boolean> {
  const kept = (rowKey: string): boolean =>
    rowKey === stepRow(keepStep) || rowKey.startsWith(`${CARD_PREFIX}|${keepStep}|`);
  return guarded('group', async () => {
    const rowKeys = await partitionRowKeys(tables.groups, groupKey);
    if (rowKeys.includes(GROUP_ROW)) return true;
    for (const rowKey of rowKeys) if (!kept(rowKey)) await deleteIfPresent(tables.groups, groupKey, rowKey);
    return false;
  });
}

/** Deletes a whole group: every row (see sweepGroupRows), the group row last. */
export async function deleteGroupRows(tables: Tables, group: Group): Promise<void> {
  await sweepGroupRows(tables, group);
  // The group row last: until it is gone the group still exists, so an interrupted delete can be repeated.
  await guarded('group', () => deleteIfPresent(tables.groups, group.key, GROUP_ROW));
}
