import type { Row } from './columns';
import { reminderRow } from './keys';
import { deleteIfPresent, escapeOData, guarded, type Tables } from './table-access';

/** How many claims a sweep deleted. */
export interface RetentionCounts {
  activities: number;
  reminders: number;
}

/** Deletes old re-delivery and daily job claims, and the reminder claims of meetings held long enough ago. */
export async function deleteOldClaims(
  tables: Tables,
  activitiesBefore: string,
  remindersUpTo: string,
): Promise<RetentionCounts> {
  return {
    activities: await deleteClaimsBefore(tables, activitiesBefore),
    reminders: await deleteReminderClaimsUpTo(tables, remindersUpTo),
  };
}

/** Deletes every row of the activities table (re-delivery and daily job claims) claimed before `before`. */
function deleteClaimsBefore(tables: Tables, before: string): Promise<number> {
  return guarded('activities', async () => {
    const filter = `at lt '${escapeOData(before)}'`;
    let n = 0;
    for await (const row of tables.activities.listEntities<Row>({ queryOptions: { filter } })) {
      await deleteIfPresent(tables.activities, (row as Row).partitionKey, (row as Row).rowKey);
      n++;
    }
    return n;
  });
}

/**
 * Deletes the reminder claims of meetings held on or before `lastDate`. A claim's RowKey ends with
 * the meeting's date and time as it was when the reminder was due (`reminder|1|day24|2027-01-14T13:00`).
 */
function deleteReminderClaimsUpTo(tables: Tables, lastDate: string): Promise<number> {
  return guarded('reminders', async () => {
    const prefix = reminderRow('');
    const filter = `RowKey ge '${escapeOData(prefix)}' and RowKey lt '${escapeOData(prefix.slice(0, -1))}}'`;
    let n = 0;
    for await (const entity of tables.groups.listEntities<Row>({
      queryOptions: { filter, select: ['PartitionKey', 'RowKey'] },
    })) {
      const row = entity as Row;
      const date = row.rowKey.split('|').at(-1)?.slice(0, 10) ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > lastDate) continue;
      await deleteIfPresent(tables.groups, row.partitionKey, row.rowKey);
      n++;
    }
    return n;
  });
}
