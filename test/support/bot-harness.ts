import { randomUUID } from 'node:crypto';
import { parseConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/log';
import { startBot, type RunningBot, type StartOptions } from '../../src/runtime';
import { testConnectionString } from './azurite';
import { startFakeConnector, type FakeConnector, type FakeConnectorOptions } from './fake-connector';

/** The bot's answer to one activity over HTTP. */
export interface HttpAnswer {
  status: number;
  body: Record<string, unknown> | undefined;
}

/** A bot started through the real entry point against the test Azurite, with a recording connector. */
export interface TestBot {
  connector: FakeConnector;
  running: RunningBot;
  /** POSTs an activity to /api/messages exactly as Teams would, then waits until the bot's sends are out. */
  send(activity: Record<string, unknown>): Promise<HttpAnswer>;
  /** Stops the bot and starts a new one on the same storage (the connector stays). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** When the tests run (each reading of the clock is 1 ms later): meetings in 2027 are in the future. */
export const TEST_NOW = new Date('2026-11-26T09:00:00Z');

/**
 * Starts a bot for a test; extra environment variables override the defaults; `clock` replaces the
 * test clock; `onStorageRequest` sees (and may hold) every request to storage; `outboxScope`: the
 * same scope for several bots makes them instances of one bot (sharing the outbox's leases).
 */
export async function startTestBot(
  env: Record<string, string> = {},
  connectorOptions: FakeConnectorOptions = {},
  log?: Logger,
  clock?: () => Date,
  onStorageRequest?: StartOptions['onStorageRequest'],
  sharedScope?: string,
): Promise<TestBot> {
  const connector = await startFakeConnector(connectorOptions);
  const config = parseConfig({
    PORT: '0',
    AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
    PLAYGROUND: 'off',
    REMINDERS: 'off',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  let tick = 0;
  const now = clock ?? ((): Date => new Date(TEST_NOW.getTime() + tick++));
  // Each test's bot has its own outbox leases (the tests share one Azurite); its restart keeps them.
  const outboxScope = sharedScope ?? randomUUID();
  const start = (): Promise<RunningBot> =>
    startBot(config, log ?? createLogger(config.logLevel), {
      now,
      host: '127.0.0.1',
      onStorageRequest,
      outboxScope,
    });
  let running = await start();
  const harness: TestBot = {
    connector,
    get running() {
      return running;
    },
    async send(activity) {
      const res = await fetch(`${running.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      // Shared cards are updated after the turn; wait for them so tests read what people would see.
      await running.idle();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
    },
    async restart() {
      await running.stop();
      running = await start();
    },
    async stop() {
      await running.stop();
      await connector.close();
    },
  };
  return harness;
}
