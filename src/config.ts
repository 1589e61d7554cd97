import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { z } from 'zod';

/** Log levels, quietest last. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** A signing key: base64 of at least 32 random bytes. */
const signingKey = optionalText.pipe(
  z
    .string()
    .regex(/^[A-Za-z0-9+/_-]+={0,2}$/, 'is not base64')
    .transform((v) => Buffer.from(v, 'base64'))
    .refine((b) => b.length >= 32, 'must be at least 32 random bytes, base64 (openssl rand -base64 32)')
    .optional(),
);

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === undefined || v === 'on' || v === 'true' || v === '1');

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: optionalText,
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MicrosoftAppTenantId: optionalText,
    AZURE_STORAGE_CONNECTION_STRING: optionalText,
    AZURE_STORAGE_ACCOUNT_URL: optionalText.pipe(z.string().url().startsWith('https://').optional()),
    DATA_DIR: z.string().trim().min(1).default('.data'),
    LINK_SIGNING_KEY: signingKey,
    LINK_SIGNING_KEY_PREVIOUS: signingKey,
    DEFAULT_LANGUAGE: z.enum(['da', 'en']).default('da'),
    TIME_ZONE: z
      .string()
      .default('Europe/Copenhagen')
      .refine(isTimeZone, { message: 'is not an IANA time zone (e.g. Europe/Copenhagen)' }),
    ALLOWED_TENANTS: optionalText.transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    PLAYGROUND: onOff,
    REMINDERS: onOff,
    RETENTION_SWEEP: onOff,
    PROJECT_LEADS: optionalText.transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
    PLAYGROUND_PORT: z.coerce.number().int().min(1).max(65535).default(56150),
    TEAMS_APP_ID: optionalText.pipe(z.string().uuid().optional()),
    TEAMS_APP_CATALOG_ID: optionalText.pipe(z.string().uuid().optional()),
    BOT_DOMAIN: optionalText.pipe(
      z
        .string()
        .regex(
          /^[A-Za-z0-9.-]+$/,
          'is a host name without https:// or a path, e.g. erfaringsgruppe.azurewebsites.net',
        )
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'is required when MicrosoftAppId is set',
      });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: 'is required for SingleTenant',
      });
    }
    if (env.MicrosoftAppId && !env.AZURE_STORAGE_CONNECTION_STRING && !env.AZURE_STORAGE_ACCOUNT_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_STORAGE_ACCOUNT_URL'],
        message:
          'or AZURE_STORAGE_CONNECTION_STRING is required when MicrosoftAppId is set (production never uses embedded storage)',
      });
    }
    if (env.MicrosoftAppId && !env.LINK_SIGNING_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['LINK_SIGNING_KEY'],
        message:
          'is required when MicrosoftAppId is set (links must work on every instance and after a restart)',
      });
    }
    if (env.AZURE_STORAGE_CONNECTION_STRING && env.AZURE_STORAGE_ACCOUNT_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_STORAGE_ACCOUNT_URL'],
        message: 'set either it or AZURE_STORAGE_CONNECTION_STRING, not both',
      });
    }
  });

/** An empty (or blank) variable means unset, as in a copied `.env` with nothing after the `=`. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === undefined || v.trim() === '' ? undefined : v]),
  );
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

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
  /** Bot Framework auth; undefined in local mode (no MicrosoftAppId). */
  auth?: { appId: string; appPassword?: string; appType: string; tenantId?: string };
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
  botDomain?: string;
}

const packageSchema = schema.innerType().pick({ MicrosoftAppId: true, TEAMS_APP_ID: true, BOT_DOMAIN: true });

/** Validates the package settings (MicrosoftAppId, TEAMS_APP_ID, BOT_DOMAIN); throws ConfigError naming the variable. */
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
