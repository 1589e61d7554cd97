import AdmZip from 'adm-zip';
import { mkdtempSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  bumpManifestVersion,
  buildManifest,
  LOCAL_BOT_ID,
  nextVersion,
  writeAppPackage,
} from '../../scripts/app-package';
import { parseCommand } from '../../src/bot/commands';
import { parseConfig, parsePackageSettings } from '../../src/config';
import {
  localizationValidator,
  manifestValidator,
  newestManifestVersion,
  problems,
} from '../support/schemas';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'manifest', 'manifest.json'), 'utf8'));

function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(path.join(root, 'manifest', file));
  expect(buf.subarray(1, 4).toString()).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('Teams app manifest', () => {
  it('is on the newest manifest schema in @microsoft/app-manifest, and validates against it', () => {
    const newest = newestManifestVersion();
    expect(Number(newest.split('.')[1])).toBeGreaterThanOrEqual(30);
    expect(manifest.manifestVersion).toBe(newest);
    expect(manifest.$schema).toContain(`/teams/v${newest}/MicrosoftTeams.schema.json`);
    const en = JSON.parse(readFileSync(path.join(root, 'manifest', 'en.json'), 'utf8'));
    expect(en.$schema).toContain(`/teams/v${newest}/MicrosoftTeams.Localization.schema.json`);
  });

  it("links its privacy and terms pages and website on the bot's own domain", () => {
    const built = buildManifest(
      manifest,
      parsePackageSettings({ BOT_DOMAIN: 'erfaringsgruppe.azurewebsites.net' }),
    ) as typeof manifest;
    expect(built.developer).toEqual({
      name: 'Erfaringsgruppe',
      websiteUrl: 'https://erfaringsgruppe.azurewebsites.net/',
      privacyUrl: 'https://erfaringsgruppe.azurewebsites.net/privatliv',
      termsOfUseUrl: 'https://erfaringsgruppe.azurewebsites.net/vilkaar',
    });
    expect(JSON.stringify(manifest)).not.toContain('.example');
  });

  it('validates, with the bot in group chats, teams and personal chats', () => {
    const validate = manifestValidator();
    const ok = validate(
      buildManifest(manifest, parsePackageSettings({ BOT_DOMAIN: 'erfaringsgruppe.azurewebsites.net' })),
    );
    expect(problems(validate)).toEqual([]);
    expect(ok).toBe(true);
    expect(manifest.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('da');
  });

  it('installs into a group chat with the bot by default, and lists the commands that work in each scope', () => {
    expect(manifest.defaultInstallScope).toBe('groupChat');
    expect(manifest.defaultGroupCapability.groupchat).toBe('bot');
    const list = (scope: string): string[] =>
      manifest.bots[0].commandLists
        .find((l: { scopes: string[] }) => l.scopes.includes(scope))
        .commands.map((c: { title: string }) => c.title);
    expect(list('groupChat')).toEqual(expect.arrayContaining(['påmind', 'slet gruppe', 'inviter 1']));
    expect(list('personal')).toEqual(expect.arrayContaining(['mine data', 'slet mine data']));
    for (const scope of ['groupChat', 'personal'])
      for (const title of list(scope)) expect(parseCommand(title)).toBeDefined();
  });

  it('has an English localization file that validates against the localization schema', () => {
    const en = JSON.parse(readFileSync(path.join(root, 'manifest', 'en.json'), 'utf8'));
    const validate = localizationValidator();
    const ok = validate(en);
    expect(problems(validate)).toEqual([]);
    expect(ok).toBe(true);
    const commands = manifest.bots[0].commandLists.flatMap((l: { commands: unknown[] }, i: number) =>
      l.commands.map((_c, j) => `bots[0].commandLists[${i}].commands[${j}].title`),
    );
    for (const key of commands) expect(en[key]).toBeTruthy();
  });

  it('has a 192×192 color icon and a 32×32 outline icon', () => {
    expect(pngSize('color.png')).toEqual({ width: 192, height: 192 });
    expect(pngSize('outline.png')).toEqual({ width: 32, height: 32 });
  });

  it('fills in the bot id, app id and domain from the configuration', () => {
    const config = parseConfig({
      MicrosoftAppId: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'MultiTenant',
      LINK_SIGNING_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      TEAMS_APP_ID: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
      BOT_DOMAIN: 'erfaringsgruppe.azurewebsites.net',
      AZURE_STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net',
    });
    const built = buildManifest(manifest, config);
    expect(built.id).toBe('7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6');
    expect(built.bots[0].botId).toBe('3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b');
    expect(built.validDomains).toEqual(['erfaringsgruppe.azurewebsites.net']);
    const validate = manifestValidator();
    expect(validate(built)).toBe(true);
  });

  it('adds the overview tabs and SSO for the deployed domain, and leaves them out locally', () => {
    const config = parseConfig({
      MicrosoftAppId: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'MultiTenant',
      LINK_SIGNING_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      BOT_DOMAIN: 'erfaringsgruppe.azurewebsites.net',
      AZURE_STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net',
    });
    const built = buildManifest(manifest, config) as Record<string, never> & typeof manifest;
    expect(built.configurableTabs[0].configurationUrl).toBe(
      'https://erfaringsgruppe.azurewebsites.net/tab/config.html',
    );
    expect(built.configurableTabs[0].scopes).toEqual(['groupChat', 'team']);
    expect(built.staticTabs[0].contentUrl).toBe('https://erfaringsgruppe.azurewebsites.net/tab/mine.html');
    // Without SSO_APP_ID the bot's own app registration is the tab's SSO audience.
    expect(built.webApplicationInfo).toEqual({
      id: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      resource: 'api://erfaringsgruppe.azurewebsites.net/3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
    });
    expect(JSON.stringify(built)).not.toContain('erfaringsgruppe.example/tab');
    const local = buildManifest(manifest, parseConfig({}));
    expect(local).not.toHaveProperty('configurableTabs');
    expect(local).not.toHaveProperty('webApplicationInfo');
    const validate = manifestValidator();
    expect(validate(built)).toBe(true);
    expect(validate(local)).toBe(true);
  });

  it('writes build/appPackage.zip with the manifest, its translation and both icons', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pkg-'));
    cpSync(path.join(root, 'manifest'), path.join(dir, 'manifest'), { recursive: true });
    const out = writeAppPackage(dir, parseConfig({}));
    const zip = new AdmZip(out);
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(zip.readAsText('manifest.json'));
    expect(packaged.bots[0].botId).toBe(LOCAL_BOT_ID);
  });

  it('packages with only the app id and the domain: no secret, no storage settings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pkg-'));
    cpSync(path.join(root, 'manifest'), path.join(dir, 'manifest'), { recursive: true });
    const settings = parsePackageSettings({
      MicrosoftAppId: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      BOT_DOMAIN: 'erfaringsgruppe.azurewebsites.net',
      MicrosoftAppPassword: '',
    });
    const packaged = JSON.parse(new AdmZip(writeAppPackage(dir, settings)).readAsText('manifest.json'));
    expect(packaged.id).toBe('3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b');
    expect(packaged.validDomains).toEqual(['erfaringsgruppe.azurewebsites.net']);
    expect(JSON.stringify(packaged)).not.toContain('${{');
    expect(manifestValidator()(packaged)).toBe(true);
    expect(() => parsePackageSettings({ BOT_DOMAIN: 'https://x.example/' })).toThrow(
      /^Configuration error: BOT_DOMAIN/,
    );
  });

  it('raises the patch version on every `npm run package`, leaving the rest of the file as it was', () => {
    expect(nextVersion('0.1.9')).toBe('0.1.10');
    expect(() => nextVersion('1.0')).toThrow(/major\.minor\.patch/);
    const dir = mkdtempSync(path.join(tmpdir(), 'pkg-'));
    cpSync(path.join(root, 'manifest'), path.join(dir, 'manifest'), { recursive: true });
    const before = readFileSync(path.join(dir, 'manifest', 'manifest.json'), 'utf8');
    const first = bumpManifestVersion(dir);
    const second = bumpManifestVersion(dir);
    expect(first).toBe(nextVersion(manifest.version));
    expect(second).toBe(nextVersion(first));
    const after = readFileSync(path.join(dir, 'manifest', 'manifest.json'), 'utf8');
    expect(after.replace(`"version": "${second}"`, `"version": "${manifest.version}"`)).toBe(before);
    const packaged = JSON.parse(
      new AdmZip(writeAppPackage(dir, parseConfig({}))).readAsText('manifest.json'),
    );
    expect(packaged.version).toBe(second);
    const script = readFileSync(path.join(root, 'scripts', 'package-app.ts'), 'utf8');
    expect(script).toMatch(/bumpManifestVersion\(projectRoot\(\)\)[\s\S]*writeAppPackage/);
  });
});
