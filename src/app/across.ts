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
  /** Which page of the groups this is (1-based) of how many, and which groups (1-based, of `total`). */
  paging: { page: number; pages: number; from: number; to: number; total: number };
}

/** How many groups' partitions `på tværs` reads at the same time. */
const PARTITIONS_AT_ONCE = 4;
/** At most this many groups are compared in one request; more are compared a page at a time. */
const GROUPS_PER_PAGE = 100;
/** At most this many comparisons run at once; the others wait their turn (memory stays bounded). */
const COMPARISONS_AT_ONCE = 2;

/** What a group brings to the comparison: its shown answers' texts, never the partition. */
interface Compared {
  group: Group;
  texts: string[];
}

/**
 * The keys of the groups to compare, in a stable order: a project lead every group of the tenant
 * (only the keys are read: the groups come with their partitions, a page at a time), a coordinator theirs.
 */
async function candidates(deps: AppDeps, actor: Actor): Promise<string[]> {
  if (deps.projectLeads?.includes(actor.userId)) return deps.store.listTenantGroupKeys(actor.tenantId);
  return (await deps.store.listCoordinatedGroups(actor.tenantId, actor.userId)).map((g) => g.key);
}

/** Theme N's answers a group has been shown, in the order of their random ids (never by author). */
function shownTexts(snapshot: GroupSnapshot, n: number): string[] {
  if (!isRevealed(meetingOf(snapshot, n))) return [];
  return poolItems(n, snapshot.answers, [], 'anonymous')
    .map((item) => item.text)
    .filter((text) => text.trim());
}

/** Reads a few partitions at a time and keeps only what the comparison needs from each. */
async function loadCompared(
  deps: AppDeps,
  actor: Actor,
  keys: string[],
  n: number,
  lead: boolean,
): Promise<Compared[]> {
  const compared: Compared[] = [];
  for (let i = 0; i < keys.length; i += PARTITIONS_AT_ONCE) {
    const loaded = await Promise.all(
      keys.slice(i, i + PARTITIONS_AT_ONCE).map((k) => deps.store.loadPartition(k)),
    );
    for (const snapshot of loaded) {
      if (!snapshot || (!lead && !isCoordinator(snapshot.group.value, actor.userId))) continue;
      compared.push({ group: snapshot.group.value, texts: shownTexts(snapshot, n) });
    }
  }
  return compared;
}

/** What `på tværs N [side P]` compares: theme N, page P of the groups. */
interface Request {
  n: number;
  page: number;
  pages: number;
  keys: string[];
  total: number;
  lead: boolean;
}

/** Lists the groups to compare theme `rawMeeting` across (at least two), from a personal chat. */
const comparable =
  (rawMeeting: unknown, rawPage: unknown): Load<Request> =>
  async (deps, actor) => {
    if (actor.chat !== 'personal') return refuse('acrossInPersonal');
    const n = readMeetingNumber(rawMeeting);
    if (n === undefined) return refuse('meetingNumber');
    const all = await candidates(deps, actor);
    if (all.length < 2) return refuse('acrossNeedsGroups');
    const pages = Math.ceil(all.length / GROUPS_PER_PAGE);
    const page = Math.min(pages, Math.max(1, Math.floor(Number(rawPage ?? 1)) || 1));
    const keys = all.slice((page - 1) * GROUPS_PER_PAGE, page * GROUPS_PER_PAGE);
    const lead = deps.projectLeads?.includes(actor.userId) ?? false;
    return ok({ n, page, pages, keys, total: all.length, lead });
  };

let comparing = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when fewer than COMPARISONS_AT_ONCE comparisons run; its slot goes to the next in line. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (comparing < COMPARISONS_AT_ONCE) comparing++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else comparing--;
  }
}

/** Groups the answers by idea: recurring across groups (with how widely), or unique to one. */
async function byIdea(compared: Compared[]): Promise<Pick<AcrossView, 'recurring' | 'unique'>> {
  const answers = compared.flatMap((c, group) => c.texts.map((text) => ({ group, text })));
  // Loaded on first use: the stemmers and stop-word lists of every language cost ~5 MB of memory.
  const { groupSimilarInSlices } = await import('../lib/similar-ideas');
  const clusters = await groupSimilarInSlices(
    answers.map((a) => a.text),
    compared[0].group.language,
  );
  const recurring: RecurringIdea[] = [];
  const unique: AcrossView['unique'] = [];
  for (const cluster of clusters) {
    const inGroups = new Set(cluster.map((i) => answers[i].group));
    if (inGroups.size > 1) {
      recurring.push({
        texts: [...new Set(cluster.map((i) => answers[i].text))],
        groups: inGroups.size,
        associations: new Set([...inGroups].map((gi) => compared[gi].group.association)).size,
      });
    } else {
      for (const i of cluster)
        unique.push({ group: compared[answers[i].group].group.name, text: answers[i].text });
    }
  }
  recurring.sort((a, b) => b.groups - a.groups || b.texts.length - a.texts.length);
  return { recurring, unique };
}

/**
 * `på tværs N` (`side P`): theme N's answers from the groups a coordinator runs (a project lead:
 * every group of the tenant), grouped by idea, GROUPS_PER_PAGE groups at a time. Only answers
 * already shown to their own group are compared, and nothing says who wrote what, so anonymous
 * groups stay anonymous. The partitions are read a few at a time and only their shown texts kept,
 * and the comparison gives the event loop back every few milliseconds.
 */
export function compareAcross(
  deps: AppDeps,
  actor: Actor,
  rawMeeting: unknown,
  rawPage?: unknown,
): Promise<Outcome<AcrossView>> {
  return useCase(deps, actor, comparable(rawMeeting, rawPage), (request) =>
    inTurn(async (): Promise<Outcome<AcrossView>> => {
      const compared = await loadCompared(deps, actor, request.keys, request.n, request.lead);
      if (compared.length < 2 && request.pages === 1) return refuse('acrossNeedsGroups');
      if (compared.length === 0) return refuse('acrossNeedsGroups');
      return ok({
        meeting: request.n,
        groups: compared.map((c) => ({
          name: c.group.name,
          association: c.group.association,
          answers: c.texts.length,
        })),
        ...(await byIdea(compared)),
        paging: {
          page: request.page,
          pages: request.pages,
          from: (request.page - 1) * GROUPS_PER_PAGE + 1,
          to: (request.page - 1) * GROUPS_PER_PAGE + request.keys.length,
          total: request.total,
        },
      });
    }),
  );
}
