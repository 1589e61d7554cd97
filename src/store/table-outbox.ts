import type { TransactionAction } from '@azure/data-tables';
import type { Lease, PendingStep, StepCommit, TenantOutbox } from '../domain/outbox';
import type { Row } from './columns';
import type { StepWrites } from './group-store';
import {
  CARD_PREFIX,
  cardRow,
  cardToRow,
  groupOfHint,
  hintRow,
  idColumn,
  LEASE_ROW,
  leaseToRow,
  postedToRow,
  rowsToPending,
  rowToLease,
  scopePrefix,
  STEP_PREFIX,
  stepOfCardRow,
  stepRow,
  stepToRow,
  tenantPartition,
} from './outbox-rows';
import { GROUP_ROW } from './row-kinds';
import { groupToRow, meetingRow, meetingToRow } from './rows';
import { escapeOData, guarded, statusOf, type Tables } from './table-access';

const range = (prefix: string): string =>
  `(RowKey ge '${escapeOData(`${prefix}|`)}' and RowKey lt '${escapeOData(`${prefix}}`)}')`;

/**
 * Commits a step: first the hint that its group has a step to dispatch (so a restart finds it),
 * then one entity-group transaction in the group's partition: the changed meeting or group row
 * (ETag-guarded), the step's record and its cards. A second commit of the same step id fails on
 * the record's insert (ConflictError), whatever the emulator does with If-Match.
 */
export function commitStep(
  tables: Tables,
  scope: string,
  groupKey: string,
  commit: StepCommit,
  writes: StepWrites,
  at: string,
): Promise<void> {
  return guarded('step', async () => {
    await tables.outbox.upsertEntity(
      {
        partitionKey: tenantPartition(scope, commit.tenantId),
        rowKey: hintRow(groupKey),
        tenantId: commit.tenantId,
        at,
      },
      'Replace',
    );
    const actions: TransactionAction[] = [];
    const change = (row: Row, etag: string | undefined): void =>
      void actions.push(etag === undefined ? ['create', row] : ['update', row, 'Replace', { etag }]);
    if (writes.meeting) change(meetingToRow(groupKey, writes.meeting.value), writes.meeting.etag);
    if (writes.group) change(groupToRow(writes.group.value), writes.group.etag);
    const record = stepToRow(groupKey, commit, at);
    actions.push(commit.repeatable ? ['upsert', record, 'Merge'] : ['create', record]);
    commit.cards.forEach((card, k) => {
      const row = cardToRow(groupKey, commit.id, k, card);
      actions.push(commit.repeatable ? ['upsert', row, 'Replace'] : ['create', row]);
    });
    await tables.groups.submitTransaction(actions);
  });
}

/** The steps of a group with cards still to post, oldest first (one query). */
export function pendingSteps(tables: Tables, groupKey: string): Promise<PendingStep[]> {
  return guarded('steps', async () => {
    const filter =
      `PartitionKey eq '${escapeOData(groupKey)}' and (${range(CARD_PREFIX)} or ` +
      `(${range(STEP_PREFIX)} and done eq '' and failed eq ''))`;
    const steps = new Map<string, Row>();
    const cards = new Map<string, Row[]>();
    for await (const entity of tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
      const row = entity as Row;
      if (row.rowKey.startsWith(`${STEP_PREFIX}|`)) steps.set(row.rowKey.slice(STEP_PREFIX.length + 1), row);
      else {
        const id = stepOfCardRow(row.rowKey);
        cards.set(id, [...(cards.get(id) ?? []), row]);
      }
    }
    return [...steps.entries()]
      .filter(([id]) => cards.has(id))
      .map(([id, step]) => rowsToPending(step, cards.get(id)!))
      .sort((a, b) => a.at.localeCompare(b.at));
  });
}

/** Where the ids of a finished step's shared cards go: merges of the meeting and group rows. */
function finishMerges(step: PendingStep, ids: Record<number, string>): TransactionAction[] {
  const meeting: Record<string, unknown> = {};
  const group: Record<string, unknown> = {};
  step.roles.forEach((role, k) => {
    const id = ids[k];
    if (!id) return;
    if (role === 'statusCard') meeting.statusCardId = id;
    if (role === 'invitationCard') meeting.invitationCardId = id;
    if (role === 'conclusionCard') meeting.conclusionCardId = id;
    if (role === 'groupCard') group.groupCardId = id;
    if (role === 'projectVoteCard' && step.finish.projectVote)
      group.projectVote = JSON.stringify({ ...step.finish.projectVote, cardId: id });
  });
  if (step.finish.unposted) meeting.unposted = '';
  const n = step.finish.unposted?.meeting ?? step.meeting;
  const merges: TransactionAction[] = [];
  const key = step.groupKey;
  if (Object.keys(meeting).length && n)
    merges.push(['update', { partitionKey: key, rowKey: meetingRow(n), ...meeting }, 'Merge']);
  if (Object.keys(group).length)
    merges.push(['update', { partitionKey: key, rowKey: GROUP_ROW, ...group }, 'Merge']);
  return merges;
}

/**
 * Teams took card `index` of a step: in one transaction its row goes and its id joins the step's
 * record; after the last card the step is done and its shared cards' ids (and the cleared
 * `unposted` mark) are written where they belong.
 */
export function cardPosted(
  tables: Tables,
  step: PendingStep,
  index: number,
  activityId: string,
  at: string,
): Promise<void> {
  return guarded('step', async () => {
    const last = step.cards.every((c) => c.index === index);
    const record: Row = {
      partitionKey: step.groupKey,
      rowKey: stepRow(step.id),
      [idColumn(index)]: activityId,
    };
    if (last) record.done = at;
    const actions: TransactionAction[] = [
      ['delete', { partitionKey: step.groupKey, rowKey: cardRow(step.id, index) }],
      ['update', record, 'Merge'],
      ...(last ? finishMerges(step, { ...step.posted, [index]: activityId }) : []),
    ];
    await tables.groups.submitTransaction(actions);
  });
}

/**
 * Teams refused a step's cards for good (too large, or the bot is out of the chat): its cards go,
 * the step is marked failed, and so is the meeting's `unposted` mark or the project vote, so the
 * coordinator can take the step again.
 */
export function stepFailed(tables: Tables, step: PendingStep, at: string): Promise<void> {
  return guarded('step', async () => {
    const key = step.groupKey;
    const actions: TransactionAction[] = step.cards.map((c) => [
      'delete',
      { partitionKey: key, rowKey: cardRow(step.id, c.index) },
    ]);
    actions.push(['update', { partitionKey: key, rowKey: stepRow(step.id), failed: at }, 'Merge']);
    const { unposted, projectVote } = step.finish;
    if (unposted) {
      const mark = JSON.stringify({ ...unposted.mark, failed: true });
      actions.push([
        'update',
        { partitionKey: key, rowKey: meetingRow(unposted.meeting), unposted: mark },
        'Merge',
      ]);
    }
    if (projectVote) {
      const failed = JSON.stringify({ ...projectVote, failed: true });
      actions.push(['update', { partitionKey: key, rowKey: GROUP_ROW, projectVote: failed }, 'Merge']);
    }
    await tables.groups.submitTransaction(actions);
  });
}

/** Records a card posted outside a step (a summary) with one blind write: no read of what was there. */
export function recordPosted(
  tables: Tables,
  groupKey: string,
  meeting: number | undefined,
  activityId: string,
): Promise<void> {
  return guarded('posted card', async () => {
    await tables.groups.upsertEntity(postedToRow(groupKey, meeting, activityId), 'Replace');
  });
}

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
      else if (group) tenant.hints.push({ groupKey: group, etag });
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
