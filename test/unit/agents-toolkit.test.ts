import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildManifest, fillPlaceholders } from '../../scripts/app-package';
import { DEPLOYED, stageDeploy } from '../../scripts/stage-deploy';
import { parseConfig, parsePackageSettings } from '../../src/config';
import { manifestValidator, problems } from '../support/schemas';
import {
  bicepOutputs,
  bicepParams,
  envFile,
  inputsOf,
  project,
  runFlow,
  steps,
  toolkitEnvName,
} from '../support/toolkit-flow';

const root = path.join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

/** What the dev tunnel task writes before provision starts (.vscode/tasks.json, "Start local tunnel"). */
function tunnelWrites(): string[] {
  const tasks = JSON.parse(read('.vscode/tasks.json')) as {
    tasks: { label: string; args?: { ports?: { writeToEnvironmentFile?: Record<string, string> }[] } }[];
  };
  const tunnel = tasks.tasks.find((t) => t.label === 'Start local tunnel');
  return (tunnel?.args?.ports ?? []).flatMap((p) => Object.values(p.writeToEnvironmentFile ?? {}));
}

const environments = [
  { file: 'm365agents.yml', env: 'dev', before: [] as string[], bicep: 'infra/main.bicep' },
  { file: 'm365agents.local.yml', env: 'local', before: tunnelWrites(), bicep: 'infra/local-bot.bicep' },
];

/**
 * The Agents Toolkit cannot run here (no Microsoft 365 tenant, no Azure): these run its variable
 * flow on paper, with the rules read from its source (fx-core; see test/support/toolkit-flow.ts),
 * so F5, `atk provision`, `atk deploy` and `atk publish` do not stop at an empty variable.
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
    // botFramework/create registers multi-tenant apps only: F5 deploys an Azure Bot instead.
    expect(uses('m365agents.local.yml')).not.toContain('botFramework/create');
    expect(uses('m365agents.local.yml')).toEqual(
      expect.arrayContaining(['arm/deploy', 'teamsApp/zipAppPackage', 'file/createOrUpdateEnvironmentFile']),
    );
  });

  it('names every Bicep output the way arm/deploy writes it, so the name is the variable', () => {
    expect(toolkitEnvName('botDomain')).toBe('BOTDOMAIN');
    expect(toolkitEnvName('KEYA', 'TABOUTPUT')).toBe('TABOUTPUT__KEYA');
    for (const file of ['infra/main.bicep', 'infra/local-bot.bicep']) {
      const outputs = bicepOutputs(read(file));
      expect(outputs.length).toBeGreaterThan(2);
      expect(outputs.filter((o) => toolkitEnvName(o) !== o)).toEqual([]);
    }
    expect(bicepOutputs(read('infra/main.bicep'))).toEqual(
      expect.arrayContaining(['WEB_APP_RESOURCE_ID', 'BOT_DOMAIN', 'BOT_ID', 'BOT_TENANT_ID']),
    );
  });

  it.each(environments)(
    '$file: every ${{VAR}} is set by an input in env/.env.$env or an earlier step, never empty',
    ({ file, env, before }) => {
      const flow = runFlow(project(file), new Set([...inputsOf(envFile(env)), ...before]));
      expect(flow.resolved).toBeGreaterThan(20);
      expect(flow.missing).toEqual([]);
    },
  );

  it('would catch the output names that stopped provision half-way (camelCase, empty in env/.env.dev)', () => {
    const camel = (file: string): string => {
      const text = read(file);
      return path.normalize(file) === path.normalize('infra/main.bicep')
        ? text
            .replace(/^output WEB_APP_RESOURCE_ID /m, 'output webAppResourceId ')
            .replace(/^output BOT_DOMAIN /m, 'output botDomain ')
        : text;
    };
    const inputs = new Set([...inputsOf(envFile('dev')), 'WEB_APP_RESOURCE_ID', 'BOT_DOMAIN']);
    const withEmpty = inputsOf({ ...envFile('dev') });
    expect(withEmpty.has('BOT_DOMAIN')).toBe(false);
    const flow = runFlow(project('m365agents.yml'), withEmpty, camel);
    expect(flow.written).toContain('BOTDOMAIN');
    expect(flow.missing.map((m) => m.step)).toEqual(
      expect.arrayContaining(['provision[5] aadApp/update', 'deploy[4] azureAppService/zipDeploy']),
    );
    expect(flow.missing.flatMap((m) => m.names)).toEqual(
      expect.arrayContaining(['BOT_DOMAIN', 'WEB_APP_RESOURCE_ID']),
    );
    // A name defined only as an empty key in the env file is not an input.
    expect(runFlow(project('m365agents.yml'), inputs, camel).missing).toEqual([]);
  });

  it('gives every Bicep parameter without a default a value, and no value to a parameter that does not exist', () => {
    for (const [bicep, parameters] of [
      ['infra/main.bicep', 'infra/main.parameters.json'],
      ['infra/local-bot.bicep', 'infra/local-bot.parameters.json'],
    ]) {
      const params = bicepParams(read(bicep));
      const given = Object.keys((JSON.parse(read(parameters)) as { parameters: object }).parameters);
      expect(given.filter((p) => !params.has(p))).toEqual([]);
      const required = [...params].filter(([, p]) => !p.hasDefault).map(([n]) => n);
      expect(required.filter((p) => !given.includes(p))).toEqual([]);
    }
  });

  it('keeps secrets out of the committed env templates and out of git', () => {
    for (const name of ['dev', 'local']) {
      expect(Object.keys(envFile(name)).filter((k) => k.startsWith('SECRET_'))).toEqual([]);
    }
    const ignored = read('.gitignore').split('\n');
    for (const pattern of ['env/.env.*.user', '.localConfigs', 'build']) expect(ignored).toContain(pattern);
  });

  it('gives the Azure bot no secret: the SSO app has none, the web app has no password setting', () => {
    const create = steps(project('m365agents.yml')).find((s) => s.uses === 'aadApp/create')!;
    expect(create.with?.generateClientSecret).toBe(false);
    expect(Object.values(create.writeToEnvironmentFile ?? {}).some((v) => v.startsWith('SECRET_'))).toBe(
      false,
    );
    const bicep = read('infra/main.bicep');
    expect(bicep).not.toMatch(/MicrosoftAppPassword|botAppPassword/);
    expect(bicep).toContain("msaAppType: 'UserAssignedMSI'");
  });

  it('states the F5 dev registration secret lifetime explicitly', () => {
    const create = steps(project('m365agents.local.yml')).find((s) => s.uses === 'aadApp/create')!;
    expect(create.with).toMatchObject({ generateClientSecret: true, clientSecretExpireDays: 180 });
    expect(read('docs/deploy.md')).toMatch(/client secret valid \*\*180 days\*\*/);
  });

  it('pre-authorises all seven Teams, Microsoft 365 and Outlook clients for the tab, in the toolkit and in docs/deploy.md', () => {
    // msteams-docs tabs/how-to/authentication/tab-sso-register-aad.md, "To configure authorized client application".
    const clients = [
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
      '4765445b-32c6-49b0-83e6-1d93765276ca',
      '0ec893e0-5785-4de6-99da-4ed124e5296c',
      'd3590ed6-52b3-4102-aeff-aad2292ab01c',
      'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
      '27922004-5251-4030-b22d-91ecd9a37ea4',
    ];
    const aad = JSON.parse(read('infra/aad.manifest.json')) as {
      preAuthorizedApplications: { appId: string }[];
    };
    expect(aad.preAuthorizedApplications.map((a) => a.appId).sort()).toEqual([...clients].sort());
    const optionB = read('docs/deploy.md').split('## Option B')[1].split('\n## ')[0];
    for (const id of clients) expect(optionB).toContain(id);
  });

  it('writes .localConfigs that the bot accepts as a production configuration', () => {
    const step = steps(project('m365agents.local.yml')).find(
      (s) => s.uses === 'file/createOrUpdateEnvironmentFile',
    )!;
    const values: Record<string, string> = {
      BOT_ID: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      AAD_APP_CLIENT_ID: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      SECRET_AAD_APP_CLIENT_SECRET: 'secret',
      BOT_TENANT_ID: '11111111-2222-4333-8444-555555555555',
      TEAMS_APP_ID: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
      BOT_DOMAIN: 'abc-3978.euw.devtunnels.ms',
      SECRET_LINK_SIGNING_KEY: Buffer.alloc(32, 5).toString('base64'),
    };
    const envs = fillPlaceholders(step.with!.envs as Record<string, string | number>, values);
    const config = parseConfig(Object.fromEntries(Object.entries(envs).map(([k, v]) => [k, String(v)])));
    expect(config.auth?.appId).toBe(values.BOT_ID);
    expect(config.auth?.appType).toBe('SingleTenant');
    expect(config.ssoAppId).toBe(values.AAD_APP_CLIENT_ID);
    expect(config.botDomain).toBe(values.BOT_DOMAIN);
  });

  it('deploys from a staged folder, so the developer keeps their development packages', () => {
    const deploy = project('m365agents.yml').deploy ?? [];
    const prune = deploy.filter((s) => /prune|--omit=dev/.test(String(s.with?.args)));
    expect(prune.length).toBeGreaterThan(0);
    for (const s of prune) expect(s.with?.workingDirectory).toBe('./build/deploy');
    const zip = deploy.find((s) => s.uses === 'azureAppService/zipDeploy')!;
    expect(zip.with?.artifactFolder).toBe('./build/deploy');
  });

  it('fills the manifest the way the toolkit does into a package that validates', () => {
    const template = JSON.parse(read('manifest/manifest.json'));
    const built = buildManifest(
      template,
      parsePackageSettings({
        MicrosoftAppId: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
        TEAMS_APP_ID: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
        SSO_APP_ID: '9e8d7c6b-5a49-4382-9176-a5b4c3d2e1f0',
        BOT_DOMAIN: 'abc-3978.euw.devtunnels.ms',
      }),
    );
    const validate = manifestValidator();
    const ok = validate(built);
    expect(problems(validate)).toEqual([]);
    expect(ok).toBe(true);
    expect(built.validDomains).toEqual(['abc-3978.euw.devtunnels.ms']);
    expect(built.webApplicationInfo).toEqual({
      id: '9e8d7c6b-5a49-4382-9176-a5b4c3d2e1f0',
      resource: 'api://abc-3978.euw.devtunnels.ms/9e8d7c6b-5a49-4382-9176-a5b4c3d2e1f0',
    });
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

describe('staging the deployment (npm run stage:deploy)', () => {
  it('copies only the built app and its package files into build/deploy, never node_modules', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stage-'));
    const files = [
      'dist/src/index.js',
      'dist/cards/help.json',
      'dist/tab/tab.js',
      'node_modules/x/index.js',
      'test/a.ts',
    ];
    for (const item of files) {
      mkdirSync(path.dirname(path.join(dir, item)), { recursive: true });
      writeFileSync(path.join(dir, item), item);
    }
    for (const item of ['package.json', 'package-lock.json']) writeFileSync(path.join(dir, item), '{}');
    const out = stageDeploy(dir);
    expect(out).toBe(path.join(dir, 'build', 'deploy'));
    expect(readdirSync(out).sort()).toEqual(['dist', 'package-lock.json', 'package.json']);
    expect(readdirSync(path.join(out, 'dist')).sort()).toEqual(['cards', 'src', 'tab']);
    expect(existsSync(path.join(dir, 'node_modules', 'x', 'index.js'))).toBe(true);
    expect(DEPLOYED).toEqual(expect.arrayContaining(['dist/src', 'package-lock.json']));
  });
});
