import type { Actor, App } from '../app';
import type { Group } from '../domain/types';
import type { Logger } from '../log';

/** How long a chat's stored reference is taken as current before an activity checks it again. */
const RECHECK_MS = 10 * 60_000;
/** How many groups' stored rows the watch remembers (an older one is read again when needed). */
const MAX_KNOWN_GROUPS = 5_000;

/**
 * Keeps each group's stored conversation reference current from the activities of its chat (the
 * serviceUrl Teams uses now; the "inactive" mark cleared, since Teams only sends from a chat the
 * bot is in; a member's chat id kept). Checks each person in a chat once per RECHECK_MS per
 * process, or at once when the serviceUrl changes or the outbox has just found the bot out of the
 * chat. The check reads the group only when the store has not shown the watch the group's row
 * (`note`, from any turn's read or write) within RECHECK_MS, or when that row needs a change.
 */
export class ConversationWatch {
  private readonly checked = new Map<string, { serviceUrl: string; at: number }>();
  /** The group rows as last read or written by this process, oldest first. */
  private readonly known = new Map<string, { group: Group; at: number }>();

  constructor(
    private readonly app: App,
    private readonly log: Logger,
  ) {}

  /** The store read or wrote a group's row: it is what is stored now. */
  note(group: Group): void {
    this.known.delete(group.key);
    this.known.set(group.key, { group, at: this.app.now().getTime() });
    if (this.known.size > MAX_KNOWN_GROUPS) this.known.delete(this.known.keys().next().value!);
  }

  /** Notes an activity from the actor's chat (never fails the turn). */
  async seen(actor: Actor): Promise<void> {
    if (actor.chat === 'personal') return;
    const serviceUrl = String(actor.conversation.serviceUrl ?? '');
    const now = this.app.now().getTime();
    const key = `${actor.groupKey}|${actor.userId}`;
    const last = this.checked.get(key);
    if (last && last.serviceUrl === serviceUrl && now - last.at < RECHECK_MS) return;
    const known = this.known.get(actor.groupKey);
    if (known && now - known.at < RECHECK_MS && !this.app.afterActivity(known.group, actor)) {
      this.checked.set(key, { serviceUrl, at: now });
      return;
    }
    try {
      const outcome = await this.app.noteActivity(actor);
      if (outcome.ok && outcome.value) this.log.info('conversation.refreshed', { group: actor.groupKey });
      this.checked.set(key, { serviceUrl, at: now });
    } catch (err) {
      this.log.warn('conversation.refresh.failed', { error: err });
    }
  }

  /** The group was just marked inactive: the next activity from its chat clears the mark. */
  forget(groupKey: string): void {
    this.known.delete(groupKey);
    for (const key of this.checked.keys()) if (key.startsWith(`${groupKey}|`)) this.checked.delete(key);
  }
}
