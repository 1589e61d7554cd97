import type { Meeting, Rsvp, RsvpResponse } from './types';

/** A stored value with the ETag it was read with; writes with it fail if someone wrote in between. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/**
 * Queries on a group's stored state (the store's snapshot, or any part of it): the one way to say
 * "meeting n", "the rows of meeting n" and "the RSVPs by answer".
 */

/** The group's meetings, as a snapshot holds them. */
export interface HasMeetings {
  meetings: readonly Versioned<Meeting>[];
}

/** Meeting n as stored, with the ETag it was read with; undefined when it has not been stored. */
export function storedMeeting(s: HasMeetings, n: number): Versioned<Meeting> | undefined {
  return s.meetings.find((m) => m.value.number === n);
}

/** Meeting n; undefined when it has not been stored. */
export function meetingOf(s: HasMeetings, n: number): Meeting | undefined {
  return storedMeeting(s, n)?.value;
}

/** Every stored meeting, by number. */
export function meetingsOf(s: HasMeetings): Meeting[] {
  return s.meetings.map((m) => m.value);
}

/** The rows about meeting n (its RSVPs, answers or votes). */
export function rowsOf<T extends { meeting: number }>(rows: readonly T[], n: number): T[] {
  return rows.filter((r) => r.meeting === n);
}

/** The answers to meeting n. */
export function answeredIn<T extends { meeting: number }>(s: { answers: readonly T[] }, n: number): T[] {
  return rowsOf(s.answers, n);
}

/** The RSVPs given, by answer. */
export function rsvpTally(rsvps: readonly Rsvp[]): Record<RsvpResponse, Rsvp[]> {
  const by = (r: RsvpResponse): Rsvp[] => rsvps.filter((x) => x.response === r);
  return { yes: by('yes'), maybe: by('maybe'), no: by('no') };
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
