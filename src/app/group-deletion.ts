import type { Group } from '../domain/types';
import type { Versioned } from '../domain/snapshot';
import { checkConfirmation, useConfirmation, type ConfirmationScope } from './confirmation';
import { wholeGroupCleanup, type ChatCleanup } from './posted-cards';
import type { Actor, AppDeps } from './context';
import { enterRow } from './access';
import { okIn, refuseIn, transact, type Outcome } from './result';
import type { Input } from './use-case';
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

/**
 * `slet gruppe`, confirmed by the coordinator who asked, within the confirmation's lifetime and
 * once: of two clicks on one confirmation, the one that spends it deletes, the other is told the
 * group is deleted. Returns the bot's cards in the chat that are left to replace.
 */
export async function confirmDeleteGroup(
  deps: AppDeps,
  actor: Actor,
  input: Input,
): Promise<Outcome<{ name: string; cleanup?: ChatCleanup }>> {
  const found = await groupToDelete(deps, actor);
  if (!found.ok) return found;
  const group = found.value.value;
  const lang = group.language;
  const confirmed = checkConfirmation(deps, actor, groupScope(group), input.token);
  if (!confirmed.ok) return { ...confirmed, language: lang };
  const spent = await transact(() => useConfirmation(deps, confirmed.value));
  if (!spent.ok && spent.refusal === 'confirmationUsed')
    return refuseIn(lang, 'groupDeleted', { name: group.name });
  if (!spent.ok) return { ...spent, language: lang };
  return transact(async () => {
    const current = await groupToDelete(deps, actor);
    if (!current.ok) return current;
    if (current.value.value.createdAt !== group.createdAt) return refuseIn(lang, 'notYourConfirmation');
    const snapshot = await deps.store.loadPartition(group.key);
    await eraseGroup(deps, current.value, 1);
    return okIn(lang, { name: group.name, cleanup: snapshot && wholeGroupCleanup(snapshot) });
  });
}

/** The card verb of deleting a group. */
export const groupDeletionVerbs = declareVerbs({
  confirmDeleteGroup: { who: 'coordinator', repeatable: false, run: confirmDeleteGroup },
});
