import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const bicep = readFileSync(path.join(root, 'infra', 'main.bicep'), 'utf8');
const toolkit = readFileSync(path.join(root, 'm365agents.yml'), 'utf8');

/**
 * No Bicep compiler or Azure runs on this machine, so these read the template for the promises
 * docs/deploy.md makes: keyless storage through a managed identity, Node 24, single-tenant bot
 * with the Teams channel, and settings the bot's configuration understands.
 */
describe('the Azure deployment (infra/main.bicep)', () => {
  it("reaches Table Storage with the web app's managed identity, never with account keys", () => {
    expect(bicep).toMatch(/identity: \{ type: 'SystemAssigned' \}/);
    expect(bicep).toContain("var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'");
    expect(bicep).toMatch(/principalId: web\.identity\.principalId/);
    expect(bicep).toMatch(/allowSharedKeyAccess: false/);
    expect(bicep).not.toMatch(/listKeys|AccountKey|AZURE_STORAGE_CONNECTION_STRING/);
    expect(bicep).toMatch(
      /name: 'AZURE_STORAGE_ACCOUNT_URL', value: storage\.properties\.primaryEndpoints\.table/,
    );
  });

  it('runs the built bot on Linux and Node 24 LTS with the heap cap npm start uses and a generated link-signing key', () => {
    expect(bicep).toContain("linuxFxVersion: 'NODE|24-lts'");
    expect(bicep).toMatch(/\{ name: 'LINK_SIGNING_KEY', value: linkSigningKey \}/);
    expect(bicep).toMatch(/@secure\(\)\n@description\([^\n]*\)\nparam linkSigningKey string = base64\(/);
    expect(bicep).toContain(
      "appCommandLine: 'node --max-old-space-size=160 --max-semi-space-size=2 dist/src/index.js'",
    );
    expect(bicep).toContain("{ name: 'MALLOC_ARENA_MAX', value: '2' }");
    expect(bicep).toContain("healthCheckPath: '/healthz'");
  });

  it('registers a single-tenant Azure Bot pointing at /api/messages, with the Teams channel', () => {
    expect(bicep).toContain("msaAppType: 'SingleTenant'");
    expect(bicep).toContain("endpoint: 'https://${botDomain}/api/messages'");
    expect(bicep).toContain("channelName: 'MsTeamsChannel'");
    expect(bicep).toMatch(/name: 'MicrosoftAppType', value: 'SingleTenant'/);
  });

  it('sets only settings the bot reads (src/config-schema.ts)', () => {
    const config = readFileSync(path.join(root, 'src', 'config-schema.ts'), 'utf8');
    const names = [...bicep.matchAll(/\{ name: '([A-Za-z_]+)', value:/g)].map((m) => m[1]);
    const appServiceOwn = [
      'SCM_DO_BUILD_DURING_DEPLOYMENT',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      'ApplicationInsightsAgent_EXTENSION_VERSION',
      'MALLOC_ARENA_MAX',
    ];
    expect(names.length).toBeGreaterThan(8);
    for (const n of names.filter((x) => !appServiceOwn.includes(x))) expect(config).toContain(`${n}:`);
  });

  it('has the toolkit provision, deploy and publish with the app package from manifest/', () => {
    for (const step of [
      'provision:',
      'deploy:',
      'publish:',
      'uses: arm/deploy',
      'path: ./infra/main.bicep',
      'uses: azureAppService/zipDeploy',
    ]) {
      expect(toolkit).toContain(step);
    }
    expect(toolkit).toContain('manifestPath: ./manifest/manifest.json');
    expect(toolkit).toContain('appPackagePath: ./build/appPackage.${{TEAMSFX_ENV}}.zip');
  });
});
