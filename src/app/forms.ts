/**
 * Forms returned to the person who opens them, never on a card the chat shares: a card updated in
 * place for everyone is re-rendered on every client, and would wipe what others are typing
 * (User-Specific-Views.md). Each form's button sits on the shared card; its answer replaces that
 * card for the clicker only.
 */
import { isFull, MAX_MEMBERS } from '../domain/composition';
import { canTake } from '../domain/meeting';
import { coordinatorNames } from '../domain/roles';
import { rowsOf } from '../domain/snapshot';
import type { Group, Member } from '../domain/types';
import type { Actor, AppDeps } from './context';
import { enterRow } from './access';
import { beforeSetup } from './group';
import { view, type MeetingView } from './meeting-view';
import { projectOpen, projectViewOf, type ProjectView } from './project';
import { ok, refuse, type Outcome } from './result';
import { onMeeting, useCase, type Input } from './use-case';
import { declareVerbs } from './verb';

/** The join form: the group, and the clicker's place on its roster when they are on it. */
export interface JoinView {
  group: Group;
  me?: Member;
}

/** The join form for the clicker (pre-filled when they are on the roster); a full group says so at once. */
export function openJoin(deps: AppDeps, actor: Actor): Promise<Outcome<JoinView>> {
  return useCase(
    deps,
    actor,
    async (d, a) => beforeSetup(await enterRow(d, a)),
    (found) => {
      const group = found.value;
      const me = group.members.find((m) => m.userId === actor.userId);
      if (!me && isFull(group.members))
        return refuse('groupFull', { max: MAX_MEMBERS, coordinators: coordinatorNames(group) });
      return ok({ group, me });
    },
  );
}

/**
 * The coordinator's form that closes meeting n: while the meeting may close, or while its closing
 * card still waits to be posted.
 */
export function openAgreements(deps: AppDeps, actor: Actor, input: Input): Promise<Outcome<MeetingView>> {
  return useCase(deps, actor, onMeeting(input.meeting, 'coordinator'), ({ snapshot, n, meeting }) => {
    const m = meeting?.value;
    const closing = m?.unposted ? m.unposted.step === 'close' : canTake('close', m);
    return m && closing ? ok(view(snapshot, m)) : refuse('wrongStep', { n });
  });
}

/** The member's own choosing form for meeting n, with what they chose so far (while choosing). */
export function openVoting(
  deps: AppDeps,
  actor: Actor,
  input: Input,
): Promise<Outcome<MeetingView & { mine: string[] }>> {
  return useCase(deps, actor, onMeeting(input.meeting, 'member'), ({ snapshot, n, meeting }) => {
    if (!meeting || !canTake('vote', meeting.value)) return refuse('wrongStep', { n });
    const mine = rowsOf(snapshot.votes, n).find((v) => v.userId === actor.userId)?.choices ?? [];
    return ok({ ...view(snapshot, meeting.value), mine });
  });
}

/** The member's form for a project proposal (after meeting 4, before the project is chosen). */
export function openProposal(deps: AppDeps, actor: Actor): Promise<Outcome<ProjectView>> {
  return useCase(deps, actor, projectOpen('member'), (snapshot) => ok(projectViewOf(snapshot)));
}

/** The member's ballot on the proposals, with their vote so far (once the vote is open). */
export function openBallot(deps: AppDeps, actor: Actor): Promise<Outcome<ProjectView & { mine?: string }>> {
  return useCase(deps, actor, projectOpen('member'), (snapshot) => {
    if (!snapshot.group.value.projectVote) return refuse('projectVoteNotOpen');
    const mine = snapshot.projectVotes.find((v) => v.userId === actor.userId)?.choice;
    return ok({ ...projectViewOf(snapshot), mine });
  });
}

/** The coordinator's form that records the common project (once the vote is open). */
export function openDecision(deps: AppDeps, actor: Actor): Promise<Outcome<ProjectView>> {
  return useCase(deps, actor, projectOpen('coordinator'), (snapshot) =>
    snapshot.group.value.projectVote ? ok(projectViewOf(snapshot)) : refuse('projectVoteNotOpen'),
  );
}

/** The verbs that open a form for the clicker alone. */
export const formVerbs = declareVerbs({
  openJoin: { who: 'anyone', repeatable: true, run: openJoin },
  openAgreements: { who: 'coordinator', repeatable: true, run: openAgreements },
  openVoting: { who: 'member', repeatable: true, run: openVoting },
  openProposal: { who: 'member', repeatable: true, run: openProposal },
  openBallot: { who: 'member', repeatable: true, run: openBallot },
  openDecision: { who: 'coordinator', repeatable: true, run: openDecision },
});
