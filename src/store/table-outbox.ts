import { randomUUID } from 'node:crypto';
import type { TransactionAction } from '@azure/data-tables';
import type { PendingStep, StepCommit } from '../domain/outbox';
import type { Row } from './columns';
import type { StepWrites } from './group-store';
import {
  CARD_PREFIX,
  cardRow,
  cardToRow,
  hintRow,
  idColumn,
  postedToRow,
  rowsToPending,
  STEP_PREFIX,
  stepOfCardRow,
  stepRow,
  stepToRow,
  tenantPartition,
} from './outbox-rows';
import { GROUP_ROW } from './row-kinds';
import { groupToRow, meetingRow, meetingToRow, projectToRow } from './rows';
import { escapeOData, getRow, guarded, statusOf, type Tables } from './table-access';
import { submitBatch } from './table-batch';
import { gateChange, standingAction } from './table-writes';

const range = (prefix: string): string =>
  `(RowKey ge '${escapeOData(`${prefix}|`)}' and RowKey lt '${escapeOData(`${prefix}}`)}')`;

/**
 * Commits a step: first the hint that its group has a step to dispatch (so a restart finds it),
 * then one entity-group transaction in the group's partition: the changed meeting or group row
 * (ETag-guarded), the step's record and its cards. A second commit of the same step id fails on
 * the record's insert (ConflictError), whatever the emulator does with If-Match. The record
 * carries a token of this commit: sent again by the storage client after a lost answer, the
 * transaction that finds its own record has committed.
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
    if (writes.project) change(projectToRow(groupKey, writes.project), undefined);
    const { read, gate, standingOf } = writes;
    if (read && gate && writes.meeting) actions.push(...gateChange(read, writes.meeting.value.number, gate));
    if (read && standingOf) actions.push(standingAction(read, standingOf));
    const attempt = randomUUID();
    const record = { ...stepToRow(groupKey, commit, at), attempt };
    actions.push(commit.repeatable ? ['upsert', record, 'Merge'] : ['create', record]);
    commit.cards.forEach((card, k) => {
      const row = cardToRow(groupKey, commit.id, k, card);
      actions.push(commit.repeatable ? ['upsert', row, 'Replace'] : ['create', row]);
    });
    try {
      await submitBatch(tables.groups, actions);
    } catch (err) {
      // Sent again after a lost answer (a reset connection), the transaction finds its own writes.
      const mine = statusOf(err) === 409 || statusOf(err) === 412;
      if (!mine || (await getRow(tables.groups, groupKey, record.rowKey))?.attempt !== attempt) throw err;
    }
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
    await submitBatch(tables.groups, actions);
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
    await submitBatch(tables.groups, actions);
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
