import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { parse as parseYaml } from 'yaml';

const root = path.join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

/** One step of an Agents Toolkit project file (m365agents*.yml). */
export interface Step {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

/** A project file: its lifecycles in the order the toolkit runs them. */
export interface Project {
  version: string;
  provision?: Step[];
  deploy?: Step[];
  publish?: Step[];
}

/** Reads a project file. */
export const project = (file: string): Project => parseYaml(read(file)) as Project;

/** Every step of a project: provision, then deploy, then publish (each starts from what the last wrote). */
export const steps = (p: Project): Step[] => [
  ...(p.provision ?? []),
  ...(p.deploy ?? []),
  ...(p.publish ?? []),
];

/** A committed env/.env.<name> file. */
export const envFile = (name: string): Record<string, string> => parseEnv(read(`env/.env.${name}`));

/** The toolkit's placeholder, as fx-core's lifecycle.ts resolveString reads it. */
const PLACEHOLDER = /\$\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

/** The `${{VAR}}` names in a text. */
export const placeholders = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);

/**
 * The environment variable `arm/deploy` writes for a Bicep output: fx-core
 * src/component/driver/arm/util/util.ts, convertOutput, sets `mapKey.toUpperCase()` — upper-cased,
 * no underscores inserted (`botDomain` → `BOTDOMAIN`). Object outputs join keys with `__`.
 */
export function toolkitEnvName(output: string, prefix?: string): string {
  return (prefix ? `${prefix}__${output}` : output).toUpperCase();
}

/** The output names of a Bicep file (`output NAME type = …`). */
export function bicepOutputs(text: string): string[] {
  return [...text.matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s+\w+\s*=/gm)].map((m) => m[1]);
}

/** The parameters of a Bicep file, and whether each has a default. */
export function bicepParams(text: string): Map<string, { hasDefault: boolean }> {
  return new Map(
    [...text.matchAll(/^param\s+([A-Za-z_][A-Za-z0-9_]*)\s+\w+(\s*=)?/gm)].map((m) => [
      m[1],
      { hasDefault: m[2] !== undefined },
    ]),
  );
}

/**
 * Variables toolkit actions write without being asked to: teamsApp/create adds TEAMS_APP_TENANT_ID
 * (fx-core driver/teamsApp/create.ts, internalOutputNames); aadApp/update makes
 * AAD_APP_ACCESS_AS_USER_PERMISSION_ID when its manifest uses it (driver/aad/utility/buildAadManifest.ts).
 */
const IMPLICIT: Record<string, string[]> = {
  'teamsApp/create': ['TEAMS_APP_TENANT_ID'],
  'aadApp/update': ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'],
};

/** What a run of the project needs and writes, step by step. */
export interface Flow {
  /** Per step (`lifecycle[i] uses`), the placeholders it needs that nothing set before it. */
  missing: { step: string; names: string[] }[];
  /** Every variable some step writes. */
  written: Set<string>;
  /** How many placeholders the run resolved in all (a check that the reading found them). */
  resolved: number;
}

/** The files a step reads placeholders from besides its own `with`: Bicep parameters, manifests. */
function filesOf(step: Step, files: (file: string) => string): string[] {
  const w = step.with ?? {};
  if (step.uses === 'arm/deploy')
    return (w.templates as { parameters?: string }[]).flatMap((t) => (t.parameters ? [t.parameters] : []));
  if (step.uses === 'aadApp/update') return [String(w.manifestPath)];
  if (step.uses === 'teamsApp/validateManifest' || step.uses === 'teamsApp/zipAppPackage') {
    const manifest = String(w.manifestPath);
    const info = (
      JSON.parse(files(manifest)) as { localizationInfo?: { additionalLanguages?: { file: string }[] } }
    ).localizationInfo;
    return [
      manifest,
      ...(info?.additionalLanguages ?? []).map((l) => path.join(path.dirname(manifest), l.file)),
    ];
  }
  return [];
}

/** What a step writes: writeToEnvironmentFile, a script's ::set-teamsfx-env, Bicep outputs, implicit ones. */
function writes(step: Step, files: (file: string) => string): string[] {
  const script = [...String(step.with?.run ?? '').matchAll(/::set-teamsfx-env ([A-Za-z_][A-Za-z0-9_]*)=/g)];
  const bicep =
    step.uses === 'arm/deploy'
      ? (step.with?.templates as { path: string }[]).flatMap((t) =>
          bicepOutputs(files(t.path)).map((o) => toolkitEnvName(o)),
        )
      : [];
  return [
    ...Object.values(step.writeToEnvironmentFile ?? {}),
    ...script.map((m) => m[1]),
    ...bicep,
    ...(IMPLICIT[step.uses] ?? []),
  ];
}

/**
 * Runs a project's steps the way the toolkit resolves them, without running anything: a step's
 * placeholders (in its arguments and in the files it reads) must be set before it — by the inputs
 * or by an earlier step. An empty value is not set: fx-core's resolveString treats `!envVal` as
 * unresolved (APP_NAME_SUFFIX alone may be empty), and arm/deploy refuses a parameters file with an
 * unresolved placeholder (deployImpl.ts, checkPlaceholderInTemplate).
 */
export function runFlow(p: Project, inputs: Set<string>, files: (file: string) => string = read): Flow {
  const known = new Set(inputs);
  const written = new Set<string>();
  const missing: Flow['missing'] = [];
  let resolved = 0;
  for (const [lifecycle, list] of [
    ['provision', p.provision],
    ['deploy', p.deploy],
    ['publish', p.publish],
  ] as const) {
    (list ?? []).forEach((step, i) => {
      const out = writes(step, files);
      // aadApp/update makes its permission id before it fills its manifest.
      const during = step.uses === 'aadApp/update' ? IMPLICIT['aadApp/update'] : [];
      const needed = [JSON.stringify(step.with ?? {}), ...filesOf(step, files).map(files)].flatMap(
        placeholders,
      );
      const unset = [...new Set(needed)].filter((n) => !known.has(n) && !during.includes(n));
      resolved += needed.length;
      if (unset.length) missing.push({ step: `${lifecycle}[${i}] ${step.uses}`, names: unset });
      for (const name of out) {
        known.add(name);
        written.add(name);
      }
    });
  }
  return { missing, written, resolved };
}

/**
 * The inputs of an environment: the committed env file's non-empty values, and the two the toolkit
 * asks for when they are empty (fx-core coordinator/index.ts: AZURE_SUBSCRIPTION_ID,
 * AZURE_RESOURCE_GROUP_NAME).
 */
export function inputsOf(env: Record<string, string>): Set<string> {
  return new Set([
    ...Object.entries(env)
      .filter(([k, v]) => v.trim() !== '' || k === 'APP_NAME_SUFFIX')
      .map(([k]) => k),
    'AZURE_SUBSCRIPTION_ID',
    'AZURE_RESOURCE_GROUP_NAME',
  ]);
}
