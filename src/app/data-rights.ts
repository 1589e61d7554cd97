import { itemIdOf } from '../domain/items';
import { belongsToGroup, isCoordinator } from '../domain/roles';
import { meetingsOf } from '../domain/snapshot';
import type { Meeting, Person, RoleCategory } from '../domain/types';
import {
  PERSON_ROW_KINDS,
  type GroupSnapshot,
  type PersonRowKind,
  type PersonRows,
} from '../store/group-store';
import { checkConfirmation, useConfirmation } from './confirmation';

export type { PersonRowKind, PersonRowOf } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { eraseGroup } from './group-deletion';
import { personCleanup, wholeGroupCleanup, type ChatCleanup } from './posted-cards';
import { okIn, refuseIn, transact, type Outcome } from './result';
import type { Input } from './use-case';
import { declareVerbs } from './verb';

/** Everything the bot stores about one person in one group. */
export interface MyGroupData {
  groupName: string;
  association: string;
  coordinator: boolean;
  role?: { category: RoleCategory; title: string; joinedAt: string };
  /** The person's own rows, kind by kind (every kind a group stores). */
  rows: PersonRows;
  /** The texts of the ids their rows name: answer items (their choices) and proposals (their vote). */
  texts: Record<string, string>;
  projectOwner?: string;
  /** Meetings whose invitation text has the person's name (their signature as coordinator). */
  signedInvitations?: number[];
}

/** The person's own rows of every kind in a group's partition. */
function theirRows(snapshot: GroupSnapshot, userId: string): PersonRows {
  const theirs = <K extends PersonRowKind>(kind: K): PersonRows[K] =>
    snapshot[kind].filter((r) => r.userId === userId) as PersonRows[K];
  return Object.fromEntries(PERSON_ROW_KINDS.map((kind) => [kind, theirs(kind)])) as PersonRows;
}

/** True when anything in the group's partition is about the person (also after they left the roster). */
function involves(snapshot: GroupSnapshot, userId: string): boolean {
  const g = snapshot.group.value;
  const rows = theirRows(snapshot, userId);
  const user = (g.conversation.user ?? {}) as { aadObjectId?: unknown };
  return (
    belongsToGroup(g, userId) ||
    PERSON_ROW_KINDS.some((kind) => rows[kind].length > 0) ||
    snapshot.project?.owner.userId === userId ||
    user.aadObjectId === userId
  );
}

/**
 * The tenant's groups (not being deleted) with anything about the person, each with its partition:
 * those whose roster or stored chat names them, and those holding a row of theirs (one query).
 */
async function groupsAbout(deps: AppDeps, actor: Actor): Promise<GroupSnapshot[]> {
  const found: GroupSnapshot[] = [];
  const withRows = await deps.store.listPersonGroups(actor.userId);
  for (const { value: g } of await deps.store.listTenantGroups(actor.tenantId)) {
    const user = (g.conversation.user ?? {}) as { aadObjectId?: unknown };
    if (!belongsToGroup(g, actor.userId) && !withRows.has(g.key) && user.aadObjectId !== actor.userId)
      continue;
    const snapshot = await deps.store.loadPartition(g.key);
    if (snapshot && involves(snapshot, actor.userId)) found.push(snapshot);
  }
  return found;
}

/** What a group stores about the person. */
function dataIn(snapshot: GroupSnapshot, actor: Actor): MyGroupData {
  const g = snapshot.group.value;
  const member = g.members.find((m) => m.userId === actor.userId);
  const items = snapshot.answers.flatMap((a) => a.fields.map((f, i) => [itemIdOf(a, i + 1), f]));
  const proposals = snapshot.proposals.map((p) => [p.id, p.title]);
  return {
    groupName: g.name,
    association: g.association,
    coordinator: isCoordinator(g, actor.userId),
    role: member && { category: member.roleCategory, title: member.roleTitle, joinedAt: member.joinedAt },
    rows: theirRows(snapshot, actor.userId),
    texts: Object.fromEntries([...items, ...proposals]),
    projectOwner: snapshot.project?.owner.userId === actor.userId ? snapshot.project.title : undefined,
    signedInvitations: meetingsOf(snapshot)
      .filter((m) => namesOf(snapshot, actor).some((name) => m.text.includes(name)))
      .map((m) => m.number),
  };
}

/** `mine data`: what every group of the person's tenant stores about them (in a personal chat). */
export function myData(deps: AppDeps, actor: Actor): Promise<Outcome<MyGroupData[]>> {
  return transact(async () => {
    if (actor.chat !== 'personal') return refuseIn(actor.language, 'personalChat');
    return okIn(
      actor.language,
      (await groupsAbout(deps, actor)).map((s) => dataIn(s, actor)),
    );
  });
}

/** Every name the group knows the person by (roster, coordinators, their rows), longest first. */
function namesOf(snapshot: GroupSnapshot, actor: Actor): string[] {
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

/** What `slet mine data` removed. */
export interface Deleted {
  groups: number;
  rows: number;
  /** The bot's cards in each group's chat to replace or show again. */
  cleanups: ChatCleanup[];
}

/**
 * `slet mine data`, confirmed by the person who asked (in a personal chat, within 10 minutes, once):
 * removes them from every row of every table of their tenant — answers, votes, RSVPs, proposals,
 * project vote, roster and coordinators, the stored conversation reference, invitation signatures,
 * conclusions, the project's owner and the coordinators' index. A group never ends without a
 * coordinator: the longest-standing member takes over; a group with nobody left is deleted.
 */
export async function confirmDeleteMyData(
  deps: AppDeps,
  actor: Actor,
  input: Input,
): Promise<Outcome<Deleted>> {
  if (actor.chat !== 'personal') return refuseIn(actor.language, 'personalChat');
  const confirmed = checkConfirmation(deps, actor, { kind: 'myData' }, input.token);
  if (!confirmed.ok) return { ...confirmed, language: actor.language };
  // Spent once, before the deletion (whose lost races run it again from its read).
  const spent = await transact(() => useConfirmation(deps, confirmed.value));
  if (!spent.ok) return { ...spent, language: actor.language };
  return transact(async () => {
    const groups = await groupsAbout(deps, actor);
    let rows = 0;
    const cleanups: ChatCleanup[] = [];
    for (const snapshot of groups) {
      const removed = await removePerson(deps, actor, snapshot);
      rows += removed.rows;
      cleanups.push(removed.cleanup);
    }
    return okIn(actor.language, { groups: groups.length, rows, cleanups });
  });
}

/** Takes the person out of one group: how many of their rows were deleted, and what is left to do in the chat. */
async function removePerson(
  deps: AppDeps,
  actor: Actor,
  snapshot: GroupSnapshot,
): Promise<{ rows: number; cleanup: ChatCleanup }> {
  const g = snapshot.group.value;
  const theirItems = new Set(
    snapshot.answers
      .filter((a) => a.userId === actor.userId)
      .flatMap((a) => [1, 2, 3].map((f) => itemIdOf(a, f))),
  );
  const names = namesOf(snapshot, actor);
  const rows = await deps.store.deletePersonRows(g.key, actor.userId);
  const members = g.members.filter((m) => m.userId !== actor.userId);
  const coordinators = g.coordinators.filter((c) => c.userId !== actor.userId);
  await deps.store.unindexCoordinator(actor.tenantId, actor.userId, g.key);
  if (members.length === 0 && coordinators.length === 0) {
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
  // Saved under its ETag (a lost race reruns the whole deletion, which finds only what is left).
  await deps.store.saveGroup({ value: { ...g, members, coordinators }, etag: snapshot.group.etag });
  if (heir) await deps.store.indexCoordinator(g.tenantId, heir.userId, g.key, g.name);
  const signature = deps.coordinatorTitle(g.language);
  for (const m of snapshot.meetings) {
    const changed = meetingWithout(m.value, theirItems, names, signature);
    if (changed) await deps.store.saveMeeting(g.key, changed, m.etag);
  }
  if (snapshot.project?.owner.userId === actor.userId) {
    await deps.store.replaceProject(g.key, { ...snapshot.project, owner: { userId: '', name: '–' } });
  }
  return { rows, cleanup: personCleanup(snapshot, actor.userId) };
}

/** The card verbs of a person's own data. */
export const dataRightsVerbs = declareVerbs({
  myData: { who: 'personal', repeatable: true, run: myData },
  confirmDeleteMyData: { who: 'personal', repeatable: false, run: confirmDeleteMyData },
});
