import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';

function load(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(__dirname, '..', 'schemas', name), 'utf8')) as Record<
    string,
    unknown
  >;
}

function compile(schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** Validators for the copied public schemas (see test/schemas/README.md). */
export function adaptiveCardValidator(): ValidateFunction {
  const schema = load('adaptive-card-1.5.json');
  delete schema.$schema;
  return compile(schema);
}

/** Validator of the Teams app manifest v1.22. */
export function manifestValidator(): ValidateFunction {
  return compile(load('teams-manifest-1.22.json'));
}

/** Validator of a manifest localization file v1.22. */
export function localizationValidator(): ValidateFunction {
  return compile(load('teams-manifest-localization-1.22.json'));
}

/** The validator's errors as short readable lines. */
export function problems(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
