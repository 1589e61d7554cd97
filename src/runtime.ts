import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { Server } from 'restify';
import { confirmationKey } from './app/confirmation';
import { createApp, type App } from './app';
import type { AppDeps } from './app/context';
import { TurnTracker } from './app/turns';
import { createAdapter, createOutbox } from './bot/adapter';
import { activityRoute, type AroundTurn } from './bot/http-turn';
import { ErfaringsgruppeBot } from './bot/bot';
import { ConversationWatch } from './bot/conversation-watch';
import { ReminderScheduler } from './bot/reminder-scheduler';
import { botTokenGate } from './bot/token-gate';
import { RosterDirectory } from './bot/roster';
import { createStepDispatcher } from './bot/steps';
import type { BotDeps } from './bot/turn';
import type { Config } from './config';
import { t } from './i18n';
import type { Logger } from './log';
import { projectRoot } from './paths';
import { createServer } from './server';
import {
  localOverviewLinks,
  personalChatLink,
  teamsOverviewLinks,
  type OverviewLinker,
} from './web/overview-links';
import { calendarFile, calendarSubject, invitationPlainText, meetingPlaceLine } from './web/calendar-api';
import { linkKeys, type LinkKeys } from './web/link-keys';
import { meetingLinker } from './web/meeting-links';
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
  /** Resolves once the durable outbox holds nothing and no lease is held (its background work is done). */
  quiet(): Promise<void>;
  stop(): Promise<void>;
}

/** Optional seams for tests and the benchmark: a clock, the host, and a storage round-trip counter. */
export interface StartOptions {
  now?: () => Date;
  host?: string;
  onStorageRequest?: StoreOptions['onRequest'];
  /** Wraps each request's handling (the benchmark attributes storage round trips to turns with it). */
  aroundTurn?: AroundTurn;
  /** Which bots share the outbox's leases (tests: each bot its own; its restart the same). */
  outboxScope?: string;
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
  app: App,
  keys: LinkKeys,
  localBaseUrl: () => string,
): { api: TabApi; link: OverviewLinker } {
  if (config.auth) {
    const verify = entraTokenVerifier({
      appId: config.ssoAppId ?? config.auth.appId,
      domain: config.botDomain,
      allowedTenants: config.allowedTenants,
    });
    return {
      api: new TabApi(app, verify, keys),
      link: teamsOverviewLinks(
        config.teamsAppCatalogId ?? config.teamsAppId ?? config.auth.appId,
        config.botDomain && `https://${config.botDomain}/tab/overview.html`,
      ),
    };
  }
  const links = localLinks(app.now, keys.sign, keys.verify);
  const link: OverviewLinker = (group, asker) => localOverviewLinks(localBaseUrl(), links)(group, asker);
  return { api: new TabApi(app, (token) => links.verify(token), keys), link };
}

/** The invitation's Teams-meeting deep link and its signed .ics link (on BOT_DOMAIN in production). */
function calendarLinks(config: Config, app: App, keys: LinkKeys, localBaseUrl: () => string) {
  const links = meetingLinker({
    baseUrl: () => (config.auth ? config.botDomain && `https://${config.botDomain}` : localBaseUrl()),
    key: keys.sign,
    timeZone: app.timeZone,
    invitationText: invitationPlainText,
    subject: calendarSubject,
    place: meetingPlaceLine,
  });
  return { key: keys.verify, links };
}

/**
 * How long stopping waits for the requests under way and the cards being posted (what is not out
 * stays in the durable outbox for the next start): everything is gone within 3 s of a SIGTERM.
 */
const STOP_GRACE_MS = 1500;

export async function startBot(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const { target, azurite } = await storageTarget(config, log);
  try {
    // The conversation watch learns the stored group rows from the store (it is made after the store).
    const watching: { watch?: ConversationWatch } = {};
    const store = await openTableStore(target, {
      onRequest: options.onStorageRequest,
      onGroup: (group) => watching.watch?.note(group),
      outboxScope: options.outboxScope,
    });
    const keys = await linkKeys(config);
    const deps: AppDeps = {
      store,
      now: options.now ?? (() => new Date()),
      timeZone: config.timeZone,
      defaultLanguage: config.defaultLanguage,
      projectLeads: config.projectLeads,
      confirmationKey: confirmationKey(keys.sign),
      turns: new TurnTracker(),
      coordinatorTitle: (language) => t(language, 'deleteMine.signature'),
    };
    const app = createApp(deps);
    const adapter = createAdapter(config, log);
    const watch = (watching.watch = new ConversationWatch(app, log));
    const outbox = createOutbox(adapter, config, app, log, watch);
    let localBaseUrl = '';
    const tab = overviewTab(config, app, keys, () => localBaseUrl);
    const calendar = calendarLinks(config, app, keys, () => localBaseUrl);
    // Deep links name the app by its org-catalog id once published, by its manifest id before.
    const linkAppId = config.auth && (config.teamsAppCatalogId ?? config.teamsAppId ?? config.auth.appId);
    const botDeps: BotDeps = {
      app,
      outbox,
      log,
      overviewLink: tab.link,
      personalChat: linkAppId ? (tenantId: string) => personalChatLink(linkAppId, tenantId) : undefined,
      meetingLinks: calendar.links,
      roster: new RosterDirectory(),
      watch,
    };
    const steps = (botDeps.steps = createStepDispatcher(botDeps));
    outbox.routeVia(steps);
    const reminders = config.reminders
      ? new ReminderScheduler(botDeps, { retention: config.retentionSweep })
      : undefined;
    const bot = new ErfaringsgruppeBot(botDeps, {
      defaultLanguage: config.defaultLanguage,
      allowedTenants: config.allowedTenants,
    });
    const server = createServer({
      messages: activityRoute(adapter, (context) => bot.run(context), log, options.aroundTurn),
      requireAuthorization: config.auth !== undefined,
      authorize:
        config.auth &&
        botTokenGate({ appId: config.auth.appId, channelMetadataUrl: config.auth.openIdMetadata }),
      log,
      health: () => store.ping(),
      calendar: (token) => calendarFile(app, calendar.key, token),
      tab: {
        overview: (req) => tab.api.overview(req),
        mine: (req) => tab.api.mine(req),
        directory: path.join(projectRoot(), 'dist', 'tab'),
      },
    });
    const host = options.host ?? config.host;
    const port = await listen(server, config.port, host);
    reminders?.start();
    steps.start();
    let stopping = false;
    // While stopping, each answer closes its connection: no keep-alive client holds the server open.
    server.server.prependListener('request', (_req, res: ServerResponse) => {
      if (stopping) res.setHeader('Connection', 'close');
    });
    const stop = async (): Promise<void> => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const sweep = setInterval(() => server.server.closeIdleConnections(), 50);
      server.server.closeIdleConnections();
      await Promise.race([
        Promise.all([closed, reminders?.stop(), steps.stop(), outbox.idle()]),
        new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref()),
      ]);
      clearInterval(sweep);
      server.server.closeAllConnections();
      await closed;
      // Azurite exits on SIGINT only once no client holds a connection to it.
      store.close();
      await azurite?.stop();
    };
    const idle = async (): Promise<void> => {
      // A send handed to the lease holder (this instance) is dispatched after the turn's sends.
      do {
        await steps.idle();
        await outbox.idle();
      } while (steps.busy());
    };
    const shownHost =
      host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    localBaseUrl = `http://${shownHost}:${port}`;
    return { url: localBaseUrl, port, store, azurite, reminders, idle, quiet: () => steps.quiet(), stop };
  } catch (err) {
    await azurite?.stop();
    throw err;
  }
}
