import AdmZip from 'adm-zip';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PackageSettings } from '../src/config';

/** The bot id the playground's mock chat uses (playground/.m365agentsplayground.yml). */
export const LOCAL_BOT_ID = '00000000-0000-4000-8000-000000000011';

/** Files of the Teams app package besides manifest.json. */
export const PACKAGE_FILES = ['en.json', 'color.png', 'outline.png'] as const;

type Manifest = Record<string, unknown> & { bots: Record<string, unknown>[] };

/** The Agents Toolkit's placeholders, `${{NAME}}`, as the manifest template uses them. */
export const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Fills every `${{NAME}}` the way the toolkit's teamsApp/zipAppPackage does; a name without a value is an error. */
export function fillPlaceholders<T>(template: T, values: Record<string, string>): T {
  const missing = new Set<string>();
  const text = JSON.stringify(template).replace(PLACEHOLDER, (_all, name: string) => {
    if (values[name] === undefined) missing.add(name);
    return JSON.stringify(values[name] ?? '').slice(1, -1);
  });
  if (missing.size) throw new Error(`No value for ${[...missing].join(', ')} in the Teams app manifest`);
  return JSON.parse(text) as T;
}

/** Without the bot's public host (local), the package has no tabs, no SSO and no valid domains. */
function withoutTabs(manifest: Manifest): Manifest {
  const { configurableTabs, staticTabs, webApplicationInfo, ...rest } = manifest;
  void configurableTabs;
  void staticTabs;
  void webApplicationInfo;
  return { ...rest, validDomains: [] } as Manifest;
}

/** The host of the developer pages (privacy, terms) in a package made without BOT_DOMAIN. */
const LOCAL_DOMAIN = 'localhost';

/**
 * The manifest with its placeholders filled: BOT_ID (the bot's app id, or the playground's bot),
 * TEAMS_APP_ID (defaults to the bot id), AAD_APP_CLIENT_ID (the tab's SSO app: SSO_APP_ID, or the
 * bot id) and BOT_DOMAIN (the host of the tabs and the privacy and terms pages; none: no tabs).
 */
export function buildManifest(template: Manifest, settings: PackageSettings): Manifest {
  const botId = settings.auth?.appId ?? LOCAL_BOT_ID;
  const values: Record<string, string> = {
    BOT_ID: botId,
    TEAMS_APP_ID: settings.teamsAppId ?? botId,
    AAD_APP_CLIENT_ID: settings.ssoAppId ?? botId,
    BOT_DOMAIN: settings.botDomain ?? LOCAL_DOMAIN,
  };
  return fillPlaceholders(settings.botDomain ? template : withoutTabs(template), values);
}

/** The next patch version: "0.1.9" → "0.1.10" (the org catalog takes an update only with a higher one). */
export function nextVersion(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`The manifest's version "${version}" is not major.minor.patch`);
  return `${m[1]}.${m[2]}.${Number(m[3]) + 1}`;
}

/** Raises manifest/manifest.json's patch version in place (nothing else in the file changes); the new version. */
export function bumpManifestVersion(root: string): string {
  const file = path.join(root, 'manifest', 'manifest.json');
  const text = readFileSync(file, 'utf8');
  const current = (JSON.parse(text) as { version: string }).version;
  const next = nextVersion(current);
  writeFileSync(file, text.replace(`"version": "${current}"`, `"version": "${next}"`));
  return next;
}

/** Writes `build/appPackage.zip`: the filled-in manifest, its localization file and the icons. */
export function writeAppPackage(root: string, settings: PackageSettings): string {
  const dir = path.join(root, 'manifest');
  const template = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(buildManifest(template, settings), null, 2)));
  for (const file of PACKAGE_FILES) zip.addFile(file, readFileSync(path.join(dir, file)));
  mkdirSync(path.join(root, 'build'), { recursive: true });
  const out = path.join(root, 'build', 'appPackage.zip');
  zip.writeZip(out);
  return out;
}
