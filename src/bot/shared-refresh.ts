/**
 * Shared cards shown again after a turn, by the one instance that sends for the tenant (the holder
 * of its outbox lease, docs/storage.md "The outbox"), so Teams' limits per conversation and per
 * tenant hold across instances. The holder sends them as before (coalesced, from the turn's view
 * when it holds every change); another instance hands a small, coalesced refresh request to it,
 * and the holder renders the card from what is stored when it sends.
 */
import type { ConversationReference } from 'botbuilder';
import { TurnContext } from 'botbuilder';
import type { Actor } from '../app';
import type { SharedCard, SharedViews } from '../app/verbs';
import { cleanUpChatHere } from './chat-cleanup';
import { refreshKey, type GroupCardJob, type HandedJob, type RefreshJob } from './outbox/hand-overs';
import { SHARED_CARDS, showGroupCard } from './shared-cards';
import { makeTurn, type BotDeps, type Turn } from './turn';

/** The id of the shared card a view shows (none when it has no card yet), and its meeting. */
function cardOf<C extends SharedCard>(card: C, view: SharedViews[C]): { id?: string; meeting?: number } {
  const shown = view as SharedViews[SharedCard];
  if ('created' in shown || card === 'groupCard') {
    const { group } = shown as SharedViews['groupCard'];
    return { id: group.groupCardId };
  }
  if (card === 'invitation' || card === 'meetingStatus') {
    const { meeting } = shown as SharedViews['meetingStatus'];
    const id = card === 'invitation' ? meeting.invitationCardId : meeting.statusCardId;
    return { id, meeting: meeting.number };
  }
  const project = shown as SharedViews['conclusion'];
  return {
    id: card === 'conclusion' ? project.lastMeeting?.conclusionCardId : project.group.projectVote?.cardId,
  };
}

/**
 * Shows the shared card a turn changed: from this instance when it sends for the tenant, else as a
 * refresh request handed to the instance that does (one write, coalesced per card). A card not
 * posted yet is left to the outbox step that posts it.
 */
export async function showShared<C extends SharedCard>(
  turn: Turn,
  card: C,
  view: SharedViews[C],
  since?: number,
): Promise<void> {
  const { steps } = turn.deps;
  const { tenantId, groupKey } = turn.actor;
  const { id, meeting } = cardOf(card, view);
  // A card not posted yet is the business of the step that will post it (setup's group card, an
  // invitation's first card: the outbox renders them from storage when it sends, so they show this
  // change too); a turn never posts one of its own, so there is never a second copy.
  if (!id) return;
  if (!steps || (await steps.sendsHere(tenantId))) return SHARED_CARDS[card](turn, view, since);
  const reference = TurnContext.getConversationReference(turn.context.activity);
  const job: RefreshJob = { kind: 'refresh', groupKey, card, meeting, reference };
  await steps.handOver(tenantId, refreshKey(job), job);
}

/** The view a handed-over refresh shows, read from storage now (none: nothing to show). */
async function storedView(deps: BotDeps, actor: Actor, job: RefreshJob): Promise<unknown> {
  const { app } = deps;
  const n = job.meeting ?? 0;
  switch (job.card) {
    case 'groupCard': {
      const group = await app.groupView(actor);
      return group && { group };
    }
    case 'invitation':
      return app.currentInvitation(actor, n);
    case 'meetingStatus':
      return app.currentMeeting(actor, n);
    case 'conclusion':
    case 'projectVote':
      return app.projectView(actor);
  }
}

/** The bot itself acting on a group, outside any turn (a handed-over send). */
function botActor(tenantId: string, job: RefreshJob | GroupCardJob): Actor {
  const conversation = job.reference as Actor['conversation'];
  return {
    tenantId,
    groupKey: job.groupKey,
    userId: '',
    name: '',
    language: 'da',
    chat: 'group',
    conversation,
  };
}

/**
 * Sends what another instance handed to this one, the tenant's lease holder, through this
 * instance's pacer: a shared card's refresh, a group card posted anew, a deletion's cards, a reply.
 */
export function sendHanded(deps: BotDeps, tenantId: string, job: HandedJob): Promise<void> {
  switch (job.kind) {
    case 'refresh':
      return sendHandedRefresh(deps, tenantId, job);
    case 'groupCard':
      return postGroupCardAnew(deps, tenantId, job);
    case 'cleanup':
      // The turns this instance answered no longer stand for what is stored.
      deps.outbox.distrustTurnViews();
      return cleanUpChatHere(deps, job.cleanup);
    case 'reply':
      return deps.outbox.replyHanded(tenantId, job);
  }
}

/** The group's card posted anew (the bot added to its chat again), from what is stored now; its id recorded. */
async function postGroupCardAnew(deps: BotDeps, tenantId: string, job: GroupCardJob): Promise<void> {
  const actor = botActor(tenantId, job);
  await deps.outbox.inConversation(job.reference, async (context) => {
    const group = await deps.app.groupView(actor);
    if (group) await showGroupCard(makeTurn(context, actor, deps), { ...group, groupCardId: undefined });
  });
}

/** Sends a refresh another instance handed over: the card as stored now, through this instance's pacer. */
async function sendHandedRefresh(deps: BotDeps, tenantId: string, job: RefreshJob): Promise<void> {
  const reference = job.reference as Partial<ConversationReference>;
  const actor = botActor(tenantId, job);
  await deps.outbox.inConversation(reference, async (context) => {
    const turn = makeTurn(context, actor, deps);
    const since = deps.outbox.mark();
    const view = await storedView(deps, actor, job);
    if (!view) return;
    if (job.card === 'groupCard') {
      const { group } = view as SharedViews['groupCard'];
      if (!group.deletedAt && group.groupCardId) await showGroupCard(turn, group);
      return;
    }
    await SHARED_CARDS[job.card](turn, view as never, since);
  });
}
