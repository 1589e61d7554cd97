import type { Lease, PendingStep, StepCommit, TenantOutbox } from '../domain/outbox';
import type { OutboxStore, StepWrites } from './group-store';
import { hintRow } from './outbox-rows';
import { dropOutboxRow, handOver, scanOutbox, writeLease } from './outbox-table';
import type { Tables } from './table-access';
import { cardPosted, commitStep, pendingSteps, recordPosted, stepFailed } from './table-outbox';

/** The durable outbox on Azure Table Storage (docs/storage.md, "The outbox"); TableGroupStore builds on it. */
export class TableOutboxStore implements OutboxStore {
  constructor(
    protected readonly tables: Tables,
    /** Which bots share the outbox's leases (see StoreOptions.outboxScope). */
    protected readonly scope: string,
    protected readonly now: () => Date = () => new Date(),
  ) {}

  commitStep(groupKey: string, commit: StepCommit, writes: StepWrites): Promise<void> {
    return commitStep(this.tables, this.scope, groupKey, commit, writes, this.now().toISOString());
  }

  pendingSteps(groupKey: string): Promise<PendingStep[]> {
    return pendingSteps(this.tables, groupKey);
  }

  cardPosted(step: PendingStep, index: number, activityId: string): Promise<void> {
    return cardPosted(this.tables, step, index, activityId, this.now().toISOString());
  }

  stepFailed(step: PendingStep): Promise<void> {
    return stepFailed(this.tables, step, this.now().toISOString());
  }

  recordPosted(groupKey: string, meeting: number | undefined, activityId: string): Promise<void> {
    return recordPosted(this.tables, groupKey, meeting, activityId);
  }

  scanOutbox(): Promise<TenantOutbox[]> {
    return scanOutbox(this.tables, this.scope);
  }

  handOver(tenantId: string, key: string, job: string): Promise<void> {
    return handOver(this.tables, this.scope, tenantId, key, job);
  }

  dropHandOver(tenantId: string, key: string, etag: string): Promise<boolean> {
    return dropOutboxRow(this.tables, this.scope, tenantId, key, etag);
  }

  dropHint(tenantId: string, groupKey: string, etag: string): Promise<boolean> {
    return dropOutboxRow(this.tables, this.scope, tenantId, hintRow(groupKey), etag);
  }

  writeLease(tenantId: string, lease: Lease, etag: string | undefined): Promise<string> {
    return writeLease(this.tables, this.scope, tenantId, lease, etag);
  }
}
