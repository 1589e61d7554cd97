import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { ConfigError, parseConfig } from '../../src/config';

describe('configuration', () => {
  it('runs locally with embedded storage, Danish and Copenhagen time when nothing is set', () => {
    const c = parseConfig({});
    expect(c.port).toBe(3978);
    expect(c.auth).toBeUndefined();
    expect(c.storage.kind).toBe('embedded');
    expect(c.storage.kind === 'embedded' && c.storage.location.endsWith('.data/azurite')).toBe(true);
    expect(c.defaultLanguage).toBe('da');
    expect(c.timeZone).toBe('Europe/Copenhagen');
    expect(c.playground).toEqual({ enabled: true, port: 56150 });
  });

  it('chooses a connection string, or an account URL for managed identity', () => {
    expect(parseConfig({ AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).storage.kind).toBe(
      'connectionString',
    );
    expect(parseConfig({ AZURE_STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net' }).storage).toEqual(
      {
        kind: 'accountUrl',
        accountUrl: 'https://acct.table.core.windows.net',
      },
    );
  });

  it('never starts the playground or embedded storage in production mode', () => {
    expect(() =>
      parseConfig({
        MicrosoftAppId: 'a5c1f7e2-0000-4000-8000-000000000001',
        MicrosoftAppPassword: 'p',
        MicrosoftAppType: 'MultiTenant',
      }),
    ).toThrow(
      /AZURE_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING is required when MicrosoftAppId is set/,
    );
    const c = parseConfig({
      MicrosoftAppId: 'a5c1f7e2-0000-4000-8000-000000000001',
      MicrosoftAppPassword: 'p',
      MicrosoftAppType: 'MultiTenant',
      LINK_SIGNING_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      PLAYGROUND: 'on',
      AZURE_STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net',
    });
    expect(c.storage.kind).toBe('accountUrl');
    expect(c.playground.enabled).toBe(false);
    expect(c.auth?.appId).toBe('a5c1f7e2-0000-4000-8000-000000000001');
    expect(parseConfig({ PLAYGROUND: 'off' }).playground.enabled).toBe(false);
    expect(c.host).toBe('0.0.0.0');
  });

  it('listens only on this machine in local mode unless HOST says otherwise', () => {
    expect(parseConfig({}).host).toBe('127.0.0.1');
    expect(parseConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('treats an empty variable as unset, as in a copied .env', () => {
    const c = parseConfig({ DATA_DIR: '', PORT: '', HOST: ' ', LINK_SIGNING_KEY: '', MicrosoftAppType: '' });
    expect(c.port).toBe(3978);
    expect(c.host).toBe('127.0.0.1');
    expect(c.storage.kind === 'embedded' && c.storage.location.endsWith('.data/azurite')).toBe(true);
    expect(c.linkSigning.current).toBeUndefined();
  });

  it('reads the link-signing keys, the previous one kept for a rotation', () => {
    const c = parseConfig({
      LINK_SIGNING_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      LINK_SIGNING_KEY_PREVIOUS: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(Buffer.from(c.linkSigning.current!).toString()).toBe('0123456789abcdef0123456789abcdef');
    expect(c.linkSigning.previous).toEqual(new Uint8Array(32).fill(1));
  });

  it('splits ALLOWED_TENANTS on commas', () => {
    expect(parseConfig({ ALLOWED_TENANTS: ' t1, t2 ,' }).allowedTenants).toEqual(['t1', 't2']);
  });

  it.each([
    [{ PORT: 'abc' }, /^Configuration error: PORT \(got "abc"\)/],
    [{ DEFAULT_LANGUAGE: 'sv' }, /^Configuration error: DEFAULT_LANGUAGE \(got "sv"\)/],
    [{ TIME_ZONE: 'Mars/Olympus' }, /TIME_ZONE .*is not an IANA time zone/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ PLAYGROUND: 'maybe' }, /PLAYGROUND/],
    [{ AZURE_STORAGE_ACCOUNT_URL: 'http://insecure' }, /AZURE_STORAGE_ACCOUNT_URL/],
    [{ MicrosoftAppId: 'x', MicrosoftAppPassword: 'p' }, /MicrosoftAppTenantId is required for SingleTenant/],
    [
      {
        MicrosoftAppId: 'x',
        MicrosoftAppPassword: 'p',
        MicrosoftAppTenantId: 't',
        AZURE_STORAGE_ACCOUNT_URL: 'https://a',
      },
      /^Configuration error: LINK_SIGNING_KEY is required when MicrosoftAppId is set/,
    ],
    [
      { LINK_SIGNING_KEY: 'c2hvcnQ=' },
      /^Configuration error: LINK_SIGNING_KEY must be at least 32 random bytes/,
    ],
    [{ MicrosoftAppId: 'x' }, /MicrosoftAppPassword is required/],
    [{ AZURE_STORAGE_CONNECTION_STRING: 'a', AZURE_STORAGE_ACCOUNT_URL: 'https://b' }, /not both/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      parseConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('never prints a secret in its message', () => {
    expect(() =>
      parseConfig({ MicrosoftAppPassword: '', MicrosoftAppId: 'x', MicrosoftAppType: 'Bogus' }),
    ).toThrow(/MicrosoftAppType/);
    expect(() =>
      parseConfig({ AZURE_STORAGE_CONNECTION_STRING: 'secret-key', AZURE_STORAGE_ACCOUNT_URL: 'https://b' }),
    ).not.toThrow(/secret-key/);
  });
});

describe('.env.example', () => {
  const root = path.join(__dirname, '..', '..');
  const text = readFileSync(path.join(root, '.env.example'), 'utf8');

  it('documents every variable the configuration reads', () => {
    const documented = Object.keys(parse(text));
    const read = [
      'PORT',
      'HOST',
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'MicrosoftAppType',
      'MicrosoftAppTenantId',
      'AZURE_STORAGE_CONNECTION_STRING',
      'AZURE_STORAGE_ACCOUNT_URL',
      'DATA_DIR',
      'LINK_SIGNING_KEY',
      'LINK_SIGNING_KEY_PREVIOUS',
      'DEFAULT_LANGUAGE',
      'TIME_ZONE',
      'ALLOWED_TENANTS',
      'LOG_LEVEL',
      'PLAYGROUND',
      'PLAYGROUND_PORT',
      'TEAMS_APP_ID',
      'TEAMS_APP_CATALOG_ID',
      'BOT_DOMAIN',
    ];
    expect(documented.sort()).toEqual(read.sort());
    const source = readFileSync(path.join(root, 'src', 'config-schema.ts'), 'utf8');
    for (const name of read) expect(source).toContain(`${name}:`);
  });

  it('is a valid local configuration as it stands', () => {
    const c = parseConfig(parse(text));
    expect(c.auth).toBeUndefined();
    expect(c.storage.kind).toBe('embedded');
  });
});
