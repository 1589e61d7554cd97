import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { RenderedCard } from '../../cards/render';
import type { Logger } from '../../log';
import { ConversationGoneError, MessageGoneError } from './connector-errors';
import { Pacer, realTimer, targetOf, type Target } from './pacer';
import type { HandedJob, PostedIn, ReplyJob, SendRouter } from './hand-overs';
import { ReplyQueue } from './reply-queue';
import { handedOn, sendReply, type ReplyDeps } from './reply-sends';
import { RefreshRequests } from './refresh-requests';
import { cardActivity, type KnownCard, type OutboxOptions } from './sends';
import { runInConversation } from './within';

/** How many reposted cards' old ids the outbox keeps mapping to their new ones (the store has the rest). */
const MAX_REMEMBERED_REPOSTS = 1_000;

/**
 * Posts and updates messages, one conversation at a time in order, paced to Teams' limits per
 * conversation and per tenant. Every HTTP attempt counts against the limits; throttling and
 * transient errors are retried with jittered backoff (or Retry-After), at most MAX_ATTEMPTS in all.
 */
export class Outbox {
  private readonly pendingRefreshes = new Map<string, Promise<void>>();
  /** Per pending refresh: the card a turn knew, if it may stand for the current state. */
  private readonly known = new Map<string, KnownCard['render']>();
  private readonly requests: RefreshRequests;
  /** Messages that were gone and posted anew: old activity id → new one, per conversation. */
  private readonly reposted = new Map<string, string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Paces every send to Teams' limits (the lease hands its record on to another instance). */
  readonly pacer: Pacer;
  private readonly replies: ReplyQueue;
  private readonly replyDeps: ReplyDeps;

  constructor(
    private readonly log: Logger,
    private readonly options: OutboxOptions = {},
  ) {
    this.pacer = new Pacer(log, options.timer ?? realTimer, (p) => this.track(p));
    this.requests = new RefreshRequests();
    this.replies = new ReplyQueue(log);
    this.replyDeps = {
      pacer: this.pacer,
      log,
      timer: options.timer ?? realTimer,
      within: (job, context, act) => this.within(job.reference, context, act),
      failed: (job, target, err) => this.failed(job.reference, target, err, 'reply.failed'),
      recordPosted: options.recordPosted,
    };
  }

  /** A mark to take before a turn reads the state it later hands to `refreshCard` as a `KnownCard`. */
  mark(): number {
    return this.requests.mark();
  }

  /** A change no refresh reports (a deletion): the next update of every card reads the stored state. */
  distrustTurnViews(): void {
    this.requests.distrustAll();
    this.known.clear();
  }

  /** Posts a card as a new message (its activity id), or hands it to the tenant's lease holder elsewhere (''). */
  async postCard(context: TurnContext, rendered: RenderedCard): Promise<string> {
    const reference = TurnContext.getConversationReference(context.activity);
    const job: ReplyJob = { kind: 'reply', reference, activity: cardActivity(rendered) };
    if (await this.handedOn(targetOf(context.activity).tenant, job)) return '';
    const res = await this.pacer.run(targetOf(context.activity), () =>
      context.sendActivity(cardActivity(rendered)),
    );
    return res?.id ?? '';
  }

  /**
   * Answers a turn after it, through the conversation's bounded ReplyQueue (`key`: whose answer to
   * what): a message, or with `replaces` the clicked card (posted anew when it is gone). Sent here
   * when this instance sends for the tenant, else handed to the one that does (`routeVia`).
   */
  reply(
    context: TurnContext,
    key: string,
    activity: Partial<Activity>,
    replaces?: string,
    posted?: PostedIn,
  ): void {
    const target = targetOf(context.activity);
    const reference = TurnContext.getConversationReference(context.activity);
    const job: ReplyJob = { kind: 'reply', reference, activity, replaces, posted };
    this.replies.add(target.conversation, key, async () => {
      if (!(await handedOn(this.replyDeps, target.tenant, job)))
        await sendReply(this.replyDeps, target, job, context);
    });
  }

  /** Hands `job` to the tenant's lease holder when that is another instance (true); false: send it here. */
  handedOn(tenant: string, job: HandedJob): Promise<boolean> {
    return handedOn(this.replyDeps, tenant, job);
  }

  /** Sends a reply another instance handed to this one (it holds the tenant's lease). */
  replyHanded(tenant: string, job: ReplyJob): Promise<void> {
    return sendReply(this.replyDeps, { ...targetOf(job.reference), tenant }, job);
  }

  /** From now on, sends for a tenant whose lease another instance holds are handed to it (replies; see shared-refresh). */
  routeVia(router: SendRouter): void {
    this.replyDeps.router = router;
  }

  /**
   * Posts a message into a conversation outside any turn (reminders, a step's cards), paced; its
   * activity id. With `replaces`, that message is updated in place instead (posted anew when gone).
   */
  async postProactive(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
    replaces?: string,
  ): Promise<string> {
    let id = '';
    const send = (existing?: string): Promise<void> =>
      this.pacer.run(targetOf(reference), () =>
        this.within(reference, undefined, async (context) => {
          if (existing) await context.updateActivity({ ...activity, id: existing });
          id = existing ?? (await context.sendActivity(activity))?.id ?? '';
        }),
      );
    await send(replaces).catch((err: unknown) =>
      replaces && err instanceof MessageGoneError ? send() : Promise.reject(err),
    );
    return id;
  }

  /** Runs `logic` with a turn context for a conversation outside any turn (`idle()` waits for it). */
  async inConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const run = this.within(reference, undefined, logic);
    this.track(run);
    await run;
  }

  /** Runs `act` in a fresh context for the conversation (or in `context`): see `runInConversation`. */
  private within(
    reference: Partial<ConversationReference>,
    context: TurnContext | undefined,
    act: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return runInConversation(this.options.continueConversation, reference, context, act);
  }

  /**
   * Replaces a shared card with its current state, after the turn: the click is answered at once and
   * the update waits for the conversation's pacer in the background. The card is rendered when its
   * turn to be sent comes; refreshes asked for meanwhile join it, so many clicks at once make one
   * update, and the last update always shows the state after the last change. Best effort: the
   * state is stored, so a failed update is logged and the next change shows it. A message that is
   * gone (deleted, retention) is posted anew and `onReposted` records its new id; a conversation
   * the bot is out of is reported through `onConversationGone`. With `known`, the card the turn
   * rendered is sent without reading the state again, as long as no other refresh in the
   * conversation was asked for since the turn's mark (its data then holds every change; otherwise
   * `render` reads).
   */
  refreshCard(
    context: TurnContext,
    activityId: string,
    render: () => Promise<RenderedCard | undefined>,
    onReposted?: (newId: string) => Promise<unknown>,
    known?: KnownCard,
  ): void {
    const target = targetOf(context.activity);
    const id = this.reposted.get(`${target.conversation}|${activityId}`) ?? activityId;
    const key = `${target.conversation}|${id}`;
    const current = this.requests.request(target.conversation, known?.since);
    if (current && known) this.known.set(key, known.render);
    else this.known.delete(key);
    if (this.pendingRefreshes.has(key)) return;
    const reference = TurnContext.getConversationReference(context.activity);
    let rendered: RenderedCard | undefined;
    const send = async (activity: Partial<Activity>): Promise<string> => {
      let posted = '';
      await this.within(reference, context, async (c) => {
        if (activity.id) await c.updateActivity(activity);
        else posted = (await c.sendActivity(activity))?.id ?? '';
      });
      return posted;
    };
    const update = async (): Promise<void> => {
      let knownCard: KnownCard['render'] | undefined;
      if (this.pendingRefreshes.get(key) === refresh) {
        this.pendingRefreshes.delete(key);
        knownCard = this.known.get(key);
        this.known.delete(key);
      }
      rendered = knownCard ? knownCard() : await render();
      if (rendered) await send({ ...cardActivity(rendered), id });
    };
    const repost = async (): Promise<void> => {
      this.log.warn('card.gone', { activityId: id, conversation: target.conversation });
      if (!rendered) return;
      const card = rendered;
      const newId = await this.pacer.run(target, () => send(cardActivity(card)));
      if (!newId) return;
      for (const old of new Set([activityId, id])) this.reposted.set(`${target.conversation}|${old}`, newId);
      while (this.reposted.size > MAX_REMEMBERED_REPOSTS)
        this.reposted.delete(this.reposted.keys().next().value!);
      await onReposted?.(newId);
    };
    const refresh: Promise<void> = this.pacer
      .run(target, update)
      .catch((err: unknown) => (err instanceof MessageGoneError ? repost() : Promise.reject(err)))
      .catch((err: unknown) =>
        this.failed(reference, target, err, 'card.refresh.failed', { activityId: id }),
      );
    this.pendingRefreshes.set(key, refresh);
    this.track(refresh);
  }

  /** A send after its turn failed: a chat the bot is out of is reported, anything else logged. */
  private async failed(
    reference: Partial<ConversationReference>,
    target: Target,
    err: unknown,
    event: string,
    fields: Record<string, unknown> = {},
  ): Promise<void> {
    const { conversation } = target;
    if (!(err instanceof ConversationGoneError)) {
      this.log.warn(event, {
        ...fields,
        conversation,
        error: err instanceof Error ? err.message : String(err),
      });
      return;
    }
    this.log.warn('conversation.gone', { conversation, status: err.status, code: err.code });
    await this.options.onConversationGone?.(reference, err.status, err.code).catch(() => undefined);
  }

  /** Resolves when nothing is waiting to be sent (tests read the connector after this). */
  async idle(): Promise<void> {
    await this.replies.idle();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    const forget = (): void => void this.inFlight.delete(p);
    p.then(forget, forget);
  }
}
