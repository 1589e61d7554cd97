import type { ConversationRef, Language } from '../domain/types';
import type { GroupStore } from '../store/group-store';

export type { GroupSnapshot } from '../store/group-store';
import type { TurnTracker } from './turns';

/** Who is acting and where, derived from the authenticated activity (never from card data). */
export interface Actor {
  tenantId: string;
  /** The group's PartitionKey, from tenant + conversation. */
  groupKey: string;
  userId: string;
  /** The user's id in the chat (`29:…`), when Teams gave one. */
  chatId?: string;
  name: string;
  /** The language of the user's Teams client, used until the group has chosen one. */
  language: Language;
  /** 'personal' chats have no group. */
  chat: 'group' | 'channel' | 'personal';
  conversation: ConversationRef;
  /** When Teams got the click (its activity's timestamp, `clickTime`): an older click changes nothing newer. */
  clickedAt?: string;
}

/** What the use cases need from the outside world. */
export interface AppDeps {
  store: GroupStore;
  now: () => Date;
  timeZone: string;
  defaultLanguage: Language;
  /** People (Entra object ids) who may compare every group of their tenant (PROJECT_LEADS). */
  projectLeads?: readonly string[];
  /** Signs and checks confirmation buttons (`slet mine data`, `slet gruppe`); random per process when left out. */
  confirmationKey?: Uint8Array;
  /** The turns in progress on this instance, per group (`slet gruppe` sweeps again once they are done). */
  turns?: TurnTracker;
  /** What a group calls its coordinator where `slet mine data` takes a name out of a text ("Koordinatoren"). */
  coordinatorTitle: (language: Language) => string;
}
