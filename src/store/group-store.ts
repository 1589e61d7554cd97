import type { Lease, PendingStep, StepCommit, TenantOutbox } from '../domain/outbox';
import type { Versioned } from '../domain/snapshot';
import type { Group, Meeting, Project, Standing } from '../domain/types';
import type { GroupSnapshot, PersonRowKind, PersonRowOf, PersonRows } from './row-kinds';
import type { PersonWriteGuard, Roster } from './table-writes';

export type { Versioned } from '../domain/snapshot';
export { ConflictError, StorageUnavailableError } from '../domain/snapshot';
export type { GroupSnapshot, PersonRowKind, PersonRowOf, PersonRows } from './row-kinds';
export { PERSON_ROW_KINDS } from './row-kinds';
export { standingOf, withPersonRow } from './rows';
export type { PersonWriteGuard, Roster } from './table-writes';

/**
 * The rows a step changes besides its own: a meeting or the group, created (no ETag) or replaced if
 * unchanged; the chosen project, created.
 */
export interface StepWrites {
  meeting?: { value: Meeting; etag?: string };
  group?: { value: Group; etag?: string };
  project?: Project;
  /** The read the step was decided from: what `gate` and `standingOf` are conditional on. */
  read?: GroupSnapshot;
  /** Opens (start) or closes (reveal) the answer gate of `meeting` in the same transaction. */
  gate?: 'open' | 'close';
  /** The step also needs this person's standing as read (not deleted since). */
  standingOf?: string;
}

/** The durable outbox's storage (docs/storage.md, "The outbox"). */
export interface OutboxStore {
  /**
   * Commits a step: the hint that its group has cards to post, then one transaction of the changed
   * rows (ETag-guarded), the step's record and its cards. ConflictError when a row changed or the
   * step was committed before.
   */
  commitStep(groupKey: string, commit: StepCommit, writes: StepWrites): Promise<void>;
  /** The group's steps with cards still to post, oldest first. */
  pendingSteps(groupKey: string): Promise<PendingStep[]>;
  /** Teams took card `index` of a step: its row goes, its id is kept; after the last, the step is done. */
  cardPosted(step: PendingStep, index: number, activityId: string): Promise<void>;
  /** Teams refused a step's cards for good: they go, and the step can be taken again. */
  stepFailed(step: PendingStep): Promise<void>;
  /** Records a card posted in the chat outside a step (a summary), under meeting n or the group's: one write. */
  recordPosted(groupKey: string, meeting: number | undefined, activityId: string): Promise<void>;
  /** Everything pending in the outbox table of this bot, by tenant. */
  scanOutbox(): Promise<TenantOutbox[]>;
  /** Hands a send (JSON) to the tenant's lease holder under `key` (the same key replaces it). */
  handOver(tenantId: string, key: string, job: string): Promise<void>;
  /** Deletes a handed-over send once sent, unless it was written again since (then false: it stays). */
  dropHandOver(tenantId: string, key: string, etag: string): Promise<boolean>;
  /** Deletes a group's hint once its steps are posted, unless a new step wrote it again since. */
  dropHint(tenantId: string, groupKey: string, etag: string): Promise<boolean>;
  /** Creates (no ETag) or replaces (the ETag read) the tenant's lease; its new ETag. ConflictError on a lost race. */
  writeLease(tenantId: string, lease: Lease, etag: string | undefined): Promise<string>;
}

/** The narrow seam to storage. One partition per group; see docs/storage.md. */
export interface GroupStore extends OutboxStore {
  /** The group, or undefined when the chat has none yet. */
  loadGroup(groupKey: string): Promise<Versioned<Group> | undefined>;
  /** Creates the group; ConflictError when it already exists. */
  createGroup(group: Group): Promise<Versioned<Group>>;
  /** Replaces the group if its ETag still matches; ConflictError otherwise. */
  saveGroup(group: Versioned<Group>): Promise<Versioned<Group>>;
  /** A meeting, or undefined when it has not been invited to. */
  loadMeeting(groupKey: string, meeting: number): Promise<Versioned<Meeting> | undefined>;
  /** Creates (etag undefined) or replaces (ETag-guarded) a meeting; ConflictError on a lost race. */
  saveMeeting(groupKey: string, meeting: Meeting, etag: string | undefined): Promise<Versioned<Meeting>>;
  /**
   * Takes a meeting to its next step, decided from `read`: under the ETag it was read with (created
   * when none was read), opening its answers' gate (start) or closing it (reveal) in the same
   * transaction, so no answer read before the reveal passes after it. ConflictError on a lost race.
   */
  stepMeeting(read: GroupSnapshot, meeting: Meeting, gate?: 'open' | 'close'): Promise<Versioned<Meeting>>;
  /**
   * Writes a person's own row (an answer, an RSVP, …) decided from `read`, in one transaction:
   * it replaces the row read under its ETag (or creates it: none was read), while the person's
   * standing is as read (a `slet mine data` since then fails it) and, for an answer, while the
   * meeting's gate is open. ConflictError when any of it changed: read again, decide again.
   */
  writePersonRow<K extends PersonRowKind>(
    read: GroupSnapshot,
    kind: K,
    row: PersonRowOf<K>,
    guard?: PersonWriteGuard,
  ): Promise<void>;
  /** Stores a person's row whatever is stored: only for seeding tests (use cases use `writePersonRow`). */
  putPersonRow<K extends PersonRowKind>(groupKey: string, kind: K, row: PersonRowOf<K>): Promise<void>;
  /** The group row and the person's standing (one query): what a join or leave is decided from. */
  loadRoster(groupKey: string, userId: string): Promise<Roster>;
  /** Saves the roster (group row, ETag-guarded) and the person's standing (ETag-guarded, or created) at once. */
  saveRoster(
    group: Versioned<Group>,
    userId: string,
    standing: Standing,
    standingEtag: string | undefined,
  ): Promise<Versioned<Group>>;
  /**
   * Marks a person as being deleted (their standing a tombstone) and moves the listed meetings'
   * ETags on, at once: their writes and meeting steps read before it fail (ConflictError).
   */
  eraseStanding(
    groupKey: string,
    userId: string,
    standing: Standing,
    meetings: readonly number[],
  ): Promise<void>;
  /** Writes a person's standing over whatever is there (the end of their deletion). */
  putStanding(groupKey: string, userId: string, standing: Standing): Promise<void>;
  /** A person's own rows in a group as stored, also while their standing hides them from reads. */
  personRowsIn(groupKey: string, userId: string): Promise<PersonRows>;
  /** The rows of a kind whose first key segment is `first` (e.g. the RSVPs to meeting 1). */
  listPersonRows<K extends PersonRowKind>(
    groupKey: string,
    kind: K,
    first: string | number,
  ): Promise<PersonRowOf<K>[]>;
  /**
   * Records the chosen project; ConflictError when one was already chosen. Given the `read` it was
   * decided from (every use case), only while its owner's standing is as read (not deleted since).
   */
  createProject(groupKey: string, project: Project, read?: GroupSnapshot): Promise<void>;
  /** Replaces the chosen project (only when a person's data is deleted). */
  replaceProject(groupKey: string, project: Project): Promise<void>;
  /** Everything about a group in one partition query, or undefined when there is no group (or it is being deleted). */
  loadPartition(groupKey: string): Promise<GroupSnapshot | undefined>;
  /**
   * What a turn about meeting n needs, in one query: the group row, meetings n−1 and n, the RSVPs,
   * answers and votes of meeting n (and for meeting 4 the project proposals); every other kind of
   * row is left empty. Undefined as for `loadPartition`.
   */
  loadMeetingPartition(groupKey: string, n: number): Promise<GroupSnapshot | undefined>;
  /** Remembers that a user coordinates a group (for finding their groups from a personal chat). */
  indexCoordinator(tenantId: string, userId: string, groupKey: string, groupName: string): Promise<void>;
  /** The groups a user coordinates (key and name), from the coordinators table. */
  listCoordinatedGroups(tenantId: string, userId: string): Promise<{ key: string; name: string }[]>;
  /** Records that an activity is being handled; false when it was already (a re-delivery). */
  claimActivity(groupKey: string, activityId: string, at: string): Promise<boolean>;
  /** Every group's meetings in `status` (a query across groups; the scheduler's only one). */
  listMeetingsInStatus(status: Meeting['status']): Promise<{ groupKey: string; meeting: Meeting }[]>;
  /** Claims a reminder before it is sent (insert-only); false when another instance already has. */
  claimReminder(groupKey: string, reminder: string, at: string): Promise<boolean>;
  /** Claims a confirmation's random token id (insert-only); false when it was used already, on any instance. */
  claimConfirmation(tokenId: string, at: string): Promise<boolean>;
  /** Claims a daily job for one day (insert-only); false when another instance already has. */
  claimDailyJob(job: string, day: string, at: string): Promise<boolean>;
  /**
   * Deletes re-delivery (and daily job) claims made before `activitiesBefore` and the reminder claims
   * of meetings held on or before `remindersUpTo` (YYYY-MM-DD); how many of each.
   */
  deleteOldClaims(
    activitiesBefore: string,
    remindersUpTo: string,
  ): Promise<{ activities: number; reminders: number }>;
  /** The keys of every group of a tenant, in key order (a query across groups reading only the keys). */
  listTenantGroupKeys(tenantId: string): Promise<string[]>;
  /** Every group of a tenant (a query across groups; for a person's own data). */
  listTenantGroups(tenantId: string): Promise<Versioned<Group>[]>;
  /** The groups (PartitionKeys) with a row of the person's own (any kind), or a project they own. */
  listPersonGroups(userId: string): Promise<Set<string>>;
  /** Deletes a person's own rows (every kind) in a group; how many rows. */
  deletePersonRows(groupKey: string, userId: string): Promise<number>;
  /** Deletes every row of a group except the group row (which then holds its tombstone). */
  sweepGroup(group: Group): Promise<void>;
  /**
   * Before a new group in the chat (one listing): true when a group row is there after all; else
   * deletes what a late writer left of an earlier group, except `keepStep`'s outbox rows and the claims.
   */
  sweepBeforeSetup(groupKey: string, keepStep: string): Promise<boolean>;
  /** Deletes a whole group: its partition, its re-delivery claims and its coordinators' index rows. */
  deleteGroup(group: Group): Promise<void>;
  /** Forgets that a person coordinates a group. */
  unindexCoordinator(tenantId: string, userId: string, groupKey: string): Promise<void>;
  /** Resolves when storage answers; rejects when it does not. */
  ping(): Promise<void>;
}
