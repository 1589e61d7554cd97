import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { schema, withoutEmpty, type AppType, type LogLevel } from './config-schema';

/** Where the bot keeps its tables. */
export type StorageConfig =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountUrl'; accountUrl: string }
  | { kind: 'embedded'; location: string };

/** The bot's whole configuration, validated. */
export interface Config {
  port: number;
  /** Interface to listen on: 127.0.0.1 in local mode (nothing is authenticated), all in production. */
  host: string;
  /**
   * Bot Framework auth; undefined in local mode (no MicrosoftAppId). With `UserAssignedMSI` the app
   * id is the managed identity's client id and there is no password.
   */
  auth?: {
    appId: string;
    appPassword?: string;
    appType: AppType;
    tenantId?: string;
    /** Where the channel's token signing keys are published (BotOpenIdMetadata); the SDK's default otherwise. */
    openIdMetadata?: string;
  };
  /** The Entra app the overview tab's SSO tokens are issued for (SSO_APP_ID; defaults to the bot's app id). */
  ssoAppId?: string;
  storage: StorageConfig;
  /** Where local mode keeps its files (embedded storage, the generated link-signing key). */
  dataDir: string;
  /** Keys for the bot's own signed links; local mode generates `current` under dataDir when unset. */
  linkSigning: { current?: Uint8Array; previous?: Uint8Array };
  defaultLanguage: 'da' | 'en';
  timeZone: string;
  allowedTenants: string[];
  logLevel: LogLevel;
  /** Start the Agents Playground (local mode only). */
  playground: { enabled: boolean; port: number };
  teamsAppId?: string;
  /** The app's id in the org catalog (Teams admin center), once published there: deep links use it. */
  teamsAppCatalogId?: string;
  botDomain?: string;
  /** Post meeting reminders from this process (REMINDERS=off leaves them out). */
  reminders: boolean;
  /** With reminders on: the daily sweep of re-delivery and reminder claims (RETENTION_SWEEP=off leaves it out). */
  retentionSweep: boolean;
  /** Entra object ids of people who may compare every group of their tenant (`på tværs`). */
  projectLeads: string[];
}

/** A configuration problem, phrased as one line that names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates an environment into a Config; throws ConfigError naming the first bad variable. */
export function parseConfig(given: Record<string, string | undefined>): Config {
  const env = withoutEmpty(given);
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'configuration');
    const value = env[name];
    const shown =
      value === undefined || /Password|CONNECTION_STRING|KEY/i.test(name) ? '' : ` (got "${value}")`;
    throw new ConfigError(
      `Configuration error: ${name}${shown} ${issue.message.replace(/^Invalid/, 'is invalid:')}`,
    );
  }
  const e = result.data;
  const storage: StorageConfig = e.AZURE_STORAGE_CONNECTION_STRING
    ? { kind: 'connectionString', connectionString: e.AZURE_STORAGE_CONNECTION_STRING }
    : e.AZURE_STORAGE_ACCOUNT_URL
      ? { kind: 'accountUrl', accountUrl: e.AZURE_STORAGE_ACCOUNT_URL }
      : { kind: 'embedded', location: path.resolve(e.DATA_DIR, 'azurite') };
  return {
    port: e.PORT,
    host: e.HOST ?? (e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    auth: e.MicrosoftAppId
      ? {
          appId: e.MicrosoftAppId,
          appPassword: e.MicrosoftAppPassword,
          appType: e.MicrosoftAppType,
          tenantId: e.MicrosoftAppTenantId,
          openIdMetadata: e.BotOpenIdMetadata,
        }
      : undefined,
    storage,
    dataDir: path.resolve(e.DATA_DIR),
    linkSigning: {
      current: e.LINK_SIGNING_KEY && new Uint8Array(e.LINK_SIGNING_KEY),
      previous: e.LINK_SIGNING_KEY_PREVIOUS && new Uint8Array(e.LINK_SIGNING_KEY_PREVIOUS),
    },
    defaultLanguage: e.DEFAULT_LANGUAGE,
    timeZone: e.TIME_ZONE,
    allowedTenants: e.ALLOWED_TENANTS,
    logLevel: e.LOG_LEVEL,
    playground: { enabled: !e.MicrosoftAppId && e.PLAYGROUND, port: e.PLAYGROUND_PORT },
    teamsAppId: e.TEAMS_APP_ID,
    teamsAppCatalogId: e.TEAMS_APP_CATALOG_ID,
    ssoAppId: e.SSO_APP_ID ?? e.MicrosoftAppId,
    botDomain: e.BOT_DOMAIN,
    reminders: e.REMINDERS,
    retentionSweep: e.RETENTION_SWEEP,
    projectLeads: e.PROJECT_LEADS,
  };
}

/** What `npm run package` needs: the ids and the domain that go into the Teams app package, nothing secret. */
export interface PackageSettings {
  auth?: { appId: string };
  teamsAppId?: string;
  /** The Entra app of the tab's single sign-on (SSO_APP_ID; defaults to the bot's app id). */
  ssoAppId?: string;
  botDomain?: string;
}

const packageSchema = schema
  .innerType()
  .pick({ MicrosoftAppId: true, TEAMS_APP_ID: true, SSO_APP_ID: true, BOT_DOMAIN: true });

/** Validates the package settings (MicrosoftAppId, TEAMS_APP_ID, SSO_APP_ID, BOT_DOMAIN); throws ConfigError naming the variable. */
export function parsePackageSettings(given: Record<string, string | undefined>): PackageSettings {
  const result = packageSchema.safeParse(withoutEmpty(given));
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`Configuration error: ${name} (got "${given[name]}") ${issue.message}`);
  }
  const e = result.data;
  return {
    auth: e.MicrosoftAppId ? { appId: e.MicrosoftAppId } : undefined,
    teamsAppId: e.TEAMS_APP_ID,
    ssoAppId: e.SSO_APP_ID ?? e.MicrosoftAppId,
    botDomain: e.BOT_DOMAIN,
  };
}

/** Loads `.env` (if present), then reads only the package settings. */
export function loadPackageSettings(): PackageSettings {
  loadDotenv({ quiet: true });
  return parsePackageSettings(process.env);
}

/** Loads `.env` (if present) into the environment, then validates it. The only reader of process.env. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
