import { groupInMeeting, poolItems, rankItems } from '../domain/items';
import { hasStarted } from '../domain/meeting';
import { answeredIn, meetingOf, meetingsOf, rowsOf } from '../domain/snapshot';
import type { Group, Item, Meeting, Project, Proposal, RankedItem, Rsvp } from '../domain/types';
import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { coordinatorNames, isCoordinator } from '../domain/roles';
import { readMeetingNumber } from '../domain/themes';
import { ok, refuse, transact, type Outcome } from './result';

/** What a summary shows, from the group's partition (one query): one meeting's, or the whole programme. */
export type SummaryView = ProgrammeSummary | ThemeSummary;

/** The whole programme: each meeting's conclusion or how far it got, the proposals and the project. */
export interface ProgrammeSummary {
  kind: 'programme';
  group: Group;
  meetings: Meeting[];
  proposals: Proposal[];
  project?: Project;
}

/** One meeting's summary: the meeting, its pooled answers and what was prioritised. */
export interface ThemeSummary {
  kind: 'theme';
  /** The group, with the reveal mode fixed when the meeting started. */
  group: Group;
  meeting: Meeting;
  /** Every pooled answer of the meeting, in the order the cards show them. */
  items: Item[];
  /** The items someone prioritised, most votes first. */
  ranked: RankedItem[];
  /** The meeting's RSVPs. */
  rsvps: Rsvp[];
  /** Everyone who answered (by the name they answered under, members or not), and the members who did not. */
  authors: string[];
  notAnswered: string[];
}

/** The whole programme's summary from a snapshot. */
export function programmeOf(snapshot: GroupSnapshot): ProgrammeSummary {
  const { proposals, project } = snapshot;
  return {
    kind: 'programme',
    group: snapshot.group.value,
    meetings: meetingsOf(snapshot),
    proposals,
    project,
  };
}

/** Meeting n's summary from a snapshot, or undefined when the group has no meeting n. */
export function themeSummaryOf(snapshot: GroupSnapshot, n: number): ThemeSummary | undefined {
  const meeting = meetingOf(snapshot, n);
  if (!meeting) return undefined;
  const group = groupInMeeting(snapshot.group.value, meeting);
  const items = poolItems(n, snapshot.answers, group.members, group.revealMode);
  const ranked = rankItems(items, rowsOf(snapshot.votes, n)).filter((i) => i.votes > 0);
  const answered = answeredIn(snapshot, n);
  const answeredIds = new Set(answered.map((a) => a.userId));
  return {
    kind: 'theme',
    group,
    meeting,
    items,
    ranked,
    rsvps: rowsOf(snapshot.rsvps, n),
    authors: answered.map((a) => a.name),
    notAnswered: group.members.filter((m) => !answeredIds.has(m.userId)).map((m) => m.name),
  };
}

/** Which group a summary is for: the chat's own, or (in a personal chat) one the caller coordinates. */
async function groupKeyFor(
  deps: AppDeps,
  actor: Actor,
  requested: unknown,
  rawMeeting: unknown,
): Promise<Outcome<string>> {
  if (actor.chat !== 'personal') return ok(actor.groupKey);
  const mine = await deps.store.listCoordinatedGroups(actor.tenantId, actor.userId);
  if (typeof requested === 'string' && requested) {
    return mine.some((g) => g.key === requested)
      ? ok(requested)
      : refuse('notCoordinator', { coordinators: '–' });
  }
  if (mine.length === 1) return ok(mine[0].key);
  if (mine.length === 0) return refuse('personalChat');
  return {
    ok: false,
    refusal: 'chooseGroup',
    choices: { groups: mine, meeting: Number(rawMeeting) || undefined },
  };
}

/**
 * The summary of meeting `rawMeeting` ('' or absent: the whole programme; 0 from a card posted
 * before the programme was written as ''), for a coordinator.
 */
export function summarise(
  deps: AppDeps,
  actor: Actor,
  rawMeeting: unknown,
  requestedGroup?: unknown,
): Promise<Outcome<SummaryView>> {
  return transact(async () => {
    const key = await groupKeyFor(deps, actor, requestedGroup, rawMeeting);
    if (!key.ok) return key;
    const snapshot = await deps.store.loadPartition(key.value);
    if (!snapshot) return refuse('noGroup');
    const group = snapshot.group.value;
    if (!isCoordinator(group, actor.userId))
      return {
        ok: false,
        refusal: 'notCoordinatorSummary',
        detail: { coordinators: coordinatorNames(group) },
        language: group.language,
      };
    const whole = rawMeeting === undefined || rawMeeting === '' || rawMeeting === 0;
    if (whole) return ok(programmeOf(snapshot));
    const n = readMeetingNumber(rawMeeting);
    if (n === undefined) return refuse('meetingNumber');
    const theme = themeSummaryOf(snapshot, n);
    if (!theme || !hasStarted(theme.meeting)) return refuse('meetingNotHeld', { n });
    return ok(theme);
  });
}
