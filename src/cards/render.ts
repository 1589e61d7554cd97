import { Template } from 'adaptivecards-templating';
import { MAX_ANSWER_LENGTH } from '../domain/answer-input';
import { MAX_NAME_LENGTH } from '../domain/group-input';
import { MAX_INVITATION_LENGTH, MAX_LOCATION_LENGTH } from '../domain/invitation-input';
import { MAX_AGREEMENTS_LENGTH } from '../domain/meeting';
import { MAX_DESCRIPTION_LENGTH, MAX_FIRST_STEP_LENGTH, MAX_TITLE_LENGTH } from '../domain/project-input';

/** An Adaptive Card as JSON, ready to be sent as an attachment. */
export type AdaptiveCard = Record<string, unknown>;

/** A card plus the notification preview Teams shows for it. */
export interface RenderedCard {
  card: AdaptiveCard;
  summary: string;
}

/**
 * The longest text each input takes, as the server checks it (`src/domain`); every template reads
 * its inputs' `maxLength` from here (`"${$root.limits.answer}"`), never a number of its own.
 */
const INPUT_LIMITS = {
  name: MAX_NAME_LENGTH,
  answer: MAX_ANSWER_LENGTH,
  agreements: MAX_AGREEMENTS_LENGTH,
  location: MAX_LOCATION_LENGTH,
  invitation: MAX_INVITATION_LENGTH,
  title: MAX_TITLE_LENGTH,
  description: MAX_DESCRIPTION_LENGTH,
  firstStep: MAX_FIRST_STEP_LENGTH,
};

/** Parsed templates, one per template file (parsing is most of the cost of binding). */
const parsed = new WeakMap<object, Template>();

/** Binds a template from `cards/` to its model (and the input limits). */
export function render(template: object, model: object): AdaptiveCard {
  let bound = parsed.get(template);
  if (!bound) {
    bound = new Template(template);
    parsed.set(template, bound);
  }
  return bound.expand({ $root: { ...model, limits: INPUT_LIMITS } }) as AdaptiveCard;
}
