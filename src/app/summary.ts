import { groupInMeeting, poolItems, rankItems } from '../domain/items';
import { declinedIn } from '../domain/status';
import { hasStarted, isRevealed } from '../domain/meeting';
import { answeredIn, meetingOf, meetingsOf, rowsOf } from '../domain/snapshot';
import type { Group, Item, Meeting, Project, Proposal, RankedItem, Rsvp } from '../domain/types';
import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { belongsToGroup, isCoordinator } from '../domain/roles';
import { readMeetingNumber } from '../domain/themes';
import { enter, type Entry } from './access';
import { ok, refuse, refuseIn, type Outcome } from './result';
import { useCase, type Input, type Load } from './use-case';
import { declareVerbs } from './verb';

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

/** One meeting's summary: the meeting, its pooled answers and what the group chose. */
export interface ThemeSummary {
  kind: 'theme';
  /** The group, with the reveal mode fixed when the meeting started. */
  group: Group;
  meeting: Meeting;
  /** Every pooled answer of the meeting, in the order the cards show them (none before they are shown). */
  items: Item[];
  /** The items someone chose, most chosen first. */
  ranked: RankedItem[];
  /**
   * Who took part, for the coordinator only (a member's summary has no participation lines): the
   * meeting's RSVPs, everyone who shared answers (by the name they answered under; only once the
   * answers are shown), and the members who said they could not come. Nobody is listed as not
   * having answered.
   */
  participation?: { rsvps: Rsvp[]; shared: string[]; declined: string[] };
  /**
   * How many have answered. While the answers are not shown to the group this is all the summary
   * holds of them: no answer, no choice and no name of who answered (issue 20: no coordinator
   * can match an answer to its author by asking again after each new answer).
   */
  answeredCount: number;
  /** True once the group has seen the answers (revealed, choosing or closed). */
  shown: boolean;
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

/**
 * Meeting n's summary from a snapshot, or undefined when the group has no meeting n; with the
 * participation lines for a coordinator. A member sees the answers once they were shown to the group.
 */
export function themeSummaryOf(
  snapshot: GroupSnapshot,
  n: number,
  forCoordinator = true,
): ThemeSummary | undefined {
  const meeting = meetingOf(snapshot, n);
  if (!meeting) return undefined;
  const group = groupInMeeting(snapshot.group.value, meeting);
  const shown = isRevealed(meeting);
  const items = shown ? poolItems(n, snapshot.answers, group.members, group.revealMode) : [];
  const ranked = rankItems(items, rowsOf(snapshot.votes, n)).filter((i) => i.votes > 0);
  const declined = declinedIn(snapshot.rsvps, n);
  const answered = answeredIn(snapshot, n);
  const participation = {
    rsvps: rowsOf(snapshot.rsvps, n),
    shared: shown ? answered.map((a) => a.name) : [],
    declined: group.members
      .filter((m) => declined.has(m.userId) && !answered.some((a) => a.userId === m.userId))
      .map((m) => m.name),
  };
  const counted = { answeredCount: answered.length, shown };
  return {
    kind: 'theme',
    group,
    meeting,
    items,
    ranked,
    ...counted,
    ...(forCoordinator ? { participation } : {}),
  };
}

/** Which group a summary is for: the chat's own, or (in a personal chat) one the caller coordinates. */
async function entryFor(deps: AppDeps, actor: Actor, input: Input): Promise<Outcome<Entry>> {
  if (actor.chat !== 'personal') return ok({});
  const { language } = actor;
  const requested = input.group;
  const mine = await deps.store.listCoordinatedGroups(actor.tenantId, actor.userId);
  if (typeof requested === 'string' && requested) {
    return mine.some((g) => g.key === requested)
      ? ok({ groupKey: requested })
      : refuseIn(language, 'notCoordinator', { coordinators: '–' });
  }
  if (mine.length === 1) return ok({ groupKey: mine[0].key });
  if (mine.length === 0) return refuseIn(language, 'personalChat');
  const choices = { groups: mine, meeting: Number(input.meeting) || undefined };
  return { ok: false, refusal: 'chooseGroup', choices, language };
}

/** The group to summarise, in one partition query, whoever asks (the coordinator's check gives its own refusal). */
const toSummarise =
  (input: Input): Load<GroupSnapshot> =>
  async (deps, actor) => {
    const entry = await entryFor(deps, actor, input);
    return entry.ok ? enter(deps, actor, entry.value) : entry;
  };

/**
 * The summary of meeting `input.meeting` ('' or absent: the whole programme; 0 from a card posted
 * before the programme was written as ''), for the group's coordinator and its members (a member's
 * without who took part); `input.group` names a coordinator's group in a personal chat.
 */
export function summary(deps: AppDeps, actor: Actor, input: Input): Promise<Outcome<SummaryView>> {
  return useCase(deps, actor, toSummarise(input), (snapshot) => {
    const group = snapshot.group.value;
    if (!belongsToGroup(group, actor.userId)) return refuse('notCoordinatorSummary');
    const raw = input.meeting;
    if (raw === undefined || raw === '' || raw === 0) return ok(programmeOf(snapshot));
    const n = readMeetingNumber(raw);
    if (n === undefined) return refuse('meetingNumber');
    const theme = themeSummaryOf(snapshot, n, isCoordinator(group, actor.userId));
    if (!theme || !hasStarted(theme.meeting)) return refuse('meetingNotHeld', { n });
    return ok(theme);
  });
}

/** The summary's card verb (also `opsummering`). */
export const summaryVerbs = declareVerbs({
  summary: { who: 'participant', repeatable: true, run: summary },
});
