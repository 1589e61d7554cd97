import { randomUUID } from 'node:crypto';
import { RestError, type TableClient } from '@azure/data-tables';
import type { Row } from './columns';
import { ConflictError, StorageUnavailableError } from './group-store';

/** The tables the store uses. */
export interface Tables {
  groups: TableClient;
  coordinators: TableClient;
  activities: TableClient;
  /** Leases, hints and handed-over sends of the outbox (docs/storage.md). */
  outbox: TableClient;
}

/** The HTTP status of a Table SDK error. */
export function statusOf(err: unknown): number | undefined {
  return err instanceof RestError ? err.statusCode : undefined;
}

/** Translates SDK errors into the store's error vocabulary. */
export async function guarded<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    const status = statusOf(err);
    if (status === 412 || status === 409) throw new ConflictError(what);
    if (status === undefined || status >= 500 || status === 408) throw new StorageUnavailableError(err);
    throw err;
  }
}

/** A row, or undefined when there is none. */
export async function getRow(client: TableClient, pk: string, rk: string): Promise<Row | undefined> {
  try {
    return (await client.getEntity<Row>(pk, rk)) as Row;
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/**
 * Inserts a claim row; false when it exists already (someone else claimed it first). The row
 * carries a token of this attempt: when the storage client sent the insert again because the
 * first answer was lost (a reset connection), the row found is this claim's own, and it holds.
 */
export async function claim(
  what: string,
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  at: string,
): Promise<boolean> {
  const by = randomUUID();
  try {
    await guarded(what, () => table.createEntity({ partitionKey, rowKey, at, by }));
    return true;
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    return (await guarded(what, () => getRow(table, partitionKey, rowKey)))?.by === by;
  }
}

/** Quotes a value for an OData filter. */
export function escapeOData(s: string): string {
  return s.replace(/'/g, "''");
}

/** The RowKeys of a partition (only the keys are fetched). */
export async function partitionRowKeys(table: TableClient, partitionKey: string): Promise<string[]> {
  const filter = `PartitionKey eq '${escapeOData(partitionKey)}'`;
  const keys: string[] = [];
  for await (const row of table.listEntities<Row>({ queryOptions: { filter, select: ['RowKey'] } })) {
    keys.push((row as Row).rowKey);
  }
  return keys;
}

/** Deletes a row; one that is already gone is fine. */
export async function deleteIfPresent(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<void> {
  await table.deleteEntity(partitionKey, rowKey).catch((err: unknown) => {
    if (statusOf(err) !== 404) throw err;
  });
}
