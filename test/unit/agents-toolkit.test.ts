import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { buildManifest, fillPlaceholders, PLACEHOLDER } from '../../scripts/app-package';
import { parseConfig, parsePackageSettings } from '../../src/config';
import { manifestValidator, problems } from '../support/schemas';

const root = path.join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const env = (name: string): Record<string, string> => parseEnv(read(`env/.env.${name}`));

interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
type Project = { version: string; provision?: Step[]; deploy?: Step[]; publish?: Step[] };

const project = (file: string): Project => parseYaml(read(file)) as Project;
const steps = (p: Project): Step[] => [...(p.provision ?? []), ...(p.deploy ?? []), ...(p.publish ?? [])];

/** Variables a project's steps write (writeToEnvironmentFile, a script's ::set-teamsfx-env). */
function written(p: Project): string[] {
  return steps(p).flatMap((s) => [
    ...Object.values(s.writeToEnvironmentFile ?? {}),
    ...[...String(s.with?.run ?? '').matchAll(/::set-teamsfx-env ([A-Z_]+)=/g)].map((m) => m[1]),
  ]);
}

const placeholders = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);

/**
 * The Agents Toolkit cannot run here (no Microsoft 365 tenant, no Azure): these check what can be
 * checked without it, so F5 and `atk provision` do not stop at a typo.
 */
describe('the Agents Toolkit project', () => {
  it('has m365agents.yml and m365agents.local.yml on the current schema, with the steps F5 and Azure need', () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      expect(read(file)).toContain('$schema=https://aka.ms/m365-agents-toolkits/v1.11/yaml.schema.json');
      expect(project(file).version).toBe('v1.11');
    }
    const uses = (file: string): string[] => steps(project(file)).map((s) => s.uses);
    expect(uses('m365agents.yml')).toEqual(
      expect.arrayContaining([
        'aadApp/create',
        'arm/deploy',
        'teamsApp/zipAppPackage',
        'azureAppService/zipDeploy',
      ]),
    );
    expect(uses('m365agents.local.yml')).toEqual(
      expect.arrayContaining([
        'botFramework/create',
        'teamsApp/zipAppPackage',
        'file/createOrUpdateEnvironmentFile',
      ]),
    );
  });

  it.each([
    [
      'm365agents.yml',
      'dev',
      ['manifest/manifest.json', 'infra/main.parameters.json', 'infra/aad.manifest.json'],
    ],
    ['m365agents.local.yml', 'local', ['manifest/manifest.json', 'infra/aad.manifest.json']],
  ])('defines every ${{VAR}} %s uses in env/.env.%s or an earlier step', (file, name, templates) => {
    const defined = new Set([...Object.keys(env(name)), ...written(project(file))]);
    const used = [file, ...templates].flatMap((f) => placeholders(read(f)));
    expect(used.length).toBeGreaterThan(5);
    expect([...new Set(used)].filter((v) => !defined.has(v))).toEqual([]);
  });

  it('keeps secrets out of the committed env templates and out of git', () => {
    for (const name of ['dev', 'local']) {
      expect(Object.keys(env(name)).filter((k) => k.startsWith('SECRET_'))).toEqual([]);
    }
    const ignored = read('.gitignore').split('\n');
    for (const pattern of ['env/.env.*.user', '.localConfigs', 'build']) expect(ignored).toContain(pattern);
  });

  it('writes .localConfigs that the bot accepts as a production configuration', () => {
    const step = steps(project('m365agents.local.yml')).find(
      (s) => s.uses === 'file/createOrUpdateEnvironmentFile',
    )!;
    const values: Record<string, string> = {
      BOT_ID: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      SECRET_BOT_PASSWORD: 'secret',
      BOT_TENANT_ID: '11111111-2222-4333-8444-555555555555',
      TEAMS_APP_ID: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
      BOT_DOMAIN: 'abc-3978.euw.devtunnels.ms',
      SECRET_LINK_SIGNING_KEY: Buffer.alloc(32, 5).toString('base64'),
    };
    const envs = fillPlaceholders(step.with!.envs as Record<string, string | number>, values);
    const config = parseConfig(Object.fromEntries(Object.entries(envs).map(([k, v]) => [k, String(v)])));
    expect(config.auth?.appId).toBe(values.BOT_ID);
    expect(config.auth?.appType).toBe('SingleTenant');
    expect(config.botDomain).toBe(values.BOT_DOMAIN);
  });

  it('fills the manifest the way the toolkit does into a package that validates', () => {
    const template = JSON.parse(read('manifest/manifest.json'));
    const built = buildManifest(
      template,
      parsePackageSettings({
        MicrosoftAppId: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
        TEAMS_APP_ID: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
        BOT_DOMAIN: 'abc-3978.euw.devtunnels.ms',
      }),
    );
    const validate = manifestValidator();
    const ok = validate(built);
    expect(problems(validate)).toEqual([]);
    expect(ok).toBe(true);
    expect(built.validDomains).toEqual(['abc-3978.euw.devtunnels.ms']);
  });

  it('has VS Code launch configurations whose tasks exist', () => {
    const launch = JSON.parse(read('.vscode/launch.json')) as {
      configurations: { name: string; preLaunchTask?: string }[];
      compounds: { name: string; configurations: string[]; preLaunchTask?: string }[];
    };
    const tasks = (
      JSON.parse(read('.vscode/tasks.json')) as { tasks: { label: string; dependsOn?: string[] }[] }
    ).tasks;
    const labels = tasks.map((t) => t.label);
    const names = launch.configurations.map((c) => c.name);
    for (const c of launch.compounds) {
      expect(names).toEqual(expect.arrayContaining(c.configurations));
      if (c.preLaunchTask) expect(labels).toContain(c.preLaunchTask);
    }
    for (const t of tasks) expect(labels).toEqual(expect.arrayContaining(t.dependsOn ?? []));
    expect(launch.compounds.map((c) => c.name)).toContain('Debug in Teams (Edge)');
    expect(names).toContain('Debug in Agents Playground');
    expect(JSON.parse(read('.vscode/extensions.json')).recommendations).toContain(
      'TeamsDevApp.ms-teams-vscode-extension',
    );
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['dev:teamsfx']).toContain('--env-file=.localConfigs');
  });
});
