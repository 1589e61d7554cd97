import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as JSON, ready to be sent as an attachment. */
export type AdaptiveCard = Record<string, unknown>;

/** A card plus the notification preview Teams shows for it. */
export interface RenderedCard {
  card: AdaptiveCard;
  summary: string;
}

/** Binds a template from `cards/` to its model. */
export function render(template: object, model: object): AdaptiveCard {
  return new Template(template).expand({ $root: model }) as AdaptiveCard;
}
