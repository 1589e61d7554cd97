import chooseTemplate from '../../cards/choose-group.json';
import type { Language } from '../domain/types';
import { t, tp } from '../i18n';
import { execute } from './actions';
import { ellipsis, fits, fitting, LINE_LIMITS } from './fit';
import { render, type AdaptiveCard, type RenderedCard } from './render';

/** At most this many groups are offered as buttons (Teams shows a limited number of actions). */
export const MAX_GROUP_BUTTONS = 5;

/**
 * Asks a coordinator of several groups (in a personal chat) which group they mean: a button per
 * group, or past MAX_GROUP_BUTTONS a list to pick from and one button.
 */
export function chooseGroupCard(
  lang: Language,
  groups: { key: string; name: string }[],
  meeting: number | undefined,
): RenderedCard {
  const title = t(lang, 'chooseGroup.title');
  // Up to MAX_GROUP_BUTTONS groups are buttons, more a list and one button (Teams shows a limited
  // number of actions). Names are shortened first; groups that still do not fit are left out, and
  // the card says how many.
  const build = (limit: number, shown = groups.length): { card: AdaptiveCard } => {
    const more = groups.length - shown;
    const body = t(lang, 'chooseGroup.body');
    const options = groups.slice(0, shown).map((g) => ({ title: ellipsis(g.name, limit), key: g.key }));
    const asList = groups.length > MAX_GROUP_BUTTONS;
    const asked = { meeting: meeting ?? '' };
    const model = {
      title,
      body: more > 0 ? `${body} ${tp(lang, 'chooseGroup.more', more)}` : body,
      buttons: asList ? [] : options.map((o) => execute('summary', o.title, { group: o.key, ...asked })),
      choices: asList ? options : [],
      choiceLabel: t(lang, 'chooseGroup.label'),
      required: t(lang, 'error.required'),
      show: asList ? execute('summary', t(lang, 'chooseGroup.show'), asked) : null,
    };
    return { card: render(chooseTemplate, model) };
  };
  let fitted = fitting((limit) => build(limit));
  for (let shown = groups.length - 1; shown > 0 && !fits(fitted.card); shown--)
    fitted = build(LINE_LIMITS[LINE_LIMITS.length - 1], shown);
  return { card: fitted.card, summary: title };
}
