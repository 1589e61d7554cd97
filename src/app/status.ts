import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { ok, refuse, transact, type Outcome } from './result';

/** Everything the status answer shows, from one partition query. */
export function programmeStatus(deps: AppDeps, actor: Actor): Promise<Outcome<GroupSnapshot>> {
  return transact(async () => {
    if (actor.chat === 'personal') return refuse('personalChat');
    const snapshot = await deps.store.loadPartition(actor.groupKey);
    return snapshot ? ok(snapshot) : refuse('noGroup');
  });
}
