import type { ConversationReference, TurnContext } from 'botbuilder';
import type { ContinueConversation } from './sends';

/**
 * Runs `act` in a fresh context for the conversation (through `via`), or in `context` when there is
 * no way to continue one. The adapter hands a failure inside to its turn-error handler; it is
 * caught here and thrown on, so the retry layer and the error codes see it.
 */
export async function runInConversation(
  via: ContinueConversation | undefined,
  reference: Partial<ConversationReference>,
  context: TurnContext | undefined,
  act: (context: TurnContext) => Promise<void>,
): Promise<void> {
  if (!via) {
    if (!context) throw new Error('the outbox cannot reach conversations outside a turn');
    return act(context);
  }
  let failure: { error: unknown } | undefined;
  await via(reference, async (fresh) => {
    try {
      await act(fresh);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}
