import { TableClient } from '@azure/data-tables';
import { ACTIVITIES_TABLE, COORDINATORS_TABLE, GROUPS_TABLE } from '../../src/store/keys';
import { testConnectionString } from './azurite';

/** One stored row of any of the bot's tables, as the Table API returns it. */
export interface StoredRow {
  table: string;
  partitionKey: string;
  rowKey: string;
  [property: string]: unknown;
}

/** Every row of every table the bot uses, read straight from Azurite (not through the bot's store). */
export async function allRows(): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  for (const table of [GROUPS_TABLE, COORDINATORS_TABLE, ACTIVITIES_TABLE]) {
    const client = TableClient.fromConnectionString(testConnectionString(), table, {
      allowInsecureConnection: true,
    });
    for await (const row of client.listEntities()) {
      rows.push({ ...(row as Record<string, unknown>), table } as StoredRow);
    }
  }
  return rows;
}

/** The rows of a group: its partition in every table, and coordinator index rows that point to it. */
export async function rowsOfGroup(groupKey: string): Promise<StoredRow[]> {
  return (await allRows()).filter((r) => r.partitionKey === groupKey || r.rowKey === groupKey);
}
