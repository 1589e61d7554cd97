import { guideCard } from '../../cards/guide-card';
import { act } from '../act';
import { cardReply } from '../reply';

/** `vejledning N` / `guide N` and the status card's button: the guide to meeting N. */
export const openGuide = act('openGuide', (_turn, view) => cardReply(guideCard(view.group.language, view)));
