import type { FieldErrors } from '../domain/input';
import { ConflictError, StorageUnavailableError } from '../domain/snapshot';
import type { Language } from '../domain/types';

/** Why a request was not carried out; `bot/` turns each into a localized message. */
export type Refusal =
  | 'noGroup'
  | 'notMember'
  | 'notCoordinator'
  | 'alreadySetUp'
  | 'joinBeforeSetup'
  | 'notCoordinatorSummary'
  | 'groupFull'
  | 'invalidForm'
  | 'invalidInput'
  | 'meetingNumber'
  | 'meetingLocked'
  | 'noInvitation'
  | 'personalChat'
  | 'meetingOrder'
  | 'tooFewMembers'
  | 'meetingAlreadyStarted'
  | 'meetingNotOpen'
  | 'answersLocked'
  | 'behalfNotMember'
  | 'behalfOwnAnswer'
  | 'wrongStep'
  | 'cardNotPosted'
  | 'tooManyChoices'
  | 'meetingNotHeld'
  | 'projectNotOpen'
  | 'tooManyProposals'
  | 'invalidBuildsOn'
  | 'noProposals'
  | 'projectVoteNotOpen'
  | 'projectAlreadyChosen'
  | 'chooseGroup'
  | 'noRunningMeeting'
  | 'acrossInPersonal'
  | 'acrossNeedsGroups'
  | 'storageUnavailable'
  | 'revealModeFixed'
  | 'groupDeleted'
  | 'notYourConfirmation'
  | 'confirmationExpired'
  | 'confirmationUsed'
  | 'busy';

/** A refused request, with what the edge needs to answer it. */
export interface Refused {
  ok: false;
  refusal: Refusal;
  /** Values for the refusal's message. */
  detail?: Record<string, string | number>;
  /** `invalidForm`: the problem of each field, and the cleaned values of the inputs to show again. */
  errors?: FieldErrors;
  values?: string[];
  /** `chooseGroup`: the groups the person may choose from, and the meeting asked about (none: all). */
  choices?: { groups: { key: string; name: string }[]; meeting?: number };
  /** The language to refuse in: the group's once it was read (else the person's). */
  language?: Language;
}

/**
 * What every use case returns: a value, or a typed refusal. A value loaded from a group carries
 * the group's language, so every refusal decided after it can be told in that language.
 */
export type Outcome<T> = { ok: true; value: T; language?: Language } | Refused;

/** A successful outcome. */
export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/** A successful outcome read from a group whose language is `language`. */
export function okIn<T>(language: Language, value: T): Outcome<T> {
  return { ok: true, value, language };
}

/** A refused outcome. */
export function refuse<T>(refusal: Refusal, detail?: Record<string, string | number>): Outcome<T> {
  return { ok: false, refusal, detail };
}

/** A refusal after something was read: in the language that was known then. */
export function refuseIn<T>(
  language: Language | undefined,
  refusal: Refusal,
  detail?: Record<string, string | number>,
): Outcome<T> {
  return { ok: false, refusal, detail, language };
}

/** A form that must be shown again with its problems marked (and, given, its cleaned values). */
export function invalidForm<T>(errors: FieldErrors, values?: string[]): Outcome<T> {
  return { ok: false, refusal: 'invalidForm', errors, ...(values ? { values } : {}) };
}

// Every lost race means another write succeeded; a roster of 6 sees at most 6 of those.
const CONFLICT_ATTEMPTS = 8;

/**
 * Runs a read-decide-write step, again from the read when a conditional write lost a race, and
 * turns storage outages into a refusal the user can act on.
 */
export async function transact<T>(step: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (err instanceof StorageUnavailableError) return refuse('storageUnavailable');
      if (!(err instanceof ConflictError)) throw err;
      if (attempt >= CONFLICT_ATTEMPTS) return refuse('busy');
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
