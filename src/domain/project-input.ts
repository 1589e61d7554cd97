import { parsed, readText, type FieldErrors, type Parsed } from './input';
import { randomId } from './items';
import { futureDateProblem } from './schedule';

/** At most this many proposals per member. */
export const MAX_PROPOSALS = 2;
export const MAX_TITLE_LENGTH = 120;
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_FIRST_STEP_LENGTH = 500;

/** A proposal as typed. */
export interface ProposalInput {
  title: string;
  description: string;
}

/** Reads the proposal form (`title`, `description`). */
export function parseProposal(data: Record<string, unknown>): Parsed<ProposalInput> {
  const errors: FieldErrors = {};
  const value = {
    title: readText(data, 'title', { required: true, max: MAX_TITLE_LENGTH }, errors),
    description: readText(
      data,
      'description',
      { required: true, max: MAX_DESCRIPTION_LENGTH, multiline: true },
      errors,
    ),
  };
  return parsed(value, errors);
}

/** The coordinator's choice as typed: proposal, owner (a member id), first step and its date. */
export interface ChoiceInput {
  choice: string;
  owner: string;
  firstStep: string;
  dueDate: string;
}

/** Reads the choose-project form; proposal and owner are checked against the group by the caller. */
export function parseChoice(data: Record<string, unknown>, today: string): Parsed<ChoiceInput> {
  const errors: FieldErrors = {};
  const value = {
    choice: readText(data, 'choice', { required: true, max: 64 }, errors),
    owner: readText(data, 'owner', { required: true, max: 128 }, errors),
    firstStep: readText(
      data,
      'firstStep',
      { required: true, max: MAX_FIRST_STEP_LENGTH, multiline: true },
      errors,
    ),
    dueDate: readText(data, 'dueDate', { required: true, max: 10 }, errors),
  };
  const dateProblem = errors.dueDate ? undefined : futureDateProblem(value.dueDate, today);
  if (dateProblem) errors.dueDate = dateProblem;
  return parsed(value, errors);
}

/** The id of a new proposal: random, so a card's choice values say nothing about who proposed. */
export function newProposalId(): string {
  return randomId();
}
