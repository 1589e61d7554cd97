import AdmZip from 'adm-zip';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../src/config';

/** The bot id the playground's mock chat uses (playground/.m365agentsplayground.yml). */
export const LOCAL_BOT_ID = '00000000-0000-4000-8000-000000000011';

/** Files of the Teams app package besides manifest.json. */
export const PACKAGE_FILES = ['en.json', 'color.png', 'outline.png'] as const;

type Manifest = Record<string, unknown> & { bots: Record<string, unknown>[] };

/** The host the template's tab URLs use; replaced by BOT_DOMAIN. */
const TEMPLATE_DOMAIN = 'erfaringsgruppe.example';

/** The tabs need the bot's public host: with it, their URLs and SSO; without it (local), no tabs. */
function withTabs(manifest: Manifest, appId: string, domain: string | undefined): Manifest {
  const { configurableTabs, staticTabs, webApplicationInfo, ...rest } = manifest;
  if (!domain) return rest as Manifest;
  const onDomain = <T>(value: T): T =>
    JSON.parse(JSON.stringify(value).replaceAll(`https://${TEMPLATE_DOMAIN}/`, `https://${domain}/`)) as T;
  void webApplicationInfo;
  return {
    ...rest,
    configurableTabs: onDomain(configurableTabs),
    staticTabs: onDomain(staticTabs),
    webApplicationInfo: { id: appId, resource: `api://${domain}/${appId}` },
  };
}

/** The manifest with the ids and domain filled in from the configuration. */
export function buildManifest(
  template: Manifest,
  config: Pick<Config, 'auth' | 'teamsAppId' | 'botDomain'>,
): Manifest {
  const botId = config.auth?.appId ?? LOCAL_BOT_ID;
  return {
    ...withTabs(template, botId, config.botDomain),
    id: config.teamsAppId ?? botId,
    bots: template.bots.map((b, i) => (i === 0 ? { ...b, botId } : b)),
    validDomains: config.botDomain ? [config.botDomain] : [],
  };
}

/** Writes `build/appPackage.zip`: the filled-in manifest, its localization file and the icons. */
export function writeAppPackage(
  root: string,
  config: Pick<Config, 'auth' | 'teamsAppId' | 'botDomain'>,
): string {
  const dir = path.join(root, 'manifest');
  const template = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(buildManifest(template, config), null, 2)));
  for (const file of PACKAGE_FILES) zip.addFile(file, readFileSync(path.join(dir, file)));
  mkdirSync(path.join(root, 'build'), { recursive: true });
  const out = path.join(root, 'build', 'appPackage.zip');
  zip.writeZip(out);
  return out;
}
