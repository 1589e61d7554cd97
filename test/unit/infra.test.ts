import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const bicep = readFileSync(path.join(root, 'infra', 'main.bicep'), 'utf8');
const toolkit = readFileSync(path.join(root, 'm365agents.yml'), 'utf8');

/**
 * No Bicep compiler or Azure runs on this machine, so these read the template for the promises
 * docs/deploy.md makes: keyless storage through a managed identity, Node 24, a bot with a managed
 * identity (no secret) and the Teams channel, and settings the bot's configuration understands.
 */
describe('the Azure deployment (infra/main.bicep)', () => {
  it("reaches Table Storage with the web app's managed identity, never with account keys", () => {
    expect(bicep).toContain("type: 'SystemAssigned, UserAssigned'");
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
      "appCommandLine: 'node --max-old-space-size=224 --max-semi-space-size=2 --heap-growing-percent=10 dist/src/index.js'",
    );
    expect(bicep).toContain("{ name: 'MALLOC_ARENA_MAX', value: '2' }");
    expect(bicep).toContain("healthCheckPath: '/healthz'");
  });

  it('registers an Azure Bot whose identity is a user-assigned managed identity, in the region asked for, with the Teams channel', () => {
    expect(bicep).toContain("resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@");
    expect(bicep).toContain("msaAppType: 'UserAssignedMSI'");
    expect(bicep).toContain('msaAppMSIResourceId: botIdentity.id');
    expect(bicep).toContain('msaAppId: botIdentity.properties.clientId');
    expect(bicep).toContain("userAssignedIdentities: { '${botIdentity.id}': {} }");
    expect(bicep).toContain("endpoint: 'https://${botDomain}/api/messages'");
    expect(bicep).toContain("channelName: 'MsTeamsChannel'");
    expect(bicep).toMatch(/name: 'MicrosoftAppType', value: 'UserAssignedMSI'/);
    expect(bicep).toMatch(/name: 'MicrosoftAppId', value: botIdentity\.properties\.clientId/);
    expect(bicep).toMatch(/@allowed\(\['global', 'westeurope'\]\)\nparam botLocation string = 'westeurope'/);
    expect([...bicep.matchAll(/location: botLocation/g)]).toHaveLength(2);
    expect(bicep).not.toMatch(/location: 'global'/);
  });

  it('gives the web app the org-catalog id and the SSO app id as settings', () => {
    expect(bicep).toMatch(/\{ name: 'TEAMS_APP_CATALOG_ID', value: teamsAppCatalogId \}/);
    expect(bicep).toMatch(/\{ name: 'SSO_APP_ID', value: ssoAppId \}/);
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
    expect(toolkit).toMatch(
      /publish:[\s\S]*teamsApp\/publishAppPackage[\s\S]*TEAMS_APP_CATALOG_ID[\s\S]*uses: arm\/deploy/,
    );
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
