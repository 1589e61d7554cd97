import type { Activity, ConversationReference } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../app';
import { groupCard } from '../cards/group-card';
import type { RenderedCard } from '../cards/render';
import type { PendingStep, SharedCardKind } from '../domain/outbox';
import { EVERYONE } from '../domain/viewer';
import { conversationGone } from './adapter';
import { StepDispatcher } from './outbox/dispatcher';
import { Leases } from './outbox/lease';
import { realTimer } from './outbox/pacer';
import { cardActivity } from './outbox/sends';
import { invitationCardOf, refreshStatus } from './shared-cards';
import { sendHanded } from './shared-refresh';
import { makeTurn, type BotDeps } from './turn';

/**
 * After the outbox posted a meeting step's cards (or Teams refused them), everyone's status card
 * shows it from what is stored now: the step done, or offered again. In the background, paced.
 */
async function showSettledStep(deps: BotDeps, step: PendingStep): Promise<void> {
  const reference = step.conversation as Partial<ConversationReference>;
  const n = step.finish.unposted?.meeting ?? (step.roles.includes('statusCard') ? step.meeting : undefined);
  if (!n || !reference.conversation?.id) return;
  const actor = stepActor(step);
  await deps.outbox.inConversation(reference, async (context) => {
    const meeting = await deps.app.currentMeeting(actor, n);
    if (meeting?.meeting.statusCardId) await refreshStatus(makeTurn(context, actor, deps), meeting);
  });
}

/** The bot itself acting on a step's group, outside any turn. */
function stepActor(step: PendingStep): Actor {
  const { tenantId, groupKey, conversation } = step;
  return { tenantId, groupKey, userId: '', name: '', language: 'da', chat: 'group', conversation };
}

/**
 * A shared card a step posts, rendered from what is stored when its turn to be sent comes (an
 * invitation saved again before its card was out shows its newest text); undefined when it is gone.
 */
async function renderShared(
  deps: BotDeps,
  step: PendingStep,
  kind: SharedCardKind,
): Promise<Partial<Activity> | undefined> {
  const reference = step.conversation as Partial<ConversationReference>;
  const actor = stepActor(step);
  let rendered: RenderedCard | undefined;
  if (kind === 'groupCard') {
    const group = await deps.app.groupView(actor);
    rendered = group && groupCard(group.language, group);
  }
  const n = step.meeting;
  if (kind === 'invitation' && n) {
    await deps.outbox.inConversation(reference, async (context) => {
      const view = await deps.app.currentInvitation(actor, n);
      const turn = makeTurn(context, actor, deps);
      rendered = view && (await invitationCardOf(turn, view, EVERYONE, reference.conversation?.id));
    });
  }
  return rendered && cardActivity(rendered);
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
      render: (step, kind) => renderShared(deps, step, kind),
      gone: conversationGone(app, deps.watch),
      handedOver: (tenant, job) => sendHanded(deps, tenant, job),
    },
    realTimer,
  );
}
