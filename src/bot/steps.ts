import type { ConversationReference } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../app';
import type { PendingStep } from '../domain/outbox';
import { conversationGone } from './adapter';
import { StepDispatcher } from './outbox/dispatcher';
import { Leases } from './outbox/lease';
import { realTimer } from './outbox/pacer';
import { refreshStatus } from './shared-cards';
import { sendHandedRefresh } from './shared-refresh';
import { makeTurn, type BotDeps } from './turn';

/**
 * After the outbox posted a meeting step's cards (or Teams refused them), everyone's status card
 * shows it from what is stored now: the step done, or offered again. In the background, paced.
 */
async function showSettledStep(deps: BotDeps, step: PendingStep): Promise<void> {
  const reference = step.conversation as Partial<ConversationReference>;
  const n = step.finish.unposted?.meeting ?? (step.roles.includes('statusCard') ? step.meeting : undefined);
  if (!n || !reference.conversation?.id) return;
  const actor: Actor = {
    tenantId: step.tenantId,
    groupKey: step.groupKey,
    userId: '',
    name: '',
    language: 'da',
    chat: 'group',
    conversation: step.conversation,
  };
  await deps.outbox.inConversation(reference, async (context) => {
    const meeting = await deps.app.currentMeeting(actor, n);
    if (meeting?.meeting.statusCardId) await refreshStatus(makeTurn(context, actor, deps), meeting);
  });
}

/**
 * The dispatcher of a running bot's durable outbox (this instance's leases under a random id); a
 * turn that committed a step kicks it through `deps.steps`.
 */
export function createStepDispatcher(deps: BotDeps): StepDispatcher {
  const { app, outbox, log } = deps;
  const leases = new Leases(app.outbox, randomUUID(), realTimer, log, () => outbox.pacer);
  return new StepDispatcher(
    outbox,
    app.outbox,
    leases,
    log,
    {
      settled: (step) => showSettledStep(deps, step),
      gone: conversationGone(app, deps.watch),
      handedOver: (tenant, job) =>
        job.kind === 'refresh' ? sendHandedRefresh(deps, tenant, job) : outbox.replyHanded(tenant, job),
    },
    realTimer,
  );
}
