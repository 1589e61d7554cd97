import { ConfigError, loadConfig } from './config';
import { createLogger } from './log';
import { PLAYGROUND_DIR, startPlayground, type Playground } from './playground';
import { startBot } from './runtime';

/** Prints where to click: the playground, and how to talk to the bot there. */
function printWelcome(botUrl: string, playground: Playground | undefined): void {
  const lines = ['', `  Erfaringsgruppe-botten kører på ${botUrl}/api/messages (helbred: ${botUrl}/healthz)`];
  if (playground) {
    lines.push(
      `  Åbn Teams-emulatoren: ${playground.url}`,
      '  Vælg "Group Chat", skriv @ og vælg Erfaringsgruppe, og skriv fx "@Erfaringsgruppe hjælp".',
      `  Open the Teams emulator at ${playground.url}: choose "Group Chat", type @, pick Erfaringsgruppe.`,
    );
  }
  lines.push('  Stop med Ctrl-C.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const bot = await startBot(config, log);
  const playground = config.playground.enabled
    ? startPlayground(`${bot.url}/api/messages`, config.playground.port, PLAYGROUND_DIR, log)
    : undefined;
  log.info('bot.started', {
    url: bot.url,
    mode: config.auth ? 'production' : 'local',
    playground: playground?.url,
  });
  printWelcome(bot.url, playground);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info('bot.stopping', { signal });
    await Promise.allSettled([playground?.stop(), bot.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`The bot could not start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
