import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { coordinatorNames, isCoordinator } from '../domain/roles';
import { ok, refuse, type Outcome } from './result';

/** Who may take an action. */
export type Role = 'coordinator' | 'member';

/** Loads the actor's whole group (one partition query) and refuses anyone without the role. */
export async function loadAs(deps: AppDeps, actor: Actor, role: Role): Promise<Outcome<GroupSnapshot>> {
  if (actor.chat === 'personal') return refuse('personalChat');
  const snapshot = await deps.store.loadPartition(actor.groupKey);
  if (!snapshot) {
    const deleted = (await deps.store.loadGroup(actor.groupKey))?.value;
    return deleted?.deletedAt ? refuse('groupDeleted', { name: deleted.name }) : refuse('noGroup');
  }
  const group = snapshot.group.value;
  if (role === 'coordinator' && !isCoordinator(group, actor.userId)) {
    return refuse('notCoordinator', { coordinators: coordinatorNames(group) });
  }
  if (role === 'member' && !group.members.some((m) => m.userId === actor.userId)) return refuse('notMember');
  return ok(snapshot);
}
