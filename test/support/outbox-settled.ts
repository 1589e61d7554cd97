/**
 * Waits until what the durable outbox holds for a group's chat is posted: tests that count what
 * reached a chat after some moment take that moment (and count) only once the earlier turns'
 * cards, posted after their turns, are out.
 */
import { groupKeyOf } from '../../src/store/keys';
import type { TestChat } from './activities';
import type { TestBot } from './bot-harness';

/**
 * Resolves once every bot is idle, the chat's group has no step with cards to post, and no bot's
 * outbox holds a send handed over for its tenant; fails after `ms` naming what was still pending.
 */
export async function outboxSettled(bots: TestBot[], chat: TestChat, ms = 20_000): Promise<void> {
  const groupKey = groupKeyOf(chat.tenantId, chat.conversationId);
  const deadline = Date.now() + ms;
  for (;;) {
    await Promise.all(bots.map((bot) => bot.running.idle()));
    const steps = await bots[0].running.store.pendingSteps(groupKey);
    const handOvers = (await Promise.all(bots.map((bot) => bot.running.store.scanOutbox())))
      .flat()
      .filter((t) => t.tenantId === chat.tenantId)
      .flatMap((t) => t.handOvers.map((h) => h.key));
    if (steps.length === 0 && handOvers.length === 0) return;
    if (Date.now() > deadline) {
      const left = steps.map((s) => `step ${s.id} (${s.cards.length} card(s) to post)`);
      throw new Error(
        `the outbox still holds, after ${ms} ms, for ${groupKey}: ${[...left, ...handOvers.map((k) => `hand-over ${k}`)].join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
