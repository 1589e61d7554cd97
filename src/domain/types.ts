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

export type MeetingStatus = 'planned' | 'invited' | 'running' | 'revealed' | 'voting' | 'closed';

/** A Teams user as the bot knows them: the AAD object id is the identity. */
export interface Person {
  userId: string;
  name: string;
}

/** A participant who clicked "Jeg er med". */
export interface Member extends Person {
  roleCategory: RoleCategory;
  roleTitle: string;
  joinedAt: string;
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
  coordinators: Person[];
  members: Member[];
  conversation: ConversationRef;
  groupCardId?: string;
  createdAt: string;
}

/** One of the four meetings; created when it is first invited to. */
export interface Meeting {
  number: number;
  status: MeetingStatus;
  date: string;
  start: string;
  end: string;
  location: string;
  text: string;
  invitationCardId?: string;
  updatedAt: string;
}

/** A member's answer to an invitation. */
export interface Rsvp extends Person {
  meeting: number;
  response: RsvpResponse;
  at: string;
}
