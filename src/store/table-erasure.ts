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

/**
 * Deletes every row of a group but the group row: its partition, its re-delivery claims, its
 * coordinators' index rows. With `keepStep` (a new group in the chat) that step's outbox rows stay,
 * and so do the re-delivery claims: they join no group, the turn's own claim is among them (a
 * re-delivered setup must still be recognised), and the daily retention sweep deletes them.
 */
export function sweepGroupRows(tables: Tables, group: Group, keepStep?: string): Promise<void> {
  const kept = (rowKey: string): boolean =>
    rowKey === GROUP_ROW ||
    (keepStep !== undefined &&
      (rowKey === stepRow(keepStep) || rowKey.startsWith(`${CARD_PREFIX}|${keepStep}|`)));
  const swept = keepStep === undefined ? [tables.groups, tables.activities] : [tables.groups];
  return guarded('group', async () => {
    for (const table of swept) {
      for (const rowKey of await partitionRowKeys(table, group.key)) {
        if (!kept(rowKey)) await deleteIfPresent(table, group.key, rowKey);
      }
    }
    for (const c of group.coordinators) await unindexCoordinator(tables, group.tenantId, c.userId, group.key);
  });
}

/** Deletes a whole group: every row (see sweepGroupRows), the group row last. */
export async function deleteGroupRows(tables: Tables, group: Group): Promise<void> {
  await sweepGroupRows(tables, group);
  // The group row last: until it is gone the group still exists, so an interrupted delete can be repeated.
  await guarded('group', () => deleteIfPresent(tables.groups, group.key, GROUP_ROW));
}
