import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function load(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function compile(schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** Validators for the copied public schemas (see test/schemas/README.md). */
export function adaptiveCardValidator(): ValidateFunction {
  const schema = load(path.join(__dirname, '..', 'schemas', 'adaptive-card-1.5.json'));
  delete schema.$schema;
  return compile(schema);
}

/** Where `@microsoft/app-manifest` keeps the Teams manifest schemas, one folder per version (v1.27, …). */
const TEAMS_SCHEMAS = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

/** The newest released manifest version the package ships (preview versions left out), e.g. "1.30". */
export function newestManifestVersion(): string {
  const versions = readdirSync(TEAMS_SCHEMAS)
    .map((d) => /^v(\d+)\.(\d+)$/.exec(d))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]));
  const newest = versions.at(-1);
  if (!newest) throw new Error(`no manifest schemas in ${TEAMS_SCHEMAS}`);
  return `${newest[1]}.${newest[2]}`;
}

/** Validator of the Teams app manifest, from `@microsoft/app-manifest` (the newest version unless told). */
export function manifestValidator(version = newestManifestVersion()): ValidateFunction {
  return compile(load(path.join(TEAMS_SCHEMAS, `v${version}`, 'MicrosoftTeams.schema.json')));
}

/** Validator of a manifest localization file, from `@microsoft/app-manifest`. */
export function localizationValidator(version = newestManifestVersion()): ValidateFunction {
  return compile(load(path.join(TEAMS_SCHEMAS, `v${version}`, 'MicrosoftTeams.Localization.schema.json')));
}

/** The validator's errors as short readable lines. */
export function problems(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
