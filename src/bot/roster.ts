import { TeamsInfo, type TurnContext } from 'botbuilder';

const TTL_MS = 10 * 60 * 1000;
const FAILED_TTL_MS = 60 * 1000;
/** The longest a turn waits for Teams' roster (issue 23: whatever a turn waits for has ≤ 2 s). */
const ROSTER_BUDGET_MS = 2000;

/** One page of Teams' roster: members with their object id and sign-in names. */
export interface RosterPage {
  members: { aadObjectId?: string; userPrincipalName?: string; email?: string }[];
  continuationToken?: string;
}

/** Reads one page of the turn's chat's roster (Teams' `GET …/pagedmembers`). */
export type RosterPages = (context: TurnContext, token: string | undefined) => Promise<RosterPage>;

const teamsPages: RosterPages = (context, token) => TeamsInfo.getPagedMembers(context, 500, token);

/** Resolves after `ms` milliseconds (a timer that does not hold the process open). */
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * The chat's members' sign-in names (UPN, else e-mail) by Entra object id, for the attendees of the
 * "Opret Teams-møde" deep link. Read from Teams' roster during a turn and kept for ten minutes per
 * chat (a cache, not a record: the bot stores no e-mail addresses). Best effort: a roster Teams
 * will not give — or not within `ROSTER_BUDGET_MS` — leaves the attendees out, and the turn goes on;
 * one that comes after the budget is still kept, for the cards rendered after the turn and the next clicks.
 */
export class RosterDirectory {
  private readonly cache = new Map<string, { until: number; names: Map<string, string> }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly pages: RosterPages = teamsPages,
    private readonly budget: () => Promise<void> = () => sleep(ROSTER_BUDGET_MS),
  ) {}

  /** The roster of the turn's chat, from the cache or from Teams (within the budget). */
  async load(context: TurnContext): Promise<Map<string, string>> {
    const key = context.activity.conversation.id.split(';')[0];
    const hit = this.cached(key);
    if (hit) return hit;
    const reading = this.read(context).then((names) => {
      this.cache.set(key, { until: this.now() + TTL_MS, names });
      return names;
    });
    const names = await Promise.race([reading, this.budget().then(() => undefined)]).catch(() => undefined);
    if (names) return names;
    // Not now: asked again in a minute, unless Teams' answer comes in meanwhile.
    reading.catch(() => undefined);
    if (!this.cached(key)) this.cache.set(key, { until: this.now() + FAILED_TTL_MS, names: new Map() });
    return new Map();
  }

  /** The roster of a chat if it was read recently (outside a turn Teams cannot be asked). */
  cached(conversationId: string): Map<string, string> | undefined {
    const hit = this.cache.get(conversationId.split(';')[0]);
    return hit && hit.until > this.now() ? hit.names : undefined;
  }

  private async read(context: TurnContext): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    let token: string | undefined;
    do {
      const page = await this.pages(context, token);
      for (const m of page.members) {
        const name = m.userPrincipalName || m.email;
        if (m.aadObjectId && name) names.set(m.aadObjectId, name);
      }
      token = page.continuationToken;
    } while (token);
    return names;
  }
}
