import type { GroupSnapshot } from '../domain/snapshot';
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
    const language = deleted?.language ?? actor.language;
    return deleted?.deletedAt
      ? { ok: false, refusal: 'groupDeleted', detail: { name: deleted.name }, language }
      : { ok: false, refusal: 'noGroup', language };
  }
  const group = snapshot.group.value;
  const { language } = group;
  if (role === 'coordinator' && !isCoordinator(group, actor.userId)) {
    return {
      ok: false,
      refusal: 'notCoordinator',
      detail: { coordinators: coordinatorNames(group) },
      language,
    };
  }
  if (role === 'member' && !group.members.some((m) => m.userId === actor.userId))
    return { ok: false, refusal: 'notMember', language };
  return ok(snapshot);
}
