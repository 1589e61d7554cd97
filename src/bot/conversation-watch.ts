import type { Actor, AppDeps } from '../app/context';
import { noteActivity } from '../app/chat-events';
import type { Logger } from '../log';

/** How long a chat's stored reference is taken as current before an activity checks it again. */
const RECHECK_MS = 10 * 60_000;

/**
 * Keeps each group's stored conversation reference current from the activities of its chat (the
 * serviceUrl Teams uses now; the "inactive" mark cleared, since Teams only sends from a chat the
 * bot is in; a member's chat id kept). Checks each person in a chat once per RECHECK_MS per
 * process, or at once when the serviceUrl changes or the outbox has just found the bot out of the
 * chat, so a turn rarely costs an extra read.
 */
export class ConversationWatch {
  private readonly checked = new Map<string, { serviceUrl: string; at: number }>();

  constructor(
    private readonly app: AppDeps,
    private readonly log: Logger,
  ) {}

  /** Notes an activity from the actor's chat (never fails the turn). */
  async seen(actor: Actor): Promise<void> {
    if (actor.chat === 'personal') return;
    const serviceUrl = String(actor.conversation.serviceUrl ?? '');
    const now = this.app.now().getTime();
    const key = `${actor.groupKey}|${actor.userId}`;
    const last = this.checked.get(key);
    if (last && last.serviceUrl === serviceUrl && now - last.at < RECHECK_MS) return;
    try {
      const outcome = await noteActivity(this.app, actor);
      if (outcome.ok && outcome.value) this.log.info('conversation.refreshed', { group: actor.groupKey });
      this.checked.set(key, { serviceUrl, at: now });
    } catch (err) {
      this.log.warn('conversation.refresh.failed', { error: err });
    }
  }

  /** The group was just marked inactive: the next activity from its chat clears the mark. */
  forget(groupKey: string): void {
    for (const key of this.checked.keys()) if (key.startsWith(`${groupKey}|`)) this.checked.delete(key);
  }
}
