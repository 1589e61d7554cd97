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

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === undefined || v === 'on' || v === 'true' || v === '1');

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    AZURE_STORAGE_CONNECTION_STRING: optionalText,
    AZURE_STORAGE_ACCOUNT_URL: optionalText.pipe(z.string().url().startsWith('https://').optional()),
    DATA_DIR: z.string().trim().min(1).default('.data'),
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
    BOT_DOMAIN: optionalText,
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'is required when MicrosoftAppId is set',
      });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
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
    if (env.AZURE_STORAGE_CONNECTION_STRING && env.AZURE_STORAGE_ACCOUNT_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_STORAGE_ACCOUNT_URL'],
        message: 'set either it or AZURE_STORAGE_CONNECTION_STRING, not both',
      });
    }
  });

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
  /** Bot Framework auth; undefined in local mode (no MicrosoftAppId). */
  auth?: { appId: string; appPassword?: string; appType: string; tenantId?: string };
  storage: StorageConfig;
  defaultLanguage: 'da' | 'en';
  timeZone: string;
  allowedTenants: string[];
  logLevel: LogLevel;
  /** Start the Agents Playground (local mode only). */
  playground: { enabled: boolean; port: number };
  teamsAppId?: string;
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
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'configuration');
    const value = env[name];
    const shown = value === undefined || /Password|CONNECTION_STRING/i.test(name) ? '' : ` (got "${value}")`;
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
    auth: e.MicrosoftAppId
      ? {
          appId: e.MicrosoftAppId,
          appPassword: e.MicrosoftAppPassword,
          appType: e.MicrosoftAppType,
          tenantId: e.MicrosoftAppTenantId,
        }
      : undefined,
    storage,
    defaultLanguage: e.DEFAULT_LANGUAGE,
    timeZone: e.TIME_ZONE,
    allowedTenants: e.ALLOWED_TENANTS,
    logLevel: e.LOG_LEVEL,
    playground: { enabled: !e.MicrosoftAppId && e.PLAYGROUND, port: e.PLAYGROUND_PORT },
    teamsAppId: e.TEAMS_APP_ID,
    botDomain: e.BOT_DOMAIN,
    reminders: e.REMINDERS,
    retentionSweep: e.RETENTION_SWEEP,
    projectLeads: e.PROJECT_LEADS,
  };
}

/** Loads `.env` (if present) into the environment, then validates it. The only reader of process.env. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
