import type { Group, Standing } from '../domain/types';
import type { StepCommit } from '../domain/outbox';
import type { GroupSnapshot, StepWrites, Versioned } from './group-store';
import type { Tables } from './table-access';
import { TableGroupStore } from './table-group-store';

/**
 * The table store that also tells `onGroup` every group row it reads or writes, so a cache of
 * stored groups (the conversation watch) stays current without reading again. A read that a group
 * write overtook is not told: it may be older than what is stored.
 */
export class ObservedGroupStore extends TableGroupStore {
  private writes = 0;

  constructor(
    tables: Tables,
    private readonly onGroup: (group: Group) => void,
    scope: string,
  ) {
    super(tables, scope);
  }

  override async loadGroup(groupKey: string): Promise<Versioned<Group> | undefined> {
    const writes = this.writes;
    const found = await super.loadGroup(groupKey);
    if (found && writes === this.writes) this.onGroup(found.value);
    return found;
  }

  override async loadPartition(groupKey: string): Promise<GroupSnapshot | undefined> {
    const writes = this.writes;
    const snapshot = await super.loadPartition(groupKey);
    if (snapshot && writes === this.writes) this.onGroup(snapshot.group.value);
    return snapshot;
  }

  override async loadMeetingPartition(groupKey: string, n: number): Promise<GroupSnapshot | undefined> {
    const writes = this.writes;
    const snapshot = await super.loadMeetingPartition(groupKey, n);
    if (snapshot && writes === this.writes) this.onGroup(snapshot.group.value);
    return snapshot;
  }

  override async createGroup(group: Group): Promise<Versioned<Group>> {
    this.writes++;
    const created = await super.createGroup(group);
    this.onGroup(created.value);
    return created;
  }

  override async saveGroup(group: Versioned<Group>): Promise<Versioned<Group>> {
    this.writes++;
    const saved = await super.saveGroup(group);
    this.writes++;
    this.onGroup(saved.value);
    return saved;
  }

  override async saveRoster(
    group: Versioned<Group>,
    userId: string,
    standing: Standing,
    etag?: string,
  ): Promise<Versioned<Group>> {
    this.writes++;
    const saved = await super.saveRoster(group, userId, standing, etag);
    this.writes++;
    this.onGroup(saved.value);
    return saved;
  }

  override async commitStep(groupKey: string, commit: StepCommit, writes: StepWrites): Promise<void> {
    if (writes.group) this.writes++;
    await super.commitStep(groupKey, commit, writes);
    if (!writes.group) return;
    this.writes++;
    this.onGroup(writes.group.value);
  }
}
