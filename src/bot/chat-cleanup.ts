import type { ConversationReference } from 'botbuilder';
import type { Actor } from '../app';
import type { ChatCleanup } from '../app/posted-cards';
import { deletedCard } from '../cards/data-rights-cards';
import { refreshStatus, showGroupCard, showInvitation } from './shared-cards';
import { makeTurn, type BotDeps } from './turn';

/**
 * After a deletion, in the group's chat: the bot's own cards that held what was deleted are
 * replaced by a short "deleted" card (update-and-delete-bot-messages.md: a bot may update its own
 * messages), and, when the group lives on, its group card and each meeting's status and
 * invitation cards are shown again from what is stored now. In the background, paced, by the
 * tenant's lease holder (handed to it when that is another instance); best effort (a chat the bot
 * has left keeps its messages).
 */
export async function cleanUpChat(deps: BotDeps, cleanup: ChatCleanup): Promise<void> {
  const job = { kind: 'cleanup', cleanup } as const;
  const handed = deps.outbox.handedOn(cleanup.tenantId, job).catch(() => false);
  if (!(await handed)) await cleanUpChatHere(deps, cleanup);
}

/** The deletion's sends, from this instance (it sends for the tenant). */
export async function cleanUpChatHere(deps: BotDeps, cleanup: ChatCleanup): Promise<void> {
  const reference = cleanup.conversation as Partial<ConversationReference>;
  if (!reference.conversation?.id) return;
  const actor: Actor = {
    tenantId: cleanup.tenantId,
    groupKey: cleanup.groupKey,
    userId: '',
    name: '',
    language: cleanup.language,
    chat: 'group',
    conversation: reference,
  };
  const replaced = deletedCard(cleanup.language, cleanup.whole);
  const shown = deps.outbox.inConversation(reference, async (context) => {
    for (const id of cleanup.replace) deps.outbox.refreshCard(context, id, async () => replaced);
    if (cleanup.whole) return;
    const turn = makeTurn(context, actor, deps);
    const group = await deps.app.groupView(actor);
    if (group?.groupCardId) await showGroupCard(turn, group);
    for (const n of cleanup.refresh) {
      const meeting = await deps.app.currentMeeting(actor, n);
      if (meeting?.meeting.statusCardId) await refreshStatus(turn, meeting);
      const invitation = await deps.app.currentInvitation(actor, n);
      if (invitation?.meeting.invitationCardId) await showInvitation(turn, invitation);
    }
  });
  await shown.catch((err: unknown) =>
    deps.log.warn('chat.cleanup.failed', { error: err instanceof Error ? err.message : String(err) }),
  );
}
