import type { Group } from '../domain/types';
import type { Versioned } from '../domain/snapshot';
import { checkConfirmation, type ConfirmationScope } from './confirmation';
import type { Actor, AppDeps } from './context';
import { enterRow } from './access';
import { ok, transact, type Outcome } from './result';
import { useCase, type Input } from './use-case';
import { declareVerbs } from './verb';

/** What a confirmation of `slet gruppe` is bound to: this group as it is now (not a later one in the chat). */
export function groupScope(group: Group): ConfirmationScope {
  return { kind: 'group', groupKey: group.key, createdAt: group.createdAt };
}

/** The group `slet gruppe` would delete: the chat's own, and only for its coordinator. */
export function groupToDelete(deps: AppDeps, actor: Actor): Promise<Outcome<Versioned<Group>>> {
  return transact(() => enterRow(deps, actor, { role: 'coordinator' }));
}

/** The group row while its rows are swept: it says "deleted" and holds nothing about anyone. */
function tombstone(group: Group, at: string): Group {
  return { ...group, members: [], conversation: {}, groupCardId: undefined, deletedAt: at };
}

/**
 * Deletes a group completely and for good. First the group row becomes a tombstone, written under
 * the ETag it was read with: of two deletions at once one wins, and every turn that loads the group
 * afterwards refuses to write. Then the partition is swept, again once the turns on this instance
 * that had read the group before the tombstone are done, and last the tombstone itself goes, so a
 * new group in the chat starts empty. A lost race is a ConflictError: run it inside `transact`,
 * which reads again and finds the tombstone. `ownTurns`: the caller's turns of this group (0 or 1).
 */
export async function eraseGroup(deps: AppDeps, found: Versioned<Group>, ownTurns: number): Promise<void> {
  const group = found.value;
  await deps.store.saveGroup({ value: tombstone(group, deps.now().toISOString()), etag: found.etag });
  await deps.store.sweepGroup(group);
  await deps.turns?.idle(group.key, ownTurns);
  await deps.store.deleteGroup(group);
}

/** `slet gruppe`, confirmed by the coordinator who asked, within the confirmation's lifetime. */
export function confirmDeleteGroup(
  deps: AppDeps,
  actor: Actor,
  input: Input,
): Promise<Outcome<{ name: string }>> {
  return useCase(
    deps,
    actor,
    (d, a) => enterRow(d, a, { role: 'coordinator' }),
    async (found) => {
      const confirmed = checkConfirmation(deps, actor, groupScope(found.value), input.token);
      if (!confirmed.ok) return confirmed;
      await eraseGroup(deps, found, 1);
      return ok({ name: found.value.name });
    },
  );
}

/** The card verb of deleting a group. */
export const groupDeletionVerbs = declareVerbs({
  confirmDeleteGroup: { who: 'coordinator', repeatable: false, run: confirmDeleteGroup },
});
