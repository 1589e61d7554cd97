import { parsed, readChoice, readText, type FieldErrors, type Parsed } from './input';
import {
  LANGUAGES,
  PHASES,
  REVEAL_MODES,
  ROLE_CATEGORIES,
  type GroupSettings,
  type Language,
  type RoleCategory,
} from './types';

/** Longest accepted name, association, area and role title. */
export const MAX_NAME_LENGTH = 100;

/** Reads the setup card's inputs. */
export function parseGroupSettings(
  data: Record<string, unknown>,
  defaultLanguage: Language,
): Parsed<GroupSettings> {
  const errors: FieldErrors = {};
  const settings: GroupSettings = {
    name: readText(data, 'name', { required: true, max: MAX_NAME_LENGTH }, errors),
    association: readText(data, 'association', { required: true, max: MAX_NAME_LENGTH }, errors),
    area: readText(data, 'area', { required: true, max: MAX_NAME_LENGTH }, errors),
    phase: readChoice(data, 'phase', PHASES, errors, 'undervejs'),
    language: readChoice(data, 'language', LANGUAGES, errors, defaultLanguage),
    revealMode: readChoice(data, 'revealMode', REVEAL_MODES, errors, 'named'),
  };
  return parsed(settings, errors);
}

/** What a person says about themselves when they join. */
export interface JoinInput {
  roleCategory: RoleCategory;
  roleTitle: string;
}

/** Reads the join card's inputs. */
export function parseJoin(data: Record<string, unknown>): Parsed<JoinInput> {
  const errors: FieldErrors = {};
  const value: JoinInput = {
    roleCategory: readChoice(data, 'roleCategory', ROLE_CATEGORIES, errors),
    roleTitle: readText(data, 'roleTitle', { required: true, max: MAX_NAME_LENGTH }, errors),
  };
  return parsed(value, errors);
}
