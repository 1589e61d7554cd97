/**
 * The durable outbox from the application's side (docs/storage.md, "The outbox"): a step commits
 * what it will post together with the change it makes, and the bot's dispatcher reads and marks
 * what is still to post. The cards themselves are the bot's: it renders them from the step's view.
 */
import type { Lease, OutgoingCard, PendingStep, StepCommit, TenantOutbox } from '../domain/outbox';
import type { Group } from '../domain/types';
import type { StepWrites } from '../store/group-store';
import type { Actor, AppDeps } from './context';

/** The cards a step posts, rendered by the bot from the step's view (none: the step posts nothing). */
export type Posts<V> = (view: V) => OutgoingCard[];

/**
 * Commits a step of the actor's group: its changed rows and the cards `posts` renders from `view`,
 * in one transaction (ConflictError when a row changed or the step was taken before). Without
 * cards (no `posts`, or it renders none) the rows are written as they would be without a step.
 */
export async function commitStep<V>(
  deps: AppDeps,
  actor: Actor,
  group: Pick<Group, 'conversation'>,
  step: Omit<StepCommit, 'tenantId' | 'conversation' | 'cards'>,
  writes: StepWrites,
  posts: Posts<V> | undefined,
  view: V,
): Promise<boolean> {
  const cards = posts?.(view) ?? [];
  if (cards.length === 0) return false;
  const commit = { ...step, tenantId: actor.tenantId, conversation: group.conversation, cards };
  await deps.store.commitStep(actor.groupKey, commit, writes);
  return true;
}

/**
 * Commits a step with its cards (commitStep), or, when it posts none, writes its change with
 * `save` as it would be written without a step.
 */
export async function commitOrSave<V>(
  deps: AppDeps,
  actor: Actor,
  group: Pick<Group, 'conversation'>,
  step: Omit<StepCommit, 'tenantId' | 'conversation' | 'cards'>,
  writes: StepWrites,
  posts: Posts<V> | undefined,
  view: V,
  save: () => Promise<unknown>,
): Promise<void> {
  if (!(await commitStep(deps, actor, group, step, writes, posts, view))) await save();
}

/** What the bot's dispatcher reads and writes of the outbox (pass-throughs to the store). */
export interface OutboxAccess {
  pendingSteps(groupKey: string): Promise<PendingStep[]>;
  cardPosted(step: PendingStep, index: number, activityId: string): Promise<void>;
  stepFailed(step: PendingStep): Promise<void>;
  scan(): Promise<TenantOutbox[]>;
  dropHint(tenantId: string, groupKey: string, etag: string): Promise<boolean>;
  writeLease(tenantId: string, lease: Lease, etag: string | undefined): Promise<string>;
  /** Hands a send (JSON) to the tenant's lease holder under `key` (the same key replaces it): one write. */
  handOver(tenantId: string, key: string, job: string): Promise<void>;
  /** Deletes a handed-over send once sent, unless it was written again since (then false: it stays). */
  dropHandOver(tenantId: string, key: string, etag: string): Promise<boolean>;
  /** A card posted in a group's chat outside a step (a summary) that shows answers: one write, no read. */
  recordPosted(groupKey: string, meeting: number | undefined, activityId: string): Promise<void>;
}

/** The outbox's storage as the bot's dispatcher uses it. */
export function outboxAccess(deps: AppDeps): OutboxAccess {
  const { store } = deps;
  return {
    pendingSteps: (groupKey) => store.pendingSteps(groupKey),
    cardPosted: (step, index, id) => store.cardPosted(step, index, id),
    stepFailed: (step) => store.stepFailed(step),
    scan: () => store.scanOutbox(),
    dropHint: (tenantId, groupKey, etag) => store.dropHint(tenantId, groupKey, etag),
    writeLease: (tenantId, lease, etag) => store.writeLease(tenantId, lease, etag),
    handOver: (tenantId, key, job) => store.handOver(tenantId, key, job),
    dropHandOver: (tenantId, key, etag) => store.dropHandOver(tenantId, key, etag),
    recordPosted: (groupKey, meeting, id) => store.recordPosted(groupKey, meeting, id),
  };
}
