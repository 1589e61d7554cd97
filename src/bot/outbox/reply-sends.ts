/** How a reply after a turn is sent: by this instance when it sends for the tenant, else handed to the one that does. */
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../log';
import { MessageGoneError } from './connector-errors';
import { replyKey, type HandedJob, type ReplyJob, type SendRouter } from './hand-overs';
import type { Pacer, Target, Timer } from './pacer';

/** What sending a reply needs from the outbox. */
export interface ReplyDeps {
  pacer: Pacer;
  log: Logger;
  timer: Timer;
  router?: SendRouter;
  /** Runs `act` in a fresh context for the conversation (or in the turn's `context`). */
  within(
    job: ReplyJob,
    context: TurnContext | undefined,
    act: (c: TurnContext) => Promise<void>,
  ): Promise<void>;
  /** Reports a send that failed for good. */
  failed(job: ReplyJob, target: Target, err: unknown): Promise<void>;
  /** Keeps the id of a card posted in a group's chat that shows answers. */
  recordPosted?(posted: NonNullable<ReplyJob['posted']>, activityId: string): Promise<unknown>;
}

/**
 * Hands a one-off send (a reply, a reminder, a deletion's cards) to the tenant's lease holder when
 * that is another instance (true); false when this instance is to send it (it holds the lease, no
 * router, or the hand-over could not be written). Such sends are kept in the order handed over.
 */
export async function handedOn(
  deps: Pick<ReplyDeps, 'router' | 'log' | 'timer'>,
  tenant: string,
  job: HandedJob,
): Promise<boolean> {
  const { router } = deps;
  if (!router || (await router.sendsHere(tenant))) return false;
  try {
    await router.handOver(tenant, replyKey(deps.timer.now()), job);
    return true;
  } catch (err) {
    deps.log.warn('reply.handOver.failed', { error: err instanceof Error ? err.message : String(err) });
    return false;
  }
}

/** Sends a reply, paced: updates the clicked card (posted anew when it is gone) or posts a message. */
export async function sendReply(
  deps: ReplyDeps,
  target: Target,
  job: ReplyJob,
  context?: TurnContext,
): Promise<void> {
  const send = (id?: string): Promise<unknown> =>
    deps.pacer.run(target, () =>
      deps.within(job, context, async (c) => {
        if (id) await c.updateActivity({ ...job.activity, id });
        else {
          const posted = (await c.sendActivity(job.activity))?.id;
          if (posted && job.posted) await deps.recordPosted?.(job.posted, posted);
        }
      }),
    );
  await send(job.replaces)
    .catch((err: unknown) => (job.replaces && err instanceof MessageGoneError ? send() : Promise.reject(err)))
    .then(
      () => undefined,
      (err: unknown) => deps.failed(job, target, err),
    );
}
