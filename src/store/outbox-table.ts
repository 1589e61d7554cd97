/**
 * The outbox table (docs/storage.md, "The outbox"): one partition per tenant and pacing scope
 * with the tenant's lease, a hint per group with a step to dispatch, and handed-over sends.
 */
import type { Lease, TenantOutbox } from '../domain/outbox';
import type { Row } from './columns';
import { groupOfHint, LEASE_ROW, leaseToRow, rowToLease, scopePrefix, tenantPartition } from './outbox-rows';
import { guarded, statusOf, type Tables } from './table-access';

/** Everything in the outbox table for a pacing scope, by tenant (one query: the table holds only what is pending). */
export function scanOutbox(tables: Tables, scope: string): Promise<TenantOutbox[]> {
  return guarded('outbox', async () => {
    const prefix = scopePrefix(scope);
    const filter = `PartitionKey ge '${prefix}' and PartitionKey lt '${prefix.slice(0, -1)}.'`;
    const byTenant = new Map<string, TenantOutbox>();
    for await (const entity of tables.outbox.listEntities<Row>({ queryOptions: { filter } })) {
      const row = entity as Row;
      const tenantId = String(row.tenantId ?? '');
      const tenant = byTenant.get(tenantId) ?? { tenantId, hints: [], handOvers: [] };
      byTenant.set(tenantId, tenant);
      const etag = row.etag ?? '';
      const group = groupOfHint(row.rowKey);
      if (row.rowKey === LEASE_ROW) tenant.lease = { value: rowToLease(row), etag };
      else if (group) tenant.hints.push({ groupKey: group, etag, at: String(row.at ?? '') });
      else tenant.handOvers.push({ key: row.rowKey, job: String(row.job ?? ''), etag });
    }
    for (const tenant of byTenant.values()) tenant.handOvers.sort((a, b) => a.key.localeCompare(b.key));
    return [...byTenant.values()];
  });
}

/** Hands a send to the tenant's lease holder (a row with the same key is replaced: a newer refresh of a card). */
export function handOver(
  tables: Tables,
  scope: string,
  tenantId: string,
  key: string,
  job: string,
): Promise<void> {
  return guarded('outbox', async () => {
    await tables.outbox.upsertEntity(
      { partitionKey: tenantPartition(scope, tenantId), rowKey: key, tenantId, job },
      'Replace',
    );
  });
}

/**
 * Deletes a hint or handed-over send once it is done, unless it was written again since it was
 * read (then it stays for the next pass); true when it is gone.
 */
export function dropOutboxRow(
  tables: Tables,
  scope: string,
  tenantId: string,
  rowKey: string,
  etag: string,
): Promise<boolean> {
  return guarded('outbox', async () => {
    try {
      await tables.outbox.deleteEntity(tenantPartition(scope, tenantId), rowKey, { etag });
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return true;
      if (statusOf(err) === 412) return false;
      throw err;
    }
  });
}

/**
 * Writes the tenant's lease: creates it (no ETag) or replaces the one read (ETag); ConflictError
 * when someone else wrote it first. Its new ETag.
 */
export function writeLease(
  tables: Tables,
  scope: string,
  tenantId: string,
  lease: Lease,
  etag: string | undefined,
): Promise<string> {
  return guarded('lease', async () => {
    const row = leaseToRow(tenantPartition(scope, tenantId), tenantId, lease);
    const res =
      etag === undefined
        ? await tables.outbox.createEntity(row)
        : await tables.outbox.updateEntity(row, 'Replace', { etag });
    return res.etag ?? '';
  });
}
