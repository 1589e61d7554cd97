import { MAX_ANSWER_LENGTH } from '../../src/domain/answer-input';
import { MAX_NAME_LENGTH } from '../../src/domain/group-input';
import { MAX_LOCATION_LENGTH, MAX_INVITATION_LENGTH } from '../../src/domain/invitation-input';
import { byQuestion, choosableItems, poolItems, rankItems, topItems } from '../../src/domain/items';
import { fieldCount, type MeetingNumber } from '../../src/domain/themes';
import { MAX_AGREEMENTS_LENGTH } from '../../src/domain/meeting';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_FIRST_STEP_LENGTH,
  MAX_PROPOSALS,
  MAX_TITLE_LENGTH,
} from '../../src/domain/project-input';
import type { Answer, Group, Meeting, Proposal, RevealMode, Vote } from '../../src/domain/types';
import type { GroupSnapshot } from '../../src/store/group-store';
import { emptyPersonRows } from '../../src/store/rows';

/**
 * A text of exactly `length` characters that costs the most bytes a card can spend on it: 4-byte
 * emoji, with markdown that escaping doubles. `tag` keeps texts apart (tests find them by it).
 */
export function maxText(length: number, tag = ''): string {
  const head = `${tag}*[`;
  return head + '🏠'.repeat(Math.max(0, length - [...head].length));
}

/** Six members with every field at its maximum length: a whole programme as stored. */
export function maxSnapshot(revealMode: RevealMode = 'named', language: 'da' | 'en' = 'da'): GroupSnapshot {
  const members = Array.from({ length: 6 }, (_, i) => ({
    userId: `00000000-0000-4000-8000-00000000010${i}`,
    name: maxText(MAX_NAME_LENGTH, `M${i}`),
    roleCategory: 'imellem' as const,
    roleTitle: maxText(MAX_NAME_LENGTH),
    joinedAt: '2026-11-26T09:00:00.000Z',
  }));
  const group: Group = {
    key: 'g-max',
    tenantId: 't',
    name: maxText(MAX_NAME_LENGTH),
    association: maxText(MAX_NAME_LENGTH),
    area: maxText(MAX_NAME_LENGTH),
    phase: 'undervejs',
    language,
    revealMode,
    coordinators: [{ userId: members[0].userId, name: members[0].name }],
    members,
    conversation: {},
    createdAt: '2026-11-26T09:00:00.000Z',
  };
  const answers: Answer[] = [1, 2, 3, 4].flatMap((n) =>
    members.map((m, i) => ({
      meeting: n,
      userId: m.userId,
      name: m.name,
      fields: Array.from({ length: fieldCount(n as MeetingNumber) }, (_, f) =>
        maxText(MAX_ANSWER_LENGTH, `A${n}.${i}.${f}`),
      ),
      updatedAt: '2027-01-14T12:00:00.000Z',
    })),
  );
  const votes: Vote[] = [];
  const meetings = [1, 2, 3, 4].map((n) => {
    const items = poolItems(
      n,
      answers.filter((a) => a.meeting === n),
      members,
      revealMode,
    );
    // Each member chooses the most they may: three answers to each question the group chooses among.
    const questions = byQuestion(n, choosableItems(n, items));
    members.forEach((m, i) =>
      votes.push({
        meeting: n,
        userId: m.userId,
        name: m.name,
        choices: questions.flatMap((q) => [0, 1, 2].map((k) => q.items[(i + k) % q.items.length].id)),
      }),
    );
    const top = topItems(
      n,
      rankItems(
        items,
        votes.filter((v) => v.meeting === n),
      ),
    );
    const meeting: Meeting = {
      number: n,
      status: 'closed',
      date: '2027-01-14',
      start: '13:00',
      end: '15:00',
      location: maxText(MAX_LOCATION_LENGTH),
      text: maxText(MAX_INVITATION_LENGTH),
      conclusion: {
        top,
        agreements: maxText(MAX_AGREEMENTS_LENGTH),
        closedAt: '2027-01-14T15:00:00.000Z',
      },
      updatedAt: '2027-01-14T15:00:00.000Z',
    };
    return { value: meeting, etag: '' };
  });
  const proposals: Proposal[] = members.flatMap((m, i) =>
    Array.from({ length: MAX_PROPOSALS }, (_, k) => ({
      id: `p${i}${k}`,
      slot: k + 1,
      userId: m.userId,
      name: m.name,
      title: maxText(MAX_TITLE_LENGTH, `P${i}.${k}`),
      description: maxText(MAX_DESCRIPTION_LENGTH),
      at: `2027-04-01T10:0${k}:00.000Z`,
    })),
  );
  return {
    ...emptyPersonRows(),
    group: { value: group, etag: '' },
    meetings,
    rsvps: members.map((m) => ({ meeting: 1, userId: m.userId, name: m.name, response: 'yes', at: '' })),
    answers,
    votes,
    proposals,
    projectVotes: members.map((m, i) => ({ userId: m.userId, name: m.name, choice: proposals[i].id })),
    project: {
      proposalId: proposals[0].id,
      title: proposals[0].title,
      description: proposals[0].description,
      owner: { userId: members[1].userId, name: members[1].name },
      firstStep: maxText(MAX_FIRST_STEP_LENGTH),
      dueDate: '2027-06-01',
      chosenAt: '2027-04-20T10:00:00.000Z',
    },
  };
}
