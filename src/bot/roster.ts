import { TeamsInfo, type TurnContext } from 'botbuilder';

const TTL_MS = 10 * 60 * 1000;
const FAILED_TTL_MS = 60 * 1000;

/**
 * The chat's members' sign-in names (UPN, else e-mail) by Entra object id, for the attendees of the
 * "Opret Teams-møde" deep link. Read from Teams' roster during a turn and kept for ten minutes per
 * chat (a cache, not a record: the bot stores no e-mail addresses). Best effort: a roster Teams
 * will not give leaves the attendees out.
 */
export class RosterDirectory {
  private readonly cache = new Map<string, { until: number; names: Map<string, string> }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The roster of the turn's chat, from the cache or from Teams. */
  async load(context: TurnContext): Promise<Map<string, string>> {
    const key = context.activity.conversation.id.split(';')[0];
    const hit = this.cached(key);
    if (hit) return hit;
    const names = new Map<string, string>();
    let until = this.now() + TTL_MS;
    try {
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedMembers(context, 500, token);
        for (const m of page.members) {
          const name = m.userPrincipalName || m.email;
          if (m.aadObjectId && name) names.set(m.aadObjectId, name);
        }
        token = page.continuationToken;
      } while (token);
    } catch {
      until = this.now() + FAILED_TTL_MS;
    }
    this.cache.set(key, { until, names });
    return names;
  }

  /** The roster of a chat if it was read recently (outside a turn Teams cannot be asked). */
  cached(conversationId: string): Map<string, string> | undefined {
    const hit = this.cache.get(conversationId.split(';')[0]);
    return hit && hit.until > this.now() ? hit.names : undefined;
  }
}
