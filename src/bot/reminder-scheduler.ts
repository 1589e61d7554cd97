import type { ConversationReference } from 'botbuilder';
import type { ClaimedReminder } from '../app/reminders';
import { themeTitleKey, type MeetingNumber } from '../domain/themes';
import { t } from '../i18n';
import { formatTime, formatWhen } from '../i18n/format';
import type { BotDeps } from './turn';

/** How often the scheduler looks for due reminders. */
export const REMINDER_INTERVAL_MS = 60_000;

/**
 * A reminder's text: the bot's words (no markdown in them) and the place as the coordinator typed
 * it. It is sent as plain text, so Teams parses nothing in it and no escape can show on a phone.
 */
function reminderText(r: ClaimedReminder): string {
  const lang = r.group.language;
  const m = r.meeting;
  const vars = {
    n: m.number,
    theme: t(lang, themeTitleKey(m.number as MeetingNumber)),
    when: formatWhen(lang, m.date, m.start, m.end),
    start: formatTime(lang, m.start),
    location: m.location,
  };
  return t(lang, `reminder.${r.kind}`, vars);
}

/**
 * Posts meeting reminders to group chats: every minute it claims what is due (app/reminders.ts)
 * and posts it. Safe with several instances and restarts: a reminder is claimed in storage before
 * it is sent, so it goes out once; the tenant's lease holder sends it (handed to it from another
 * instance), so it counts against Teams' limits with everything else sent into the tenant's chats.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly deps: BotDeps,
    private readonly options: { retention: boolean } = { retention: true },
  ) {}

  /**
   * Looks once for due reminders and posts them, then runs the daily retention sweep if no instance
   * has yet today; resolves to how many reminders were posted.
   */
  tick(): Promise<number> {
    this.running ??= this.post()
      .then(async (posted) => {
        if (this.options.retention) await this.sweep();
        return posted;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const swept = await this.deps.app.sweepRetention();
      if (swept) this.deps.log.info('retention.swept', { ...swept });
    } catch (err) {
      this.deps.log.warn('retention.failed', { error: err });
    }
  }

  private async post(): Promise<number> {
    let posted = 0;
    for (const reminder of await this.deps.app.claimDueReminders()) {
      const reference = reminder.group.conversation as Partial<ConversationReference>;
      const activity = { type: 'message', text: reminderText(reminder), textFormat: 'plain' };
      try {
        // Sent by the tenant's lease holder, paced with everything else sent into its chats.
        const job = { kind: 'reply', reference, activity } as const;
        const handed = await this.deps.outbox.handedOn(reminder.group.tenantId, job);
        if (!handed) await this.deps.outbox.postProactive(reference, activity);
        posted++;
        const sent = { kind: reminder.kind, meeting: reminder.meeting.number };
        this.deps.log.info(handed ? 'reminder.handedOver' : 'reminder.sent', sent);
      } catch (err) {
        this.deps.log.warn('reminder.failed', { kind: reminder.kind, error: err });
      }
    }
    return posted;
  }

  /** Starts looking every minute (the first look at once). */
  start(): void {
    const look = (): void =>
      void this.tick().catch((err: unknown) => this.deps.log.warn('reminders.failed', { error: err }));
    look();
    this.timer = setInterval(look, REMINDER_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops looking and waits for a look in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
