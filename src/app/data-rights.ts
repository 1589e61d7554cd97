import { itemId } from '../domain/items';
import type { Group, Meeting, RsvpResponse } from '../domain/types';
import type { Actor, AppDeps } from './context';
import { coordinatorNames, isCoordinator } from './group';
import { ok, refuse, transact, type Outcome } from './result';

/** Everything the bot stores about one person in one group. */
export interface MyGroupData {
  groupName: string;
  association: string;
  coordinator: boolean;
  role?: { category: string; title: string; joinedAt: string };
  rsvps: { meeting: number; response: RsvpResponse }[];
  answers: { meeting: number; fields: string[]; updatedAt: string }[];
  votes: { meeting: number; choices: string[] }[];
  proposals: { title: string; description: string }[];
  projectVote?: string;
  projectOwner?: string;
}

const isIn = (g: Group, userId: string): boolean =>
  isCoordinator(g, userId) || g.members.some((m) => m.userId === userId);

/** `mine data`: what every group of the person's tenant stores about them (answers in full, votes as texts). */
export function collectMyData(deps: AppDeps, actor: Actor): Promise<Outcome<MyGroupData[]>> {
  return transact(async () => {
    const groups = (await deps.store.listTenantGroups(actor.tenantId)).filter((g) =>
      isIn(g.value, actor.userId),
    );
    const data: MyGroupData[] = [];
    for (const { value: g } of groups) {
      const snapshot = await deps.store.loadPartition(g.key);
      if (!snapshot) continue;
      const mine = <T extends { userId: string }>(rows: T[]): T[] =>
        rows.filter((r) => r.userId === actor.userId);
      const texts = new Map(
        snapshot.answers.flatMap((a) => a.fields.map((f, i) => [itemId(a.meeting, a.userId, i + 1), f])),
      );
      const member = g.members.find((m) => m.userId === actor.userId);
      const proposals = new Map(snapshot.proposals.map((p) => [p.id, p.title]));
      const projectVote = mine(snapshot.projectVotes)[0];
      data.push({
        groupName: g.name,
        association: g.association,
        coordinator: isCoordinator(g, actor.userId),
        role: member && { category: member.roleCategory, title: member.roleTitle, joinedAt: member.joinedAt },
        rsvps: mine(snapshot.rsvps).map((r) => ({ meeting: r.meeting, response: r.response })),
        answers: mine(snapshot.answers).map((a) => ({
          meeting: a.meeting,
          fields: a.fields,
          updatedAt: a.updatedAt,
        })),
        votes: mine(snapshot.votes).map((v) => ({
          meeting: v.meeting,
          choices: v.choices.map((c) => texts.get(c) ?? c),
        })),
        proposals: mine(snapshot.proposals).map((p) => ({ title: p.title, description: p.description })),
        projectVote: projectVote && (proposals.get(projectVote.choice) ?? projectVote.choice),
        projectOwner: snapshot.project?.owner.userId === actor.userId ? snapshot.project.title : undefined,
      });
    }
    return ok(data);
  });
}

/** Conclusions keep the top answers' texts: a deleted person's answers leave them too. */
function withoutAuthor(meeting: Meeting, userId: string): Meeting | undefined {
  if (!meeting.conclusion) return undefined;
  const theirs = new Set([1, 2, 3].map((f) => itemId(meeting.number, userId, f)));
  const top = meeting.conclusion.top.filter((i) => !theirs.has(i.id));
  return top.length === meeting.conclusion.top.length
    ? undefined
    : { ...meeting, conclusion: { ...meeting.conclusion, top } };
}

/** What `slet mine data` removed. */
export interface Deleted {
  groups: number;
  rows: number;
}

/**
 * `slet mine data`: removes the person's answers, votes, RSVPs, proposals and project vote and their
 * membership in every group of the tenant, their answers from stored conclusions and their name as a
 * project's owner. A coordinator who leaves hands the role to the longest-standing member.
 */
export function deleteMyData(deps: AppDeps, actor: Actor): Promise<Outcome<Deleted>> {
  return transact(async () => {
    const groups = (await deps.store.listTenantGroups(actor.tenantId)).filter((g) =>
      isIn(g.value, actor.userId),
    );
    let rows = 0;
    for (const { value: g } of groups) {
      rows += await deps.store.deletePersonRows(g.key, actor.userId);
      await removeFromRoster(deps, g.key, actor.userId);
      const snapshot = await deps.store.loadPartition(g.key);
      for (const m of snapshot?.meetings ?? []) {
        const changed = withoutAuthor(m.value, actor.userId);
        if (changed) await deps.store.saveMeeting(g.key, changed, m.etag);
      }
      const project = snapshot?.project;
      if (project?.owner.userId === actor.userId) {
        await deps.store.replaceProject(g.key, { ...project, owner: { userId: '', name: '–' } });
      }
      await deps.store.unindexCoordinator(actor.tenantId, actor.userId, g.key);
    }
    return ok({ groups: groups.length, rows });
  });
}

/**
 * Takes the person off the roster (ETag-guarded: a lost race is a ConflictError, and `transact`
 * runs the deletion again, which only finds what is still there). With no coordinator left, the
 * longest-standing member takes over.
 */
async function removeFromRoster(deps: AppDeps, groupKey: string, userId: string): Promise<void> {
  const current = await deps.store.loadGroup(groupKey);
  if (!current) return;
  const g = current.value;
  const members = g.members.filter((m) => m.userId !== userId);
  const coordinators = g.coordinators.filter((c) => c.userId !== userId);
  const heir =
    coordinators.length === 0
      ? [...members].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt))[0]
      : undefined;
  if (heir) coordinators.push({ userId: heir.userId, name: heir.name });
  await deps.store.saveGroup({ value: { ...g, members, coordinators }, etag: current.etag });
  if (heir) await deps.store.indexCoordinator(g.tenantId, heir.userId, g.key, g.name);
}

/** The group `slet gruppe` would delete: the chat's own, and only for its coordinator. */
export function groupToDelete(deps: AppDeps, actor: Actor): Promise<Outcome<Group>> {
  return transact(async () => {
    if (actor.chat === 'personal') return refuse('personalChat');
    const group = (await deps.store.loadGroup(actor.groupKey))?.value;
    if (!group) return refuse('noGroup');
    if (!isCoordinator(group, actor.userId))
      return refuse('notCoordinator', { coordinators: coordinatorNames(group) });
    return ok(group);
  });
}

/** `slet gruppe`, confirmed: removes the whole group (coordinator only). */
export async function deleteWholeGroup(deps: AppDeps, actor: Actor): Promise<Outcome<{ name: string }>> {
  const found = await groupToDelete(deps, actor);
  if (!found.ok) return found;
  return transact(async () => {
    await deps.store.deleteGroup(found.value);
    return ok({ name: found.value.name });
  });
}
