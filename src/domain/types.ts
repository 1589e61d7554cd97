/** Core domain types of an erfaringsgruppe. Pure data: no storage or Teams concepts beyond ids. */

export type Language = 'da' | 'en';
export const LANGUAGES: readonly Language[] = ['da', 'en'];

export type Phase = 'opstart' | 'undervejs' | 'afslutning';
export const PHASES: readonly Phase[] = ['opstart', 'undervejs', 'afslutning'];

export type RevealMode = 'named' | 'anonymous';
export const REVEAL_MODES: readonly RevealMode[] = ['named', 'anonymous'];

export type RoleCategory = 'boligsocial' | 'fysisk' | 'imellem' | 'andet';
export const ROLE_CATEGORIES: readonly RoleCategory[] = ['fysisk', 'boligsocial', 'imellem', 'andet'];

export type RsvpResponse = 'yes' | 'maybe' | 'no';
export const RSVP_RESPONSES: readonly RsvpResponse[] = ['yes', 'maybe', 'no'];

/**
 * A meeting's steps: invited, the writing round (`running`), answers shown (`revealed`), choosing
 * (`voting`), what the group chose shown (`chosen`), closed with the agreements.
 */
export type MeetingStatus = 'planned' | 'invited' | 'running' | 'revealed' | 'voting' | 'chosen' | 'closed';

/** A Teams user as the bot knows them: the AAD object id is the identity. */
export interface Person {
  userId: string;
  name: string;
}

/** A row of a person's own (an answer, a vote, an RSVP, …). */
export interface PersonRow extends Person {
  /** When Teams got the click that wrote it (its activity's timestamp): an older click changes nothing. */
  actedAt?: string;
}

/**
 * A person's standing in a group, one row each (docs/storage.md): when Teams got their last click
 * on the roster (or their `slet mine data` confirmation), and whether that deletion is running.
 * Every write of the person's rows is conditional on it, so a deletion fails the writes read before it.
 */
export interface Standing {
  /** Teams' time of the person's last join or leave click, or of their deletion's confirmation: an older roster click changes nothing. */
  at: string;
  /** Set while `slet mine data` deletes them: their rows are hidden from every read, no write of theirs passes. */
  erasedAt?: string;
}

/** A coordinator: who set the group up (or inherited it). */
export interface Coordinator extends Person {
  /** The person's id in the chat (`29:…`): a shared card's automatic refresh lists it (`refresh.userIds`). */
  chatId?: string;
  /** A random id for this group only, used on cards instead of the Entra object id (the tovholder choice). */
  ref?: string;
}

/** A participant who clicked "Jeg er med". */
export interface Member extends Person {
  /** The person's id in the chat (`29:…`): Teams names people who leave a chat by it alone. */
  chatId?: string;
  roleCategory: RoleCategory;
  roleTitle: string;
  joinedAt: string;
  /** A random id for this group only, used on cards instead of the Entra object id (owner choices). */
  ref?: string;
}

/** Opaque conversation reference kept for proactive messages (owned by the bot layer). */
export type ConversationRef = Record<string, unknown>;

/** The settings a coordinator chooses in the setup card. */
export interface GroupSettings {
  name: string;
  association: string;
  area: string;
  phase: Phase;
  language: Language;
  revealMode: RevealMode;
}

/** One erfaringsgruppe: one per Teams group chat or channel. */
export interface Group extends GroupSettings {
  key: string;
  tenantId: string;
  coordinators: Coordinator[];
  members: Member[];
  conversation: ConversationRef;
  groupCardId?: string;
  /**
   * Set when Teams says the bot is out of the chat (403/404 with a code such as
   * BotNotInConversationRoster, or the bot was uninstalled); cleared by any activity from the chat.
   */
  inactive?: { since: string; status: number; code?: string };
  /** Set when someone saved the Overblik tab in the chat (its config page says so); deep links need the tab. */
  overviewTab?: { savedAt: string };
  /**
   * Set when the coordinator opens the vote on the common project; `cardId` once Teams has its card,
   * `failed` when Teams refused it (the coordinator may open the vote again: `attempt` counts).
   */
  projectVote?: { startedAt: string; cardId?: string; attempt?: number; failed?: boolean };
  /** Set by `slet gruppe` before its rows are swept: every use case refuses a deleted group. */
  deletedAt?: string;
  /** Cards posted in the chat about the whole programme (its summaries): replaced when data is deleted. */
  postedCardIds?: string[];
  createdAt: string;
}

/** One of the four meetings; created when it is first invited to (or started without an invitation). */
export interface Meeting {
  number: number;
  status: MeetingStatus;
  date: string;
  start: string;
  end: string;
  location: string;
  text: string;
  invitationCardId?: string;
  /** The shared status card (progress, coordinator buttons), updated in place. */
  statusCardId?: string;
  /** The conclusion card (after meeting 4 it gathers the project proposals and is updated in place). */
  conclusionCardId?: string;
  /**
   * Other cards posted in the chat for this meeting that show answers or names (the answer prompt,
   * reveal, prioritising, theme summaries; meeting 4 also the project's cards): deletion replaces them.
   */
  answerCardIds?: string[];
  /**
   * A coordinator step whose cards Teams has not accepted yet (`failed`: it refused them). Cleared
   * once accepted; no other step is taken meanwhile, and after a refusal the coordinator can take
   * it again. `attempt` numbers the step's tries when its cards go through the durable outbox
   * (docs/storage.md), which delivers them; a mark without one is from before the outbox.
   */
  unposted?: {
    step: 'reveal' | 'startVoting' | 'endVoting' | 'close';
    since: string;
    failed: boolean;
    attempt?: number;
  };
  conclusion?: Conclusion;
  /** The group's reveal mode when the meeting started; fixed from then on (see docs/privacy.md). */
  revealMode?: RevealMode;
  updatedAt: string;
}

/** A member's answer to a meeting's prompts: three pieces of advice (theme 1) or two answers. */
export interface Answer extends PersonRow {
  meeting: number;
  fields: string[];
  /** Random item ids, one per field, assigned when the answer is stored (older answers: at reveal). */
  ids?: string[];
  updatedAt: string;
  /** Set when the coordinator typed the answer in for the member (who had no device in the room). */
  enteredBy?: 'coordinator';
}

/** What a member chose after reveal: up to three pooled item ids per question. */
export interface Vote extends PersonRow {
  meeting: number;
  choices: string[];
}

/** One pooled answer field, as shown on the reveal and voting cards. */
export interface Item {
  id: string;
  /** 1-based: which prompt it answers (theme 1: which piece of advice). */
  field: number;
  text: string;
  /** The author; left out of every card of an anonymous group. */
  author: Person;
}

/** An item with how many chose it, as ranked when choosing ends. */
export interface RankedItem {
  id: string;
  text: string;
  votes: number;
  /** Which answer field (question) it came from; absent in conclusions stored before it was kept. */
  field?: number;
}

/** What a meeting ended with: what the group chose (per question) and its agreements ('' when none). */
export interface Conclusion {
  top: RankedItem[];
  agreements: string;
  closedAt: string;
}

/**
 * What a proposal builds on: an item the group chose in meeting `meeting`, by its random id. Its
 * text is read from that meeting's stored conclusion, so it leaves with its author's `slet mine data`.
 */
export interface BuildsOn {
  meeting: number;
  item: string;
}

/** A member's proposal for the common project. */
export interface Proposal extends PersonRow {
  id: string;
  /** Its place among the member's proposals (1 or 2). */
  slot: number;
  title: string;
  description: string;
  /** The chosen item it builds on, when the member picked one. */
  buildsOn?: BuildsOn;
  at: string;
}

/** A member's vote for a proposal. */
export interface ProjectVote extends PersonRow {
  choice: string;
}

/** The common project the group chose. */
export interface Project {
  proposalId: string;
  title: string;
  description: string;
  /** What the chosen proposal builds on, when it builds on something the group chose. */
  buildsOn?: BuildsOn;
  owner: Person;
  firstStep: string;
  dueDate: string;
  chosenAt: string;
}

/** A member's answer to an invitation. */
export interface Rsvp extends PersonRow {
  meeting: number;
  response: RsvpResponse;
  at: string;
}
