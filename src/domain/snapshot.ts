import type { Meeting } from './types';

/** A stored value with the ETag it was read with; writes with it fail if someone wrote in between. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** What a meeting's status card shows besides the meeting: progress and the previous meeting's agreements. */
export interface StatusFacts {
  /** Names of the members who answered (people who left the group are not counted). */
  answeredBy: string[];
  /** Names of the members who prioritised. */
  votedBy: string[];
  memberCount: number;
  previous?: Meeting;
}

/** A conditional write lost the race: reload and decide again. */
export class ConflictError extends Error {
  constructor(what: string) {
    super(`${what} was changed by someone else`);
    this.name = 'ConflictError';
  }
}

/** Storage could not be reached or answered with a server error. */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`storage is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StorageUnavailableError';
  }
}
