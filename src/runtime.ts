import path from 'node:path';
import type { Server } from 'restify';
import { confirmationKey } from './app/confirmation';
import type { AppDeps } from './app/context';
import { TurnTracker } from './app/turns';
import { activityProblem } from './bot/activity-shape';
import { createAdapter, createOutbox } from './bot/adapter';
import { ErfaringsgruppeBot } from './bot/bot';
import { ReminderScheduler } from './bot/reminder-scheduler';
import { RosterDirectory } from './bot/roster';
import type { Config } from './config';
import type { Logger } from './log';
import { projectRoot } from './paths';
import { createServer } from './server';
import { localOverviewLinks, teamsOverviewLinks, type OverviewLinker } from './web/overview-links';
import { calendarFile, calendarSubject, invitationPlainText } from './web/calendar-api';
import { calendarKey, meetingLinker } from './web/meeting-links';
import { TabApi } from './web/tab-api';
import { entraTokenVerifier, localLinks } from './web/tab-tokens';
import { startAzurite, type EmbeddedAzurite } from './store/azurite';
import {
  azuriteConnectionString,
  openTableStore,
  type StorageTarget,
  type StoreOptions,
} from './store/connect';
import type { GroupStore } from './store/group-store';

/** A running bot: its HTTP address, its store, and how to stop everything it started. */
export interface RunningBot {
  url: string;
  port: number;
  store: GroupStore;
  /** Where embedded Azurite listens, when the bot started one. */
  azurite?: { host: string; port: number };
  /** The reminder scheduler, when REMINDERS is on (tests call `tick()` with an injected clock). */
  reminders?: { tick(): Promise<number> };
  /** Resolves when every card update and message waiting to be sent has been sent. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Optional seams for tests and the benchmark: a clock, the host, and a storage round-trip counter. */
export interface StartOptions {
  now?: () => Date;
  host?: string;
  onStorageRequest?: StoreOptions['onRequest'];
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

/**
 * The overview tab's API and the "Åbn overblik" links: Teams SSO tokens and deep links in
 * production; in local mode (no tabs in the playground) signed links to the page on this machine,
 * which production never accepts.
 */
function overviewTab(
  config: Config,
  app: AppDeps,
  localBaseUrl: () => string,
): { api: TabApi; link: OverviewLinker } {
  if (config.auth) {
    const verify = entraTokenVerifier({
      appId: config.auth.appId,
      domain: config.botDomain,
      allowedTenants: config.allowedTenants,
    });
    return { api: new TabApi(app, verify), link: teamsOverviewLinks(config.teamsAppId ?? config.auth.appId) };
  }
  const links = localLinks(app.now);
  const link: OverviewLinker = (group) => localOverviewLinks(localBaseUrl(), links)(group);
  return { api: new TabApi(app, (token) => links.verify(token)), link };
}

/** The invitation's Teams-meeting deep link and its signed .ics link (on BOT_DOMAIN in production). */
function calendarLinks(config: Config, app: AppDeps, localBaseUrl: () => string) {
  const key = calendarKey(config.auth?.appPassword);
  const links = meetingLinker({
    baseUrl: () => (config.auth ? config.botDomain && `https://${config.botDomain}` : localBaseUrl()),
    key,
    timeZone: app.timeZone,
    invitationText: invitationPlainText,
    subject: calendarSubject,
  });
  return { key, links };
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
      projectLeads: config.projectLeads,
      confirmationKey: confirmationKey(config.auth?.appPassword),
      turns: new TurnTracker(),
    };
    const adapter = createAdapter(config, log);
    const outbox = createOutbox(adapter, config, app, log);
    let localBaseUrl = '';
    const tab = overviewTab(config, app, () => localBaseUrl);
    const calendar = calendarLinks(config, app, () => localBaseUrl);
    const botDeps = {
      app,
      outbox,
      log,
      overviewLink: tab.link,
      meetingLinks: calendar.links,
      roster: new RosterDirectory(),
    };
    const reminders = config.reminders
      ? new ReminderScheduler(botDeps, { retention: config.retentionSweep })
      : undefined;
    const bot = new ErfaringsgruppeBot(botDeps, {
      defaultLanguage: config.defaultLanguage,
      allowedTenants: config.allowedTenants,
    });
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
      calendar: (token) => calendarFile(app, calendar.key, token),
      tab: {
        overview: (req) => tab.api.overview(req),
        mine: (req) => tab.api.mine(req),
        directory: path.join(projectRoot(), 'dist', 'tab'),
      },
    });
    const host = options.host ?? '0.0.0.0';
    const port = await listen(server, config.port, host);
    reminders?.start();
    const stop = async (): Promise<void> => {
      await reminders?.stop();
      await outbox.idle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeIdleConnections();
      });
      await azurite?.stop();
    };
    const shownHost = host === '0.0.0.0' ? 'localhost' : host;
    localBaseUrl = `http://${shownHost}:${port}`;
    return { url: localBaseUrl, port, store, azurite, reminders, idle: () => outbox.idle(), stop };
  } catch (err) {
    await azurite?.stop();
    throw err;
  }
}
