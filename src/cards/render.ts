import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as JSON, ready to be sent as an attachment. */
export type AdaptiveCard = Record<string, unknown>;

/** A card plus the notification preview Teams shows for it. */
export interface RenderedCard {
  card: AdaptiveCard;
  summary: string;
}

/** Parsed templates, one per template file (parsing is most of the cost of binding). */
const parsed = new WeakMap<object, Template>();

/** Binds a template from `cards/` to its model. */
export function render(template: object, model: object): AdaptiveCard {
  let bound = parsed.get(template);
  if (!bound) {
    bound = new Template(template);
    parsed.set(template, bound);
  }
  return bound.expand({ $root: model }) as AdaptiveCard;
}
