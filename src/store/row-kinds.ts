/**
 * The kinds of rows in a group's partition (docs/storage.md): each kind's RowKey and columns,
 * declared once. The partition read, the snapshot's fields, `putPersonRow`, the erasure of a
 * person's rows and the test seeding are derived from this registry.
 */
import type { PostedCards } from '../domain/outbox';
import type { Versioned } from '../domain/snapshot';
import {
  LANGUAGES,
  PHASES,
  REVEAL_MODES,
  RSVP_RESPONSES,
  type Answer,
  type BuildsOn,
  type Group,
  type Meeting,
  type Person,
  type Project,
  type ProjectVote,
  type Proposal,
  type Rsvp,
  type Standing,
  type Vote,
} from '../domain/types';
import { int, json, oneOf, optional, optionalJson, text, type Columns } from './columns';

/**
 * A kind of row that belongs to one person (theirs to see in `mine data`, and erased by `slet mine
 * data`). Its RowKey is `prefix|segment|…`: each segment a field of the row, or `person` (the
 * person's user id made safe for a key), so one click repeated is one row.
 */
export interface PersonKind<T extends Person> {
  prefix: string;
  segments: readonly (Exclude<keyof T & string, 'userId' | 'name'> | 'person')[];
  columns: Columns<T>;
  /** The order rows are kept in; by default the RowKey's (the order a partition query returns them). */
  order?: (a: T, b: T) => number;
}

function personKind<T extends Person>(kind: PersonKind<T>): PersonKind<T> {
  return kind;
}

const who = { userId: text, name: text, actedAt: optional(text) };

/** Every kind of a person's own rows, in the order `mine data` lists them. */
export const PERSON_ROWS = {
  rsvps: personKind<Rsvp>({
    prefix: 'rsvp',
    segments: ['meeting', 'person'],
    columns: { meeting: int, ...who, response: oneOf(RSVP_RESPONSES[0]), at: text },
  }),
  answers: personKind<Answer>({
    prefix: 'answer',
    segments: ['meeting', 'person'],
    columns: {
      meeting: int,
      ...who,
      fields: json<string[]>([], ['Tekst']),
      ids: optionalJson<string[]>(),
      updatedAt: text,
      enteredBy: optional(oneOf<'coordinator'>('coordinator')),
    },
  }),
  votes: personKind<Vote>({
    prefix: 'vote',
    segments: ['meeting', 'person'],
    columns: { meeting: int, ...who, choices: json<string[]>([]) },
  }),
  proposals: personKind<Proposal>({
    prefix: 'proposal',
    segments: ['person', 'slot'],
    columns: {
      id: text,
      ...who,
      title: text,
      description: text,
      buildsOn: optionalJson<BuildsOn>(),
      at: text,
      slot: int,
    },
    order: (a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id),
  }),
  projectVotes: personKind<ProjectVote>({
    prefix: 'projectVote',
    segments: ['person'],
    columns: { ...who, choice: text },
  }),
};

/** The name of a kind of a person's rows (a field of the group's snapshot). */
export type PersonRowKind = keyof typeof PERSON_ROWS;

/** A row of kind K. */
export type PersonRowOf<K extends PersonRowKind> =
  (typeof PERSON_ROWS)[K] extends PersonKind<infer T> ? T : never;

/** Rows of every kind, by kind. */
export type PersonRows = { [K in PersonRowKind]: PersonRowOf<K>[] };

/** Every kind of a person's rows, in the registry's order. */
export const PERSON_ROW_KINDS = Object.keys(PERSON_ROWS) as readonly PersonRowKind[];

/**
 * Everything stored about one group: the result of one partition query. The rows of a person
 * deleted by `slet mine data` are left out (their standing is a tombstone).
 */
export interface GroupSnapshot extends PersonRows {
  group: Versioned<Group>;
  meetings: Versioned<Meeting>[];
  project?: Project;
  /** Each person's standing, by its RowKey (`standingOf` finds a person's). */
  standings?: Readonly<Record<string, Standing>>;
  /**
   * The ETags of the rows read (a person's rows, standings, gates), by RowKey: the store's, so
   * that a write decided from this read is conditional on it.
   */
  etags?: Readonly<Record<string, string>>;
  /** Cards posted in the chat that show answers or names (the outbox's records); only a whole partition's read has them. */
  posted?: PostedCards[];
}

/** RowKey of the group entity itself. */
export const GROUP_ROW = 'group';

/** The group entity: settings as columns, roster, coordinators and chat as JSON (see docs/storage.md). */
export const GROUP_COLUMNS: Columns<Omit<Group, 'key'>> = {
  tenantId: text,
  name: text,
  association: text,
  area: text,
  phase: oneOf(PHASES[0]),
  language: oneOf(LANGUAGES[0]),
  revealMode: oneOf(REVEAL_MODES[0]),
  coordinators: json<Group['coordinators']>([]),
  members: json<Group['members']>([]),
  createdAt: text,
  // Stored without the person whose message it was taken from: proactive messages need only the
  // chat, and a stored name would outlive `slet mine data`.
  conversation: {
    write: (v) => JSON.stringify(Object.fromEntries(Object.entries(v).filter(([key]) => key !== 'user'))),
    read: json<Group['conversation']>({}).read,
    sample: {},
  },
  groupCardId: optional(text),
  projectVote: optionalJson(),
  overviewTab: optionalJson(),
  inactive: optionalJson(),
  deletedAt: optional(text),
  postedCardIds: optionalJson(),
};

/** RowKey prefix of a meeting: `meeting|<n>`. */
export const MEETING_PREFIX = 'meeting';

/** The meeting entity. */
export const MEETING_COLUMNS: Columns<Meeting> = {
  number: int,
  status: oneOf<Meeting['status']>('planned'),
  date: text,
  start: text,
  end: text,
  location: text,
  text,
  updatedAt: text,
  invitationCardId: optional(text),
  statusCardId: optional(text),
  conclusionCardId: optional(text),
  answerCardIds: optionalJson(),
  unposted: optionalJson(),
  conclusion: optionalJson(),
  revealMode: optional(oneOf(REVEAL_MODES[0])),
};

/** RowKey prefix of a person's standing (`standing|<hash>`, see keys.ts). */
export const STANDING_PREFIX = 'standing';

/** A person's standing. */
export const STANDING_COLUMNS: Columns<Standing> = {
  at: text,
  erasedAt: optional(text),
};

/** RowKey prefix of a meeting's answer gate (`gate|<n>|answers`): an empty row. */
export const GATE_PREFIX = 'gate';

/** RowKey of the chosen common project. */
export const PROJECT_ROW = 'project';

/** The chosen project entity (its row also has the owner's `userId`, so a person's rows are one query). */
export const PROJECT_COLUMNS: Columns<Project> = {
  proposalId: text,
  title: text,
  description: text,
  buildsOn: optionalJson<BuildsOn>(),
  owner: json<Person>({ userId: '', name: '' }),
  firstStep: text,
  dueDate: text,
  chosenAt: text,
};
