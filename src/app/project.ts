import { projectOpens } from '../domain/meeting';
import { MAX_PROPOSALS, newProposalId, parseChoice, parseProposal } from '../domain/project-input';
import { chosenInMeetings, readBuildsOn, type ChosenInMeeting } from '../domain/project-basis';
import { isOlder } from '../domain/clicks';
import { todayIn } from '../domain/schedule';
import { meetingOf, meetingsOf } from '../domain/snapshot';
import type { Group, Meeting, Project, ProjectVote, Proposal } from '../domain/types';
import { standingOf, withPersonRow, type GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { memberName } from '../domain/roles';
import { enter, type Role } from './access';
import { withCardIds } from './card-ids';
import { commitStep, type Posts } from './outbox';
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
  /** What the group chose in meetings 1–4: proposals build on it. */
  fromMeetings: ChosenInMeeting[];
}

/** The project view of a snapshot. */
export function projectViewOf(snapshot: GroupSnapshot): ProjectView {
  const { proposals, projectVotes } = snapshot;
  const fromMeetings = chosenInMeetings(meetingsOf(snapshot));
  return {
    group: snapshot.group.value,
    lastMeeting: meetingOf(snapshot, 4),
    proposals,
    projectVotes,
    fromMeetings,
  };
}

type Proposed = ProjectView & { proposal: Proposal };
/** A project vote's view: `newer` when a newer click of the person's is stored (that choice, nothing changed). */
type Voted = ProjectView & { chosen: Proposal; newer?: boolean };
type Chosen = ProjectView & { project: Project };

/**
 * Loads the group for the common project: after meeting 4, before the project is chosen. Members
 * and coordinators not yet named by a random id get one now, before the tovholder choices show.
 */
export const projectOpen =
  (role: Role): Load<GroupSnapshot> =>
  async (deps, actor) => {
    const loaded = await enter(deps, actor, { role });
    if (!loaded.ok) return loaded;
    const snapshot = loaded.value;
    if (!projectOpens(meetingsOf(snapshot))) return refuseIn(loaded.language, 'projectNotOpen');
    if (snapshot.project) return refuseIn(loaded.language, 'projectAlreadyChosen');
    return { ...loaded, value: await withCardIds(deps, snapshot) };
  };

/**
 * Adds a proposal for the common project (member; after meeting 4; at most two each), perhaps
 * building on an item the group chose; a reference to anything else is refused, nothing stored.
 */
export function proposeProject(deps: AppDeps, actor: Actor, data: Input): Promise<Outcome<Proposed>> {
  return useCase(deps, actor, projectOpen('member'), async (snapshot) => {
    const input = parseProposal(data);
    if (!input.ok) return invalidForm(input.errors);
    const buildsOn = readBuildsOn(data.buildsOn, projectViewOf(snapshot).fromMeetings);
    if (buildsOn === 'invalid') return refuse('invalidBuildsOn');
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
      ...(buildsOn ? { buildsOn } : {}),
      at: deps.now().toISOString(),
    };
    await deps.store.writePersonRow(snapshot, 'proposals', proposal);
    const proposals = withPersonRow(snapshot.proposals, 'proposals', proposal);
    return ok({ ...projectViewOf({ ...snapshot, proposals }), proposal });
  });
}

/** True while the vote's cards are on their way (through the outbox), or once they are out. */
function voteOpened(vote: Group['projectVote']): boolean {
  return vote !== undefined && (vote.cardId !== undefined || (vote.attempt !== undefined && !vote.failed));
}

/**
 * Opens the vote on the proposals (coordinator; at least one proposal). With `posts`, the
 * proposals and the vote card go out through the outbox with the change; once they are on their
 * way or out, opening it again posts nothing (after Teams refused them, it posts them again).
 */
export function startProjectVote(
  deps: AppDeps,
  actor: Actor,
  _input: Input,
  posts?: Posts<ProjectView>,
): Promise<Outcome<ProjectView>> {
  return useCase(deps, actor, projectOpen('coordinator'), async (snapshot) => {
    if (snapshot.proposals.length === 0) return refuse('noProposals');
    const group = snapshot.group.value;
    if (voteOpened(group.projectVote) || (group.projectVote && !posts)) return ok(projectViewOf(snapshot));
    const before = group.projectVote;
    const attempt = before?.failed ? (before.attempt ?? 0) + 1 : 0;
    const projectVote = { startedAt: before?.startedAt ?? deps.now().toISOString(), attempt };
    const changed = { ...snapshot.group, value: { ...group, projectVote } };
    const shown = projectViewOf({ ...snapshot, group: changed });
    const step = { id: `p.vote.${attempt}`, meeting: 4, finish: { projectVote } };
    const writes = { group: { value: changed.value, etag: snapshot.group.etag } };
    if (!(await commitStep(deps, actor, group, step, writes, posts, shown)))
      await deps.store.saveGroup(changed);
    return ok(shown);
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
    const stored = snapshot.projectVotes.find((v) => v.userId === actor.userId);
    const standing = stored && snapshot.proposals.find((p) => p.id === stored.choice);
    if (standing && isOlder(actor.clickedAt, stored.actedAt))
      return ok({ ...projectViewOf(snapshot), chosen: standing, newer: true });
    const name = memberName(snapshot.group.value, actor);
    const acted = actor.clickedAt ? { actedAt: actor.clickedAt } : {};
    const vote = { userId: actor.userId, name, choice: chosen.id, ...acted };
    await deps.store.writePersonRow(snapshot, 'projectVotes', vote);
    const projectVotes = withPersonRow(snapshot.projectVotes, 'projectVotes', vote);
    return ok({ ...projectViewOf({ ...snapshot, projectVotes }), chosen });
  });
}

/**
 * Records the common project: a proposal, an owner among the members, a first step and its date
 * (coordinator); with `posts`, its card goes out through the outbox with it.
 */
export function chooseProject(
  deps: AppDeps,
  actor: Actor,
  data: Input,
  posts?: Posts<Chosen>,
): Promise<Outcome<Chosen>> {
  return useCase(deps, actor, projectOpen('coordinator'), async (snapshot) => {
    const input = parseChoice(data, todayIn(deps.timeZone, deps.now()));
    if (!input.ok) return invalidForm(input.errors);
    const proposal = snapshot.proposals.find((p) => p.id === input.value.choice);
    // A member or coordinator whose `slet mine data` is running cannot become the owner (their deletion would miss it).
    const { members, coordinators } = snapshot.group.value;
    const owner = [...members, ...coordinators].find(
      (m) => m.ref === input.value.owner && !standingOf(snapshot, m.userId)?.erasedAt,
    );
    if (!proposal || !owner) return refuse('invalidInput');
    const project: Project = {
      proposalId: proposal.id,
      title: proposal.title,
      description: proposal.description,
      ...(proposal.buildsOn ? { buildsOn: proposal.buildsOn } : {}),
      owner: { userId: owner.userId, name: owner.name },
      firstStep: input.value.firstStep,
      dueDate: input.value.dueDate,
      chosenAt: deps.now().toISOString(),
    };
    const chosen = { ...projectViewOf(snapshot), project };
    const step = { id: 'p.choose', meeting: 4, finish: {} };
    const writes = { project, read: snapshot, standingOf: project.owner.userId };
    if (!(await commitStep(deps, actor, snapshot.group.value, step, writes, posts, chosen)))
      await deps.store.createProject(actor.groupKey, project, snapshot);
    return ok(chosen);
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
