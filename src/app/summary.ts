import { groupInMeeting, poolItems, rankItems } from '../domain/items';
import { hasStarted, isRevealed } from '../domain/meeting';
import { answeredIn, meetingOf, meetingsOf, rowsOf } from '../domain/snapshot';
import type { Group, Item, Meeting, Project, Proposal, RankedItem, Rsvp } from '../domain/types';
import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { coordinatorNames, isCoordinator } from '../domain/roles';
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

/** Meeting n's summary from a snapshot, or undefined when the group has no meeting n. */
export function themeSummaryOf(snapshot: GroupSnapshot, n: number): ThemeSummary | undefined {
  const meeting = meetingOf(snapshot, n);
  if (!meeting) return undefined;
  const group = groupInMeeting(snapshot.group.value, meeting);
  const answered = answeredIn(snapshot, n);
  const shown = isRevealed(meeting);
  const items = shown ? poolItems(n, snapshot.answers, group.members, group.revealMode) : [];
  const ranked = rankItems(items, rowsOf(snapshot.votes, n)).filter((i) => i.votes > 0);
  const answeredIds = new Set(answered.map((a) => a.userId));
  return {
    kind: 'theme',
    group,
    meeting,
    items,
    ranked,
    rsvps: rowsOf(snapshot.rsvps, n),
    authors: shown ? answered.map((a) => a.name) : [],
    notAnswered: shown ? group.members.filter((m) => !answeredIds.has(m.userId)).map((m) => m.name) : [],
    answeredCount: answered.length,
    shown,
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
 * before the programme was written as ''), for a coordinator; `input.group` names the group in a
 * personal chat.
 */
export function summary(deps: AppDeps, actor: Actor, input: Input): Promise<Outcome<SummaryView>> {
  return useCase(deps, actor, toSummarise(input), (snapshot) => {
    const group = snapshot.group.value;
    if (!isCoordinator(group, actor.userId))
      return refuse('notCoordinatorSummary', { coordinators: coordinatorNames(group) });
    const raw = input.meeting;
    if (raw === undefined || raw === '' || raw === 0) return ok(programmeOf(snapshot));
    const n = readMeetingNumber(raw);
    if (n === undefined) return refuse('meetingNumber');
    const theme = themeSummaryOf(snapshot, n);
    if (!theme || !hasStarted(theme.meeting)) return refuse('meetingNotHeld', { n });
    return ok(theme);
  });
}

/** The summary's card verb (also `opsummering`). */
export const summaryVerbs = declareVerbs({
  summary: { who: 'coordinator', repeatable: true, run: summary },
});
