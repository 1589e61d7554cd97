import { readMyGroups, readOverview, groupKeyOfChat, type OverviewReader } from '../app/overview';
import type { AppDeps } from '../app/context';
import { LANGUAGES, type Language } from '../domain/types';
import { participationChart } from '../report/chart';
import { overviewCsv, overviewMarkdown } from '../report/export';
import { buildOverview, type OverviewPayload } from '../report/overview';
import { StorageUnavailableError } from '../store/group-store';
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

const problem = (status: number, error: string): TabResponse => json(status, { error });

/** The tab's API: overview, report downloads and the personal list, behind a verified token. */
export class TabApi {
  constructor(
    private readonly deps: AppDeps,
    private readonly verify: (token: string) => Promise<OverviewReader>,
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
    return LANGUAGES.find((x) => x === l) ?? this.deps.defaultLanguage;
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

  /** GET /api/tab/overview?group=<key> or ?chat=<Teams chat or channel id>, and &format=csv|md (coordinators). */
  overview(req: TabRequest): Promise<TabResponse> {
    return this.guarded(req, async (reader) => {
      const key = req.query.group || (req.query.chat ? groupKeyOfChat(reader.tenantId, req.query.chat) : '');
      if (!key) return problem(400, 'group or chat is required');
      const access = await readOverview(this.deps, reader, key);
      if (!access.ok) return problem(access.reason === 'noGroup' ? 404 : 403, access.reason);
      const group = access.snapshot.group.value;
      const lang = req.query.lang ? this.language(req) : group.language;
      const overview = buildOverview(lang, access.snapshot);
      const format = req.query.format;
      if (format === 'csv' || format === 'md') {
        if (!access.coordinator) return problem(403, 'notCoordinator');
        const base = group.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'erfaringsgruppe';
        return format === 'csv'
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
      }
      const payload: OverviewPayload = {
        ...overview,
        chartSvg: participationChart(lang, overview.participation),
        coordinator: access.coordinator,
      };
      return json(200, payload);
    });
  }

  /** GET /api/tab/mine: the groups the caller coordinates (the personal tab). */
  mine(req: TabRequest): Promise<TabResponse> {
    return this.guarded(req, async (reader) => json(200, { groups: await readMyGroups(this.deps, reader) }));
  }
}
