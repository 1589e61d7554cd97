import { withRefs } from '../domain/composition';
import type { GroupSnapshot } from '../store/group-store';
import type { AppDeps } from './context';

/**
 * The snapshot with every member and coordinator named by a random card id (`ref`), for the
 * pickers that must not carry Teams ids. People who joined before card ids existed get one now:
 * one ETag-guarded write of the group row, only when someone has none (a lost race runs the use
 * case again from its load).
 */
export async function withCardIds(deps: AppDeps, snapshot: GroupSnapshot): Promise<GroupSnapshot> {
  const group = snapshot.group.value;
  if ([...group.members, ...group.coordinators].every((m) => m.ref)) return snapshot;
  const saved = await deps.store.saveGroup({
    ...snapshot.group,
    value: { ...group, members: withRefs(group.members), coordinators: withRefs(group.coordinators) },
  });
  return { ...snapshot, group: saved };
}
