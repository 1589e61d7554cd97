/**
 * The overview tab's page (bundled by esbuild into dist/tab/tab.js). In Teams it initialises
 * teams-js, reads the chat or channel from the context and calls the bot's API with the user's SSO
 * token. Opened from a local link (the playground has no tabs) it uses the signed token in the URL
 * fragment instead. <body data-page> chooses the page: overview, mine (personal tab) or config.
 */
import { app, authentication, pages } from '@microsoft/teams-js';
import { languageOf, t } from '../i18n';
import type { Language } from '../domain/types';
import type { OverviewPayload } from '../report/overview';
import { renderMine, renderNotice, renderOverview } from './render';
import { canPrintIn, openedOutsideTeams } from './where';

const ENTITY_ID = 'erfaringsgruppe-overblik';

interface Session {
  token: string;
  lang: Language;
  local: boolean;
  chat?: string;
  /** Teams' client type (desktop, web, android, ios, …); none outside Teams. */
  clientType?: string;
}

/** Teams did not answer: the page is not in Teams (a browser fallback, a copied link). */
class NotInTeamsError extends Error {}

/** How long the page waits for Teams to answer before it says the overview needs Teams. */
const TEAMS_WAIT_MS = 10_000;

const query = new URLSearchParams(location.search);
const show = (node: HTMLElement): void => document.body.replaceChildren(node);
/** The page's language as soon as it is known, so screen readers and spelling use the right one. */
const speak = (lang: Language): void => {
  document.documentElement.lang = lang;
};

async function teamsSession(): Promise<Session> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const notInTeams = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new NotInTeamsError()), TEAMS_WAIT_MS);
  });
  await Promise.race([app.initialize(), notInTeams]).finally(() => clearTimeout(timer));
  const context = await app.getContext();
  const lang = languageOf(context.app.locale, 'da');
  speak(lang);
  const token = await authentication.getAuthToken();
  return {
    token,
    lang,
    local: false,
    chat: context.chat?.id ?? context.channel?.id,
    clientType: context.app.host.clientType,
  };
}

async function session(): Promise<Session> {
  const local = new URLSearchParams(location.hash.slice(1)).get('token');
  if (local) {
    const lang = languageOf(query.get('lang') ?? navigator.language, 'da');
    speak(lang);
    return { token: local, lang, local: true };
  }
  return teamsSession();
}

function problemText(lang: Language, status: number, local: boolean): string {
  if (status === 401) return t(lang, local ? 'overview.localExpired' : 'overview.unauthorized');
  if (status === 403) return t(lang, 'overview.forbidden');
  if (status === 404) return t(lang, 'overview.noGroupHere');
  return t(lang, 'overview.failed');
}

async function api(
  s: Session,
  path: 'overview' | 'mine',
  query: Record<string, string> = {},
): Promise<Response> {
  return fetch(`/api/tab/${path}?${new URLSearchParams(query)}`, {
    headers: { Authorization: `Bearer ${s.token}` },
  });
}

/**
 * Downloads a report through a short-lived signed link, opened with teams-js `app.openLink` in
 * Teams (a blob link with `download` works once per session in new Teams and never on mobile) or
 * followed directly outside Teams. Resolves to a problem to show in the page (new Teams shows no
 * browser dialogs), or undefined.
 */
async function download(
  s: Session,
  where: Record<string, string>,
  format: 'csv' | 'md',
): Promise<string | undefined> {
  try {
    const res = await api(s, 'overview', { ...where, format });
    if (!res.ok) return problemText(s.lang, res.status, s.local);
    const { url } = (await res.json()) as { url: string };
    const absolute = new URL(url, location.origin).href;
    if (s.local) location.assign(absolute);
    else await app.openLink(absolute);
    return undefined;
  } catch {
    return t(s.lang, 'overview.failed');
  }
}

async function overviewPage(): Promise<void> {
  if (openedOutsideTeams(location.search, window.parent !== window)) throw new NotInTeamsError();
  const s = await session();
  show(renderNotice(t(s.lang, 'overview.loading')));
  const group = query.get('group');
  const where: Record<string, string> = group ? { group } : s.chat ? { chat: s.chat } : {};
  if (!where.group && !where.chat) {
    show(renderNotice(t(s.lang, 'overview.noGroupHere')));
    return;
  }
  const lang = query.get('lang');
  // Shown in Teams with a chat's context, the tab is in that chat: "Åbn overblik" may link to it.
  const saved: Record<string, string> = !s.local && where.chat ? { tab: 'saved' } : {};
  const res = await api(s, 'overview', { ...where, ...saved, ...(lang ? { lang } : {}) });
  if (!res.ok) {
    show(renderNotice(problemText(s.lang, res.status, s.local)));
    return;
  }
  const overview = (await res.json()) as OverviewPayload;
  speak(overview.language);
  document.title = `${overview.name} – ${t(overview.language, 'overview.title')}`;
  show(renderOverview(overview, (format) => download(s, where, format), canPrintIn(s.clientType)));
}

async function minePage(): Promise<void> {
  const s = await teamsSession();
  show(renderNotice(t(s.lang, 'overview.loading')));
  const res = await api(s, 'mine');
  if (!res.ok) {
    show(renderNotice(problemText(s.lang, res.status, false)));
    return;
  }
  const { groups } = (await res.json()) as { groups: { key: string; name: string }[] };
  show(
    renderMine(s.lang, groups, (key) => location.assign(`overview.html?group=${encodeURIComponent(key)}`)),
  );
}

async function configPage(): Promise<void> {
  await app.initialize();
  const context = await app.getContext();
  const lang = languageOf(context.app.locale, 'da');
  speak(lang);
  show(renderNotice(t(lang, 'overview.config.body')));
  pages.config.registerOnSaveHandler((save) => {
    pages.config
      .setConfig({
        entityId: ENTITY_ID,
        contentUrl: `${location.origin}/tab/overview.html`,
        websiteUrl: `${location.origin}/tab/overview.html`,
        suggestedDisplayName: t(lang, 'overview.tabName'),
      })
      .then(async () => {
        // Records that the tab is in the chat, so the bot's cards may deep-link to it (best effort).
        const chat = context.chat?.id ?? context.channel?.id;
        const token = chat ? await authentication.getAuthToken().catch(() => '') : '';
        if (chat && token)
          await fetch(`/api/tab/overview?${new URLSearchParams({ chat, tab: 'saved' })}`, {
            headers: { Authorization: `Bearer ${token}` },
          }).catch(() => undefined);
        save.notifySuccess();
      })
      .catch((err: unknown) => save.notifyFailure(String(err)));
  });
  pages.config.setValidityState(true);
}

const pagesByName: Record<string, () => Promise<void>> = {
  overview: overviewPage,
  mine: minePage,
  config: configPage,
};
(pagesByName[document.body.dataset.page ?? 'overview'] ?? overviewPage)().catch((err: unknown) => {
  const lang = languageOf(navigator.language, 'da');
  show(renderNotice(t(lang, err instanceof NotInTeamsError ? 'overview.openInTeams' : 'overview.failed')));
});
