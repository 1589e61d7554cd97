import type { Answer, Project, ProjectVote, Proposal, Vote } from '../domain/types';
import { answerRow, PROJECT_ROW, projectVoteRow, proposalRow, voteRow } from './keys';
import { columns, json, optionalColumns, personInMeeting, str, type Row } from './entities';

/** The answer entity: fields as JSON (up to three of ≤ 500 characters). */
export function answerToRow(groupKey: string, a: Answer): Row {
  return {
    partitionKey: groupKey,
    rowKey: answerRow(a.meeting, a.userId),
    ...columns(a, ['meeting', 'userId', 'name', 'fields', 'updatedAt']),
    ...optionalColumns(a, ['ids']),
  };
}

/** Reads an answer entity. */
export function rowToAnswer(row: Row): Answer {
  return {
    ...personInMeeting(row),
    fields: json(row, 'fields', []),
    ids: json<string[] | undefined>(row, 'ids', undefined),
    updatedAt: str(row, 'updatedAt'),
  };
}

/** The vote entity. */
export function voteToRow(groupKey: string, v: Vote): Row {
  return {
    partitionKey: groupKey,
    rowKey: voteRow(v.meeting, v.userId),
    ...columns(v, ['meeting', 'userId', 'name', 'choices']),
  };
}

/** Reads a vote entity. */
export function rowToVote(row: Row): Vote {
  return {
    ...personInMeeting(row),
    choices: json(row, 'choices', []),
  };
}

/** The proposal entity; `k` (1 or 2) is its place among the member's proposals. */
export function proposalToRow(groupKey: string, p: Proposal, k: number): Row {
  return {
    partitionKey: groupKey,
    rowKey: proposalRow(p.userId, k),
    ...columns(p, ['id', 'userId', 'name', 'title', 'description', 'at']),
  };
}

/** Reads a proposal entity. */
export function rowToProposal(row: Row): Proposal {
  return {
    id: str(row, 'id'),
    userId: str(row, 'userId'),
    name: str(row, 'name'),
    title: str(row, 'title'),
    description: str(row, 'description'),
    at: str(row, 'at'),
  };
}

/** The project vote entity. */
export function projectVoteToRow(groupKey: string, v: ProjectVote): Row {
  return {
    partitionKey: groupKey,
    rowKey: projectVoteRow(v.userId),
    ...columns(v, ['userId', 'name', 'choice']),
  };
}

/** Reads a project vote entity. */
export function rowToProjectVote(row: Row): ProjectVote {
  return { userId: str(row, 'userId'), name: str(row, 'name'), choice: str(row, 'choice') };
}

/** The chosen project entity; `userId` is the owner's, so a person's rows are found by one query. */
export function projectToRow(groupKey: string, p: Project): Row {
  return {
    partitionKey: groupKey,
    rowKey: PROJECT_ROW,
    ...p,
    owner: JSON.stringify(p.owner),
    userId: p.owner.userId,
  };
}

/** Reads the chosen project entity. */
export function rowToProject(row: Row): Project {
  return {
    proposalId: str(row, 'proposalId'),
    title: str(row, 'title'),
    description: str(row, 'description'),
    owner: json(row, 'owner', { userId: '', name: '' }),
    firstStep: str(row, 'firstStep'),
    dueDate: str(row, 'dueDate'),
    chosenAt: str(row, 'chosenAt'),
  };
}
