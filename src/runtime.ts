import type { Server } from 'restify';
import type { AppDeps } from './app/context';
import { activityProblem } from './bot/activity-shape';
import { createAdapter, createOutbox } from './bot/adapter';
import { ErfaringsgruppeBot } from './bot/bot';
import type { Config } from './config';
import type { Logger } from './log';
import { createServer } from './server';
import { startAzurite, type EmbeddedAzurite } from './store/azurite';
import { azuriteConnectionString, openTableStore, type StorageTarget } from './store/connect';
import type { GroupStore } from './store/group-store';

/** A running bot: its HTTP address, its store, and how to stop everything it started. */
export interface RunningBot {
  url: string;
  port: number;
  store: GroupStore;
  /** Where embedded Azurite listens, when the bot started one. */
  azurite?: { host: string; port: number };
  /** Resolves when every card update and message waiting to be sent has been sent. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Optional seams for tests and the benchmark: a clock, the host, and a storage round-trip counter. */
export interface StartOptions {
  now?: () => Date;
  host?: string;
  onStorageRequest?: () => void;
  /** Wraps each request's handling (the benchmark attributes storage round trips to turns with it). */
  aroundTurn?: (activityId: string | undefined, handle: () => Promise<void>) => Promise<void>;
}

const EMBEDDED_TABLE_PORT = 10002;

async function storageTarget(
  config: Config,
  log: Logger,
): Promise<{ target: StorageTarget; azurite?: EmbeddedAzurite }> {
  const s = config.storage;
  if (s.kind === 'connectionString') return { target: { connectionString: s.connectionString } };
  if (s.kind === 'accountUrl') return { target: { accountUrl: s.accountUrl } };
  const azurite = await startAzurite({ location: s.location, preferredPort: EMBEDDED_TABLE_PORT });
  log.info('storage.embedded', { location: s.location, port: azurite.port });
  return { target: { connectionString: azuriteConnectionString(azurite.host, azurite.port) }, azurite };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address().port));
  });
}

/** Starts storage (embedded Azurite when none is configured), the store, the adapter and the HTTP server. */
export async function startBot(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const { target, azurite } = await storageTarget(config, log);
  try {
    const store = await openTableStore(target, { onRequest: options.onStorageRequest });
    const app: AppDeps = {
      store,
      now: options.now ?? (() => new Date()),
      timeZone: config.timeZone,
      defaultLanguage: config.defaultLanguage,
    };
    const adapter = createAdapter(config, log);
    const outbox = createOutbox(adapter, config, app, log);
    const bot = new ErfaringsgruppeBot(
      { app, outbox, log },
      { defaultLanguage: config.defaultLanguage, allowedTenants: config.allowedTenants },
    );
    const server = createServer({
      messages: async (req, res) => {
        const problem = config.auth && !req.headers.authorization ? undefined : activityProblem(req.body);
        if (problem) {
          log.info('activity.malformed', { problem });
          res.send(400, { error: `malformed activity: ${problem}` });
          return;
        }
        const handle = (): Promise<void> => adapter.process(req, res, (context) => bot.run(context));
        const id = (req.body as { id?: unknown }).id;
        await (options.aroundTurn
          ? options.aroundTurn(typeof id === 'string' ? id : undefined, handle)
          : handle());
      },
      health: () => store.ping(),
    });
    const host = options.host ?? '0.0.0.0';
    const port = await listen(server, config.port, host);
    const stop = async (): Promise<void> => {
      await outbox.idle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeIdleConnections();
      });
      await azurite?.stop();
    };
    const shownHost = host === '0.0.0.0' ? 'localhost' : host;
    return { url: `http://${shownHost}:${port}`, port, store, azurite, idle: () => outbox.idle(), stop };
  } catch (err) {
    await azurite?.stop();
    throw err;
  }
}
