import { answerVerbs } from './answers';
import { behalfVerbs } from './behalf';
import { dataRightsVerbs } from './data-rights';
import { formVerbs } from './forms';
import { groupVerbs } from './group';
import { groupDeletionVerbs } from './group-deletion';
import { guideVerbs } from './guide';
import { invitationVerbs } from './invitation';
import { meetingVerbs } from './meeting';
import { projectVerbs } from './project';
import { summaryVerbs } from './summary';
import { refreshVerbs } from './refresh';

export type { SharedCard, SharedViews, ViewOf } from './verb';

/**
 * Every card verb the bot answers, gathered from the features that declare them next to their use
 * cases (docs/card-actions.md; see docs/architecture.md, "Add a card verb").
 */
export const VERBS = {
  ...groupVerbs,
  ...guideVerbs,
  ...invitationVerbs,
  ...meetingVerbs,
  ...answerVerbs,
  ...behalfVerbs,
  ...formVerbs,
  ...refreshVerbs,
  ...projectVerbs,
  ...summaryVerbs,
  ...dataRightsVerbs,
  ...groupDeletionVerbs,
};

/** A card verb the bot answers. */
export type Verb = keyof typeof VERBS;

/** The declaration of verb V. */
export type SpecOf<V extends Verb> = (typeof VERBS)[V];

/** The verbs the bot's standard handler answers ("noted"): no handler of their own. */
export type NoticeVerb = { [V in Verb]: SpecOf<V> extends { notice: true } ? V : never }[Verb];

/** Every verb, in the order of the registry. */
export const VERB_NAMES = Object.keys(VERBS) as readonly Verb[];

/** True when `verb` is a registered card verb. */
export function isVerb(verb: unknown): verb is Verb {
  return typeof verb === 'string' && Object.prototype.hasOwnProperty.call(VERBS, verb);
}
