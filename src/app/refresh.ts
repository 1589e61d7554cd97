/**
 * Universal Actions refresh (User-Specific-Views.md): each person listed on a shared card asks for
 * their own view of it whenever the card is shown or changed, so the answer costs one partition
 * query. The use case says which card and from what it is drawn; the bot draws it for the person.
 */
import { isRevealed } from '../domain/meeting';
import { chosenInMeetings, type ChosenInMeeting } from '../domain/project-basis';
import { meetingsOf, storedMeeting } from '../domain/snapshot';
import { readMeetingNumber } from '../domain/themes';
import type { Group } from '../domain/types';
import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { invitationView, type InvitationView } from './invitation';
import { view, type MeetingView } from './meeting-view';
import { projectViewOf, type ProjectView } from './project';
import { ok, refuse, type Outcome } from './result';
import { inGroup, useCase, type Input } from './use-case';
import { declareVerbs, type SharedCard } from './verb';

/** A shared card's current state, as a person's view of it is drawn. */
export type RefreshView =
  | { card: 'groupCard'; group: Group }
  | { card: 'invitation'; view: InvitationView }
  | { card: 'meetingStatus'; view: MeetingView }
  | { card: 'conclusion'; view: MeetingView & { fromMeetings: ChosenInMeeting[] } }
  | { card: 'projectVote'; view: ProjectView };

const SHARED_CARDS: readonly SharedCard[] = [
  'groupCard',
  'invitation',
  'meetingStatus',
  'conclusion',
  'projectVote',
];

/** The card asked for: `card` (a shared card's name) and `meeting`; cards posted before `card` existed name only a meeting's status card, or the group card. */
function cardAsked(input: Input): SharedCard | undefined {
  if (input.card === undefined) return input.meeting === undefined ? 'groupCard' : 'meetingStatus';
  return SHARED_CARDS.find((c) => c === input.card);
}

/** What the card shows now, or undefined when its meeting is not (or no longer) there. */
function refreshViewOf(
  snapshot: GroupSnapshot,
  card: SharedCard,
  n: number | undefined,
): RefreshView | undefined {
  if (card === 'groupCard') return { card, group: snapshot.group.value };
  if (card === 'projectVote') return { card, view: projectViewOf(snapshot) };
  const meeting = n === undefined ? undefined : storedMeeting(snapshot, n)?.value;
  if (!meeting) return undefined;
  if (card === 'invitation') return { card, view: invitationView(snapshot, meeting) };
  if (card !== 'conclusion') return { card, view: view(snapshot, meeting) };
  if (!isRevealed(meeting)) return undefined;
  // Meeting 4's proposals show what they build on: what the group chose in meetings 1–4.
  return { card, view: { ...view(snapshot, meeting), fromMeetings: chosenInMeetings(meetingsOf(snapshot)) } };
}

/** The current state of the shared card `input.card` (of meeting `input.meeting`), one partition query. */
export function refresh(deps: AppDeps, actor: Actor, input: Input): Promise<Outcome<RefreshView>> {
  return useCase(deps, actor, inGroup(), (snapshot) => {
    const card = cardAsked(input);
    if (!card) return refuse('invalidInput');
    const n = input.meeting === undefined ? undefined : readMeetingNumber(input.meeting);
    const shown = refreshViewOf(snapshot, card, n);
    return shown ? ok(shown) : refuse('meetingNotOpen', { n: n ?? '?' });
  });
}

/** The Universal Actions refresh's verb (also the base card's "Vis mine muligheder"). */
export const refreshVerbs = declareVerbs({
  refresh: { who: 'anyone', repeatable: true, run: refresh },
});
