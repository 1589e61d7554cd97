import { randomBytes } from 'node:crypto';
import type { App } from '../app';
import type { OverviewReader } from '../app/overview';
import { LANGUAGES, type Language } from '../domain/types';
import { participationChart } from '../report/chart';
import { overviewCsv, overviewMarkdown } from '../report/export';
import { buildOverview, type OverviewPayload } from '../report/overview';
import { StorageUnavailableError } from '../domain/snapshot';
import type { LinkKeys } from './link-keys';
import { readToken, signToken } from '../lib/signed-token';
import { TokenRejectedError } from './tab-tokens';

/** A request to the tab's API, reduced to what it reads. */
export interface TabRequest {
  authorization?: string;
  query: Record<string, string | undefined>;
}

/** What the API answers: a status, a content type and a body. */
export interface TabResponse {
  status: number;
  contentType: string;
  body: string;
  filename?: string;
}

const json = (status: number, body: unknown): TabResponse => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
});

/** Download links are good for this long: enough to open, too short to pass around. */
const DOWNLOAD_MS = 2 * 60_000;
const DOWNLOAD = 'download';

/** Keys for a TabApi made without the bot's link keys (tests): good for this process only. */
function randomKeys(): LinkKeys {
  const key = new Uint8Array(randomBytes(32));
  return { sign: key, verify: [key] };
}

const problem = (status: number, error: string): TabResponse => json(status, { error });

/** The tab's API: overview, report downloads and the personal list, behind a verified token. */
export class TabApi {
  constructor(
    private readonly app: App,
    private readonly verify: (token: string) => Promise<OverviewReader>,
    /** Sign and verify the short-lived download links (LINK_SIGNING_KEY: the same on every instance). */
    private readonly keys: LinkKeys = randomKeys(),
  ) {}

  private async reader(req: TabRequest): Promise<OverviewReader | undefined> {
    const token = /^Bearer (.+)$/i.exec(req.authorization ?? '')?.[1];
    if (!token) return undefined;
    try {
      return await this.verify(token);
    } catch (err) {
      if (err instanceof TokenRejectedError) return undefined;
      throw err;
    }
  }

  private language(req: TabRequest): Language {
    const l = req.query.lang;
    return LANGUAGES.find((x) => x === l) ?? this.app.defaultLanguage;
  }

  private async guarded(
    req: TabRequest,
    handle: (r: OverviewReader) => Promise<TabResponse>,
  ): Promise<TabResponse> {
    try {
      const reader = await this.reader(req);
      if (!reader) return problem(401, 'unauthorized');
      return await handle(reader);
    } catch (err) {
      if (err instanceof StorageUnavailableError) return problem(503, 'storageUnavailable');
      throw err;
    }
  }

  /**
   * GET /api/tab/overview?group=<key> or ?chat=<Teams chat or channel id>; &format=csv|md (coordinators)
   * answers a short-lived download link; &tab=saved records that the Overblik tab is in the chat.
   */
  overview(req: TabRequest): Promise<TabResponse> {
    if (req.query.download) return this.download(req.query.download);
    return this.guarded(req, async (reader) => {
      const key =
        req.query.group || (req.query.chat ? this.app.groupKeyOfChat(reader.tenantId, req.query.chat) : '');
      if (!key) return problem(400, 'group or chat is required');
      const access = await this.app.readOverview(reader, key);
      if (!access.ok) return problem(access.reason === 'noGroup' ? 404 : 403, access.reason);
      const group = access.snapshot.group.value;
      // The tab's config page (and the tab itself) says the tab is in the chat: cards may link to it.
      if (req.query.tab === 'saved' && !group.overviewTab && reader.onlyGroup === undefined)
        await this.app.recordOverviewTab(key);
      const lang = req.query.lang ? this.language(req) : group.language;
      const overview = buildOverview(lang, access.snapshot);
      const format = req.query.format;
      if (format === 'csv' || format === 'md') {
        if (!access.coordinator) return problem(403, 'notCoordinator');
        // The page opens the file with teams-js app.openLink (a blob link downloads once at most in
        // new Teams, never on mobile): a link that works without the SSO token for a few minutes.
        const claims = {
          use: DOWNLOAD,
          grp: key,
          fmt: format,
          tid: reader.tenantId,
          uid: reader.userId,
          ...(reader.onlyGroup === undefined ? {} : { only: reader.onlyGroup }),
        };
        const token = signToken(claims, this.keys.sign, new Date(this.app.now().getTime() + DOWNLOAD_MS));
        return json(200, { url: `/api/tab/overview?download=${token}` });
      }
      const payload: OverviewPayload = {
        ...overview,
        chartSvg: participationChart(lang, overview.participation),
        coordinator: access.coordinator,
      };
      return json(200, payload);
    });
  }

  /** GET /api/tab/overview?download=…: the report file a coordinator asked for, through its short-lived link. */
  private async download(token: string): Promise<TabResponse> {
    const c = readToken(token, this.keys.verify, this.app.now());
    if (c?.use !== DOWNLOAD || typeof c.grp !== 'string' || (c.fmt !== 'csv' && c.fmt !== 'md'))
      return problem(401, 'unauthorized');
    const reader: OverviewReader = {
      tenantId: String(c.tid),
      userId: String(c.uid),
      ...(typeof c.only === 'string' ? { onlyGroup: c.only } : {}),
    };
    try {
      const access = await this.app.readOverview(reader, c.grp);
      if (!access.ok) return problem(access.reason === 'noGroup' ? 404 : 403, access.reason);
      if (!access.coordinator) return problem(403, 'notCoordinator');
      const group = access.snapshot.group.value;
      const overview = buildOverview(group.language, access.snapshot);
      const base = group.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'erfaringsgruppe';
      return c.fmt === 'csv'
        ? {
            status: 200,
            contentType: 'text/csv; charset=utf-8',
            body: overviewCsv(overview),
            filename: `${base}.csv`,
          }
        : {
            status: 200,
            contentType: 'text/markdown; charset=utf-8',
            body: overviewMarkdown(overview),
            filename: `${base}.md`,
          };
    } catch (err) {
      if (err instanceof StorageUnavailableError) return problem(503, 'storageUnavailable');
      throw err;
    }
  }

  /** GET /api/tab/mine: the groups the caller coordinates (the personal tab). */
  mine(req: TabRequest): Promise<TabResponse> {
    return this.guarded(req, async (reader) => json(200, { groups: await this.app.readMyGroups(reader) }));
  }
}
