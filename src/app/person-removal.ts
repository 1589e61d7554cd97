/**
 * Takes a person out of one group for `slet mine data` (data-rights.ts): their standing's
 * tombstone first, then their texts out of the stored meetings, the roster, their rows.
 */
import { itemIdOf } from '../domain/items';
import { ConflictError } from '../domain/snapshot';
import type { Meeting, Person } from '../domain/types';
import { PERSON_ROW_KINDS, type GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { eraseGroup } from './group-deletion';
import { personCleanup, wholeGroupCleanup, type ChatCleanup } from './posted-cards';

/** Every name the group knows the person by (roster, coordinators, their rows), longest first. */
export function namesOf(snapshot: GroupSnapshot, actor: Actor): string[] {
  const g = snapshot.group.value;
  const names = [
    actor.name,
    ...[...g.members, ...g.coordinators, ...PERSON_ROW_KINDS.flatMap((kind): Person[] => snapshot[kind])]
      .filter((p) => p.userId === actor.userId)
      .map((p) => p.name),
  ].filter((n) => n.trim().length > 1 && n !== actor.userId);
  return [...new Set(names)].sort((a, b) => b.length - a.length);
}

/** `text` matched literally in a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A meeting without the person: their answers leave the stored conclusion, and their name leaves the
 * invitation text (its signature becomes "Koordinatoren"). Undefined when nothing changes.
 */
function meetingWithout(
  meeting: Meeting,
  theirItems: Set<string>,
  names: string[],
  signature: string,
): Meeting | undefined {
  const text = names.reduce(
    (s, name) =>
      s.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu'), signature),
    meeting.text,
  );
  const conclusion = meeting.conclusion && {
    ...meeting.conclusion,
    top: meeting.conclusion.top.filter((i) => !theirItems.has(i.id)),
  };
  const changed = text !== meeting.text || conclusion?.top.length !== meeting.conclusion?.top.length;
  return changed ? { ...meeting, text, conclusion } : undefined;
}

/**
 * Takes the person out of one group: how many of their rows were deleted, and what is left to do in
 * the chat. First their standing becomes a tombstone (with every meeting's ETag moved on), so no
 * write of theirs and no conclusion decided from a read that held their rows passes after it; then
 * their items leave the stored conclusions (found by their rows, still stored), the roster changes,
 * their rows go, and the tombstone is lifted (they are no longer on the roster).
 */
export async function removePerson(
  deps: AppDeps,
  actor: Actor,
  snapshot: GroupSnapshot,
): Promise<{ rows: number; cleanup: ChatCleanup }> {
  const g = snapshot.group.value;
  // Teams' time of the confirmation: a roster click Teams got before it changes nothing afterwards.
  const at = actor.clickedAt ?? '';
  const meetings = snapshot.meetings.map((m) => m.value.number);
  const erasedAt = deps.now().toISOString();
  await deps.store.eraseStanding(g.key, actor.userId, { at, erasedAt }, meetings);
  const stored = await deps.store.personRowsIn(g.key, actor.userId);
  const theirItems = new Set(stored.answers.flatMap((a) => [1, 2, 3].map((f) => itemIdOf(a, f))));
  const names = namesOf({ ...snapshot, ...stored }, actor);
  await scrubMeetings(deps, g.key, (m) =>
    meetingWithout(m, theirItems, names, deps.coordinatorTitle(g.language)),
  );
  const members = g.members.filter((m) => m.userId !== actor.userId);
  const coordinators = g.coordinators.filter((c) => c.userId !== actor.userId);
  if (members.length === 0 && coordinators.length === 0) {
    const rows = await deps.store.deletePersonRows(g.key, actor.userId);
    await deps.store.unindexCoordinator(actor.tenantId, actor.userId, g.key);
    await eraseGroup(deps, snapshot.group, 0);
    return { rows, cleanup: wholeGroupCleanup(snapshot) };
  }
  const heir =
    coordinators.length === 0
      ? [...members].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt))[0]
      : undefined;
  if (heir)
    coordinators.push({
      userId: heir.userId,
      name: heir.name,
      ...(heir.chatId ? { chatId: heir.chatId } : {}),
    });
  // Saved under its ETag (a lost race reruns the whole deletion, which finds their rows still stored).
  await deps.store.saveGroup({ value: { ...g, members, coordinators }, etag: snapshot.group.etag });
  await deps.store.unindexCoordinator(actor.tenantId, actor.userId, g.key);
  if (heir) await deps.store.indexCoordinator(g.tenantId, heir.userId, g.key, g.name);
  if (snapshot.project?.owner.userId === actor.userId) {
    await deps.store.replaceProject(g.key, { ...snapshot.project, owner: { userId: '', name: '–' } });
  }
  const rows = await deps.store.deletePersonRows(g.key, actor.userId);
  await deps.store.putStanding(g.key, actor.userId, { at });
  return { rows, cleanup: personCleanup(snapshot, actor.userId) };
}

/** How often a meeting is read again when a step crossed its change. */
const SCRUB_ATTEMPTS = 8;

/** Changes every stored meeting `change` changes, each under the ETag it was read with, again when it lost a race. */
async function scrubMeetings(
  deps: AppDeps,
  groupKey: string,
  change: (m: Meeting) => Meeting | undefined,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const read = await deps.store.loadPartition(groupKey);
      for (const m of read?.meetings ?? []) {
        const changed = change(m.value);
        if (changed) await deps.store.saveMeeting(groupKey, changed, m.etag);
      }
      return;
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= SCRUB_ATTEMPTS) throw err;
    }
  }
}
