import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { ok } from './result';
import type { Outcome } from './result';
import { inGroup, useCase } from './use-case';

/** Everything the status answer shows, from one partition query. */
export function programmeStatus(deps: AppDeps, actor: Actor): Promise<Outcome<GroupSnapshot>> {
  return useCase(deps, actor, inGroup(), ok);
}
