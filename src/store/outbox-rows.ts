/**
 * The outbox's rows (docs/storage.md, "The outbox"). In a group's partition: `step|<id>`, the
 * durable record of a step (its cards' roles, the ids Teams gave them, when it was done), and
 * `outbox|<id>|<k>`, each card still to post; `posted|…`, a card posted outside a step (a summary).
 * In the outbox table, one partition per tenant (and pacing scope): the lease, a hint per group
 * with a step to dispatch, and sends handed over by an instance that does not hold the lease.
 */
import { createHash } from 'node:crypto';
import type { CardRole, Lease, OutgoingCard, PendingStep, StepCommit, StepFinish } from '../domain/outbox';
import type { ConversationRef } from '../domain/types';
import type { Row } from './columns';

/** RowKey prefixes of the outbox's rows in a group's partition. */
export const STEP_PREFIX = 'step';
export const CARD_PREFIX = 'outbox';
export const POSTED_PREFIX = 'posted';

/** RowKeys of the outbox table's partitions. */
export const LEASE_ROW = 'lease';
const HINT_PREFIX = 'g';

function hash(text: string, length: number): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, length);
}

/** The outbox table's partitions of one pacing scope start with this. */
export function scopePrefix(scope: string): string {
  return `o-${hash(scope, 8)}-`;
}

/** The outbox table's partition of a tenant in a pacing scope. */
export function tenantPartition(scope: string, tenantId: string): string {
  return `${scopePrefix(scope)}${hash(tenantId, 24)}`;
}

/** The hint that a group has a step to dispatch. */
export function hintRow(groupKey: string): string {
  return `${HINT_PREFIX}|${groupKey}`;
}

/** The group a hint row names, or undefined for any other row. */
export function groupOfHint(rowKey: string): string | undefined {
  return rowKey.startsWith(`${HINT_PREFIX}|`) ? rowKey.slice(HINT_PREFIX.length + 1) : undefined;
}

/** RowKey of a step's record. */
export function stepRow(stepId: string): string {
  return `${STEP_PREFIX}|${stepId}`;
}

/** RowKey of card k of a step (two digits: a step posts at most 99 cards, in order). */
export function cardRow(stepId: string, k: number): string {
  return `${CARD_PREFIX}|${stepId}|${String(k).padStart(2, '0')}`;
}

/** The column of a step's record that keeps card k's activity id. */
export function idColumn(k: number): string {
  return `id${k}`;
}

/** The step's record as written when it is committed. */
export function stepToRow(groupKey: string, commit: StepCommit, at: string): Row {
  return {
    partitionKey: groupKey,
    rowKey: stepRow(commit.id),
    tenantId: commit.tenantId,
    at,
    meeting: commit.meeting ?? -1,
    conversation: JSON.stringify(commit.conversation),
    roles: JSON.stringify(commit.cards.map((c) => c.role)),
    finish: JSON.stringify(commit.finish),
    done: '',
    failed: '',
  };
}

/** Card k of a step, as written when it is committed (its activity in a column of its own: escaped once, it fits). */
export function cardToRow(groupKey: string, stepId: string, k: number, card: OutgoingCard): Row {
  const { activity, ...rest } = card;
  return {
    partitionKey: groupKey,
    rowKey: cardRow(stepId, k),
    card: JSON.stringify(rest),
    activity: activity ?? '',
  };
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The pending step of a step's record and the card rows still in the partition. */
export function rowsToPending(step: Row, cards: Row[]): PendingStep {
  const stepId = step.rowKey.slice(STEP_PREFIX.length + 1);
  const roles = JSON.parse(text(step.roles) || '[]') as CardRole[];
  const posted: Record<number, string> = {};
  roles.forEach((_, k) => {
    const id = text(step[idColumn(k)]);
    if (id) posted[k] = id;
  });
  const meeting = Number(step.meeting);
  return {
    id: stepId,
    groupKey: step.partitionKey,
    tenantId: text(step.tenantId),
    at: text(step.at),
    meeting: meeting > 0 ? meeting : undefined,
    conversation: JSON.parse(text(step.conversation) || '{}') as ConversationRef,
    finish: JSON.parse(text(step.finish) || '{}') as StepFinish,
    roles,
    posted,
    cards: cards
      .map((row) => ({
        index: Number(row.rowKey.split('|').at(-1)),
        card: { ...(JSON.parse(text(row.card)) as OutgoingCard), activity: text(row.activity) || undefined },
      }))
      .sort((a, b) => a.index - b.index),
  };
}

/** The step id a card row belongs to. */
export function stepOfCardRow(rowKey: string): string {
  return rowKey.split('|').slice(1, -1).join('|');
}

/** The ids of a step's cards that show answers or names (a deletion replaces them). */
export function shownIds(step: Row): string[] {
  const roles = JSON.parse(text(step.roles) || '[]') as CardRole[];
  return roles.flatMap((role, k) =>
    role === 'shown' && text(step[idColumn(k)]) ? [text(step[idColumn(k)])] : [],
  );
}

/** A card posted outside a step (a summary), under meeting n or the group's: one blind write. */
export function postedToRow(groupKey: string, meeting: number | undefined, activityId: string): Row {
  return {
    partitionKey: groupKey,
    rowKey: `${POSTED_PREFIX}|${meeting ?? 'g'}|${hash(activityId, 24)}`,
    meeting: meeting ?? -1,
    activityId,
  };
}

/** The lease as stored. */
export function leaseToRow(partitionKey: string, tenantId: string, lease: Lease): Row {
  return {
    partitionKey,
    rowKey: LEASE_ROW,
    tenantId,
    owner: lease.owner,
    until: lease.until,
    renewed: lease.renewed,
    sent: JSON.stringify(lease.sent),
  };
}

/** Reads a stored lease. */
export function rowToLease(row: Row): Lease {
  return {
    owner: text(row.owner),
    until: Number(row.until) || 0,
    renewed: Number(row.renewed) || 0,
    sent: JSON.parse(text(row.sent) || '{}') as Record<string, number[]>,
  };
}
