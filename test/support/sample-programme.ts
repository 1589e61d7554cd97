import { choosableItems, poolItems, rankItems, topItems } from '../../src/domain/items';
import type { Answer, Group, Meeting, Proposal, RevealMode, Vote } from '../../src/domain/types';
import type { GroupSnapshot } from '../../src/store/group-store';
import { emptyPersonRows } from '../../src/store/rows';
import sample from '../fixtures/sample-group.da.json';
import { sampleGroup } from './card-gallery';

/** A 500-character answer full of markdown and Danish letters: the largest realistic content. */
export const LONGEST_ANSWER = '**Råd** [link](http://x.dk) æøå 🙂 '.repeat(20).slice(0, 500);

/** The fixture's whole programme as stored: four closed meetings, answers, votes, proposals, the project. */
export function sampleSnapshot(
  options: { longest?: boolean; revealMode?: RevealMode; language?: 'da' | 'en' } = {},
): GroupSnapshot {
  const base = sampleGroup(options.longest);
  const group: Group = {
    ...base,
    revealMode: options.revealMode ?? 'named',
    language: options.language ?? 'da',
  };
  const idOf = (key: string): string => group.members[sample.members.findIndex((m) => m.key === key)].userId;
  const nameOf = (key: string): string => group.members[sample.members.findIndex((m) => m.key === key)].name;
  const answers: Answer[] = sample.meetings.flatMap((m) =>
    Object.entries(m.answers).map(([key, fields]) => ({
      meeting: m.meeting,
      userId: idOf(key),
      name: nameOf(key),
      fields: options.longest ? fields.map(() => LONGEST_ANSWER) : fields,
      updatedAt: '2027-01-14T12:00:00.000Z',
    })),
  );
  const votes: Vote[] = [];
  const meetings = sample.meetings.map((m) => {
    const items = poolItems(
      m.meeting,
      answers.filter((a) => a.meeting === m.meeting),
      group.members,
      group.revealMode,
    );
    const choosable = choosableItems(m.meeting, items);
    group.members.forEach((member, i) =>
      votes.push({
        meeting: m.meeting,
        userId: member.userId,
        name: member.name,
        choices: [0, 1, 2].map((k) => choosable[(i + k * 2) % choosable.length].id),
      }),
    );
    const top = topItems(
      m.meeting,
      rankItems(
        items,
        votes.filter((v) => v.meeting === m.meeting),
      ),
    );
    const inv = (m as { invitation?: Record<string, string> }).invitation;
    const meeting: Meeting = {
      number: m.meeting,
      status: 'closed',
      date: inv?.date ?? '',
      start: inv?.start ?? '',
      end: inv?.end ?? '',
      location: inv?.location ?? '',
      text: '',
      conclusion: {
        top,
        agreements: options.longest ? LONGEST_ANSWER.repeat(4) : m.agreements,
        closedAt: '2027-01-14T15:00:00.000Z',
      },
      updatedAt: '2027-01-14T15:00:00.000Z',
    };
    return { value: meeting, etag: '' };
  });
  const proposals: Proposal[] = sample.projectProposals.map((p, i, all) => ({
    id: `p${i + 1}`,
    slot: all.slice(0, i + 1).filter((q) => q.by === p.by).length,
    userId: idOf(p.by),
    name: nameOf(p.by),
    title: p.title,
    description: p.description,
    at: `2027-04-0${i + 1}T10:00:00.000Z`,
  }));
  const chosen = proposals.find((p) => p.title === sample.project.choice)!;
  return {
    ...emptyPersonRows(),
    group: { value: group, etag: '' },
    meetings,
    rsvps: group.members.map((m, i) => ({
      meeting: 1,
      userId: m.userId,
      name: m.name,
      response: i < 4 ? 'yes' : 'maybe',
      at: '',
    })),
    answers,
    votes,
    proposals,
    projectVotes: group.members.map((m, i) => ({
      userId: m.userId,
      name: m.name,
      choice: proposals[i % proposals.length].id,
    })),
    project: {
      proposalId: chosen.id,
      title: chosen.title,
      description: chosen.description,
      owner: { userId: idOf(sample.project.owner), name: nameOf(sample.project.owner) },
      firstStep: sample.project.firstStep,
      dueDate: sample.project.dueDate,
      chosenAt: '2027-04-20T10:00:00.000Z',
    },
  };
}
