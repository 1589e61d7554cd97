import { poolItems } from '../domain/items';
import type { Group } from '../domain/types';
import type { Actor, AppDeps } from './context';
import { readMeetingNumber } from '../domain/themes';
import { isRevealed } from '../domain/meeting';
import { isCoordinator } from '../domain/roles';
import { meetingOf } from '../domain/snapshot';
import type { GroupSnapshot } from '../store/group-store';
import { ok, refuse, type Outcome } from './result';
import { useCase, type Load } from './use-case';

/** An idea found in several groups: how it was put, and how widely. */
export interface RecurringIdea {
  texts: string[];
  groups: number;
  associations: number;
}

/** Theme N compared across groups: what recurs and what is unique. Texts only, never who wrote them. */
export interface AcrossView {
  meeting: number;
  groups: { name: string; association: string; answers: number }[];
  recurring: RecurringIdea[];
  unique: { group: string; text: string }[];
}

/** How many groups' partitions `på tværs` reads at the same time. */
const PARTITIONS_AT_ONCE = 4;

/** The groups to compare, each with its partition when it has one (one query per group). */
interface Compared {
  n: number;
  groups: { group: Group; snapshot?: GroupSnapshot }[];
}

/** A project lead compares every group of the tenant; a coordinator the live groups they still coordinate. */
async function groupsToCompare(deps: AppDeps, actor: Actor): Promise<Compared['groups']> {
  if (deps.projectLeads?.includes(actor.userId)) {
    const groups = await deps.store.listTenantGroups(actor.tenantId);
    const compared: Compared['groups'] = [];
    // A few partitions at a time: a tenant of many groups must not hit storage (or memory) all at once.
    for (let i = 0; i < groups.length; i += PARTITIONS_AT_ONCE) {
      const batch = groups.slice(i, i + PARTITIONS_AT_ONCE);
      const loaded = await Promise.all(batch.map((g) => deps.store.loadPartition(g.value.key)));
      compared.push(...batch.map((g, k) => ({ group: g.value, snapshot: loaded[k] })));
    }
    return compared;
  }
  const mine = await deps.store.listCoordinatedGroups(actor.tenantId, actor.userId);
  const loaded = await Promise.all(mine.map((g) => deps.store.loadPartition(g.key)));
  return loaded.flatMap((snapshot) =>
    snapshot && isCoordinator(snapshot.group.value, actor.userId)
      ? [{ group: snapshot.group.value, snapshot }]
      : [],
  );
}

/** Loads the groups to compare theme `rawMeeting` across, from a personal chat; at least two. */
const comparable =
  (rawMeeting: unknown): Load<Compared> =>
  async (deps, actor) => {
    if (actor.chat !== 'personal') return refuse('acrossInPersonal');
    const n = readMeetingNumber(rawMeeting);
    if (n === undefined) return refuse('meetingNumber');
    const groups = await groupsToCompare(deps, actor);
    return groups.length < 2 ? refuse('acrossNeedsGroups') : ok({ n, groups });
  };

/**
 * `på tværs N`: theme N's answers from the groups a coordinator runs (a project lead: every group of
 * the tenant), grouped by idea. Only answers already shown to their own group are compared, and
 * nothing says who wrote what, so anonymous groups stay anonymous.
 */
export function compareAcross(
  deps: AppDeps,
  actor: Actor,
  rawMeeting: unknown,
): Promise<Outcome<AcrossView>> {
  return useCase(deps, actor, comparable(rawMeeting), async ({ n, groups: compared }) => {
    const groups = compared.map((c) => c.group);
    const answers: { group: number; text: string }[] = [];
    const counts = groups.map(() => 0);
    for (const [gi, { snapshot }] of compared.entries()) {
      if (!snapshot || !isRevealed(meetingOf(snapshot, n))) continue;
      // In the order of their random ids: never by author, so nothing maps back to who wrote what.
      for (const item of poolItems(n, snapshot.answers, [], 'anonymous')) {
        if (!item.text.trim()) continue;
        answers.push({ group: gi, text: item.text });
        counts[gi]++;
      }
    }
    const lang = groups[0].language;
    // Loaded on first use: the stemmers and stop-word lists of every language cost ~5 MB of memory.
    const { groupSimilar } = await import('../lib/similarity');
    const clusters = groupSimilar(
      answers.map((a) => a.text),
      lang,
    );
    const recurring: RecurringIdea[] = [];
    const unique: AcrossView['unique'] = [];
    for (const cluster of clusters) {
      const inGroups = new Set(cluster.map((i) => answers[i].group));
      if (inGroups.size > 1) {
        recurring.push({
          texts: [...new Set(cluster.map((i) => answers[i].text))],
          groups: inGroups.size,
          associations: new Set([...inGroups].map((gi) => groups[gi].association)).size,
        });
      } else {
        for (const i of cluster) unique.push({ group: groups[answers[i].group].name, text: answers[i].text });
      }
    }
    recurring.sort((a, b) => b.groups - a.groups || b.texts.length - a.texts.length);
    return ok({
      meeting: n,
      groups: groups.map((g, i) => ({ name: g.name, association: g.association, answers: counts[i] })),
      recurring,
      unique,
    });
  });
}
