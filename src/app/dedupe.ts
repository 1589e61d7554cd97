import type { Actor, AppDeps } from './context';

/**
 * Claims an incoming activity for handling. Teams re-delivers an activity it thinks timed out and
 * does not de-duplicate; the claim (one row per activity id) makes the re-delivery a no-op.
 * Resolves false for a re-delivery.
 */
export function claimActivity(deps: AppDeps, actor: Actor, activityId: string): Promise<boolean> {
  return deps.store.claimActivity(actor.groupKey, activityId, deps.now().toISOString());
}
