import type { Language } from '../domain/types';
import { t } from '../i18n';

/** Where "Åbn overblik" leads: a link, or (in Teams, before the tab is in the chat) a hint to add it. */
export type OverviewLink = { url: string } | { addTab: true };

/** Model of the "Åbn overblik" button on the status and summary cards; no button without a link. */
export interface OverviewAction {
  url: string;
  label: string;
  /** How to add the Overblik tab, when the chat has none yet (a deep link would lead nowhere). */
  hint: string;
}

/** The button's model: a Teams deep link to the tab, a signed link to the page (local mode), or the hint. */
export function overviewAction(lang: Language, link: OverviewLink | string | undefined): OverviewAction {
  const url = typeof link === 'string' ? link : link && 'url' in link ? link.url : '';
  const hint = typeof link === 'object' && 'addTab' in link ? t(lang, 'overview.addTab') : '';
  return { url, label: t(lang, 'overview.open'), hint };
}
