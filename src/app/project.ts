import { withRefs } from '../domain/composition';
import { projectOpens } from '../domain/meeting';
import { MAX_PROPOSALS, newProposalId, parseChoice, parseProposal } from '../domain/project-input';
import { todayIn } from '../domain/schedule';
import { meetingOf, meetingsOf } from '../domain/snapshot';
import type { Group, Meeting, Project, ProjectVote, Proposal } from '../domain/types';
import { withPersonRow, type GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { memberName } from '../domain/roles';
import { enter, type Role } from './access';
import { invalidForm, ok, refuse, refuseIn, transact, type Outcome } from './result';
import { useCase, type Input, type Load } from './use-case';
import { declareVerbs } from './verb';

/** The common project's state, with everything its cards show. */
export interface ProjectView {
  group: Group;
  /** Meeting 4, whose conclusion card gathers the proposals. */
  lastMeeting?: Meeting;
  proposals: Proposal[];
  projectVotes: ProjectVote[];
}

/** The project view of a snapshot. */
export function projectViewOf(snapshot: GroupSnapshot): ProjectView {
  const { proposals, projectVotes } = snapshot;
  return { group: snapshot.group.value, lastMeeting: meetingOf(snapshot, 4), proposals, projectVotes };
}

type Proposed = ProjectView & { proposal: Proposal };
type Voted = ProjectView & { chosen: Proposal };
type Chosen = ProjectView & { project: Project };

/**
 * Loads the group for the common project: after meeting 4, before the project is chosen. Members
 * who joined before cards named them by a random id get one now, before the owner choices show.
 */
export const projectOpen =
  (role: Role): Load<GroupSnapshot> =>
  async (deps, actor) => {
    const loaded = await enter(deps, actor, { role });
    if (!loaded.ok) return loaded;
    const snapshot = loaded.value;
    if (!projectOpens(meetingsOf(snapshot))) return refuseIn(loaded.language, 'projectNotOpen');
    if (snapshot.project) return refuseIn(loaded.language, 'projectAlreadyChosen');
    const group = snapshot.group.value;
    if (group.members.every((m) => m.ref)) return loaded;
    const saved = await deps.store.saveGroup({
      ...snapshot.group,
      value: { ...group, members: withRefs(group.members) },
    });
    return { ...loaded, value: { ...snapshot, group: saved } };
  };

/** Adds a proposal for the common project (member; after meeting 4; at most two each). */
export function proposeProject(deps: AppDeps, actor: Actor, data: Input): Promise<Outcome<Proposed>> {
  return useCase(deps, actor, projectOpen('member'), async (snapshot) => {
    const input = parseProposal(data);
    if (!input.ok) return invalidForm(input.errors);
    const mine = snapshot.proposals.filter((p) => p.userId === actor.userId);
    // The same proposal again is a click Teams re-sent (perhaps with a new activity id): keep one.
    const same = mine.find((p) => p.title === input.value.title && p.description === input.value.description);
    if (same) return ok({ ...projectViewOf(snapshot), proposal: same });
    if (mine.length >= MAX_PROPOSALS) return refuse('tooManyProposals', { max: MAX_PROPOSALS });
    const proposal: Proposal = {
      id: newProposalId(),
      slot: mine.length + 1,
      userId: actor.userId,
      name: memberName(snapshot.group.value, actor),
      ...input.value,
      at: deps.now().toISOString(),
    };
    await deps.store.putPersonRow(actor.groupKey, 'proposals', proposal);
    const proposals = withPersonRow(snapshot.proposals, 'proposals', proposal);
    return ok({ ...projectViewOf({ ...snapshot, proposals }), proposal });
  });
}

/** Opens the vote on the proposals (coordinator; at least one proposal). */
export function startProjectVote(deps: AppDeps, actor: Actor): Promise<Outcome<ProjectView>> {
  return useCase(deps, actor, projectOpen('coordinator'), async (snapshot) => {
    if (snapshot.proposals.length === 0) return refuse('noProposals');
    const group = snapshot.group.value;
    if (group.projectVote) return ok(projectViewOf(snapshot));
    const saved = await deps.store.saveGroup({
      ...snapshot.group,
      value: { ...group, projectVote: { startedAt: deps.now().toISOString() } },
    });
    return ok(projectViewOf({ ...snapshot, group: saved }));
  });
}

/** Remembers the project vote card's activity id so votes update it in place. */
export function recordProjectVoteCard(deps: AppDeps, actor: Actor, cardId: string): Promise<Outcome<Group>> {
  return transact(async () => {
    const found = await deps.store.loadGroup(actor.groupKey);
    if (!found?.value.projectVote) return refuse('projectVoteNotOpen');
    const value = { ...found.value, projectVote: { ...found.value.projectVote, cardId } };
    return ok((await deps.store.saveGroup({ ...found, value })).value);
  });
}

/** Stores the caller's vote for one proposal (member; once the vote is open; a new vote replaces it). */
export function voteProject(deps: AppDeps, actor: Actor, data: Input): Promise<Outcome<Voted>> {
  return useCase(deps, actor, projectOpen('member'), async (snapshot) => {
    if (!snapshot.group.value.projectVote) return refuse('projectVoteNotOpen');
    const chosen = snapshot.proposals.find((p) => p.id === data.choice);
    if (!chosen) return refuse('invalidInput');
    const vote = { userId: actor.userId, name: memberName(snapshot.group.value, actor), choice: chosen.id };
    await deps.store.putPersonRow(actor.groupKey, 'projectVotes', vote);
    const projectVotes = withPersonRow(snapshot.projectVotes, 'projectVotes', vote);
    return ok({ ...projectViewOf({ ...snapshot, projectVotes }), chosen });
  });
}

/** Records the common project: a proposal, an owner among the members, a first step and its date (coordinator). */
export function chooseProject(deps: AppDeps, actor: Actor, data: Input): Promise<Outcome<Chosen>> {
  return useCase(deps, actor, projectOpen('coordinator'), async (snapshot) => {
    const input = parseChoice(data, todayIn(deps.timeZone, deps.now()));
    if (!input.ok) return invalidForm(input.errors);
    const proposal = snapshot.proposals.find((p) => p.id === input.value.choice);
    const owner = snapshot.group.value.members.find((m) => m.ref === input.value.owner);
    if (!proposal || !owner) return refuse('invalidInput');
    const project: Project = {
      proposalId: proposal.id,
      title: proposal.title,
      description: proposal.description,
      owner: { userId: owner.userId, name: owner.name },
      firstStep: input.value.firstStep,
      dueDate: input.value.dueDate,
      chosenAt: deps.now().toISOString(),
    };
    await deps.store.createProject(actor.groupKey, project);
    return ok({ ...projectViewOf(snapshot), project });
  });
}

/** The card verbs of the common project. */
export const projectVerbs = declareVerbs({
  proposeProject: { who: 'member', refreshes: 'conclusion', repeatable: false, run: proposeProject },
  startProjectVote: {
    who: 'coordinator',
    refreshes: 'projectVote',
    repeatable: false,
    run: startProjectVote,
  },
  voteProject: { who: 'member', refreshes: 'projectVote', repeatable: true, run: voteProject },
  chooseProject: { who: 'coordinator', repeatable: false, run: chooseProject },
});
