import { z } from 'zod';

/** Log levels, quietest last. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
/** One of LOG_LEVELS. */
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

/** A comma-separated list; blank entries dropped. */
const commaList = optionalText.transform((v) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [],
);

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === undefined || v === 'on' || v === 'true' || v === '1');

/** How the bot signs in to the Bot Framework: an app registration (one or many tenants) or a managed identity. */
export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
/** One of APP_TYPES. */
export type AppType = (typeof APP_TYPES)[number];

/** The environment variables the bot reads, validated (see README's configuration table). */
export const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: optionalText,
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(APP_TYPES).default('SingleTenant'),
    MicrosoftAppTenantId: optionalText,
    BotOpenIdMetadata: optionalText.pipe(
      z
        .string()
        .url()
        .refine(
          (u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u),
          'must be an https:// URL (http:// only on this machine)',
        )
        .optional(),
    ),
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
    ALLOWED_TENANTS: commaList,
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    PLAYGROUND: onOff,
    REMINDERS: onOff,
    RETENTION_SWEEP: onOff,
    PROJECT_LEADS: commaList,
    PLAYGROUND_PORT: z.coerce.number().int().min(1).max(65535).default(56150),
    TEAMS_APP_ID: optionalText.pipe(z.string().uuid().optional()),
    TEAMS_APP_CATALOG_ID: optionalText.pipe(z.string().uuid().optional()),
    SSO_APP_ID: optionalText.pipe(z.string().uuid().optional()),
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
    const msi = env.MicrosoftAppType === 'UserAssignedMSI';
    if (env.MicrosoftAppId && (env.MicrosoftAppType === 'SingleTenant' || msi) && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: `is required for ${env.MicrosoftAppType}`,
      });
    }
    if (env.MicrosoftAppId && msi && env.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'must be empty for UserAssignedMSI (the managed identity has no secret)',
      });
    }
    if (env.MicrosoftAppId && msi && !env.SSO_APP_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['SSO_APP_ID'],
        message:
          "is required for UserAssignedMSI: the client id of the Entra app the overview tab's single sign-on is issued for",
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
export function withoutEmpty(env: Record<string, string | undefined>): Record<string, string | undefined> {
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
