import type { Language } from '../domain/types';
import { t } from '../i18n';

/** Model of the "Åbn overblik" button on the status and summary cards; no button without a link. */
export interface OverviewAction {
  url: string;
  label: string;
}

/** The button's model: a Teams deep link to the tab, or (local mode) a signed link to the page. */
export function overviewAction(lang: Language, url: string): OverviewAction {
  return { url, label: t(lang, 'overview.open') };
}
