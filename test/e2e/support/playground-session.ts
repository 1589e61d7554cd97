import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { parseConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { PLAYGROUND_DIR, startPlayground, type Playground } from '../../../src/playground';
import { startBot, type RunningBot } from '../../../src/runtime';
import { clickAs, findGroupChat } from '../../../scripts/act-as';
import { itemIdOf } from '../../../src/domain/items';
import { KAREN, type ChatPerson } from '../../../scripts/playground-people';
import { launchChromium } from './chromium';

export const GROUP_CHAT = 'Erfaringsgruppe Søbakken';
const BOT_NAME = 'Erfaringsgruppe';
/** groupChat.id in playground/.m365agentsplayground.yml. */
const GROUP_CHAT_ID = '__GROUP_CHAT_ID__';

export const SCREENSHOT_DIR = path.join(__dirname, '..', 'screenshots');
const WAIT_MS = 20_000;
/** How long the chat is given to show an update the bot has sent (the playground pushes it to the page). */
const SETTLE_MS = 500;
/** Where the playground's Adaptive Card renderer puts each card. */
const CARD = '.ac-adaptiveCard';
const VIEWPORT = { width: 1400, height: 1500 };
/** The conversation column of the playground at VIEWPORT (between the chat list and the log panel). */
const CHAT_COLUMN = { x: 330, y: 48, width: 740, height: VIEWPORT.height - 48 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The bot with fresh embedded storage, the Agents Playground pointed at it, and a Chromium page on
 * the playground's group chat — what `npm start` gives a person, on free ports.
 */
export class PlaygroundSession {
  private shotNumber = 0;

  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly bot: RunningBot,
    private readonly playground: Playground,
    private readonly dataDir: string,
  ) {}

  /** Starts everything and opens the group chat (the bot posts its welcome card there). */
  static async start(): Promise<PlaygroundSession> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'erfaringsgruppe-e2e-'));
    const config = parseConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'error', PLAYGROUND: 'off' });
    const log = createLogger(config.logLevel);
    const browser = await launchChromium();
    const bot = await startBot(config, log, { host: '127.0.0.1' });
    const playgroundPort = await freePort();
    const playground = startPlayground(`${bot.url}/api/messages`, playgroundPort, PLAYGROUND_DIR, log);
    const session = new PlaygroundSession(
      await browser.newPage({ viewport: VIEWPORT, locale: 'da-DK' }),
      browser,
      bot,
      playground,
      dataDir,
    );
    try {
      await waitForHttp(playground.url, 60_000);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await session.page.goto(playground.url, { waitUntil: 'networkidle' });
      await session.page.getByText(GROUP_CHAT).first().click();
    } catch (err) {
      await session.close();
      throw err;
    }
    return session;
  }

  /** Types `@Erfaringsgruppe <command>` in the chat and sends it, as a person would. */
  async say(command: string): Promise<void> {
    const input = this.page.locator('[data-lexical-editor="true"]');
    await input.click();
    await this.page.keyboard.type('@');
    const picker = this.page.getByRole('menu').getByText(BOT_NAME, { exact: true });
    await picker.click({ timeout: WAIT_MS });
    await this.page.keyboard.type(` ${command}`);
    await this.page.keyboard.press('Enter');
  }

  /** A button on the newest card that has it. */
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true }).filter({ visible: true }).last();
  }

  /** An input by its label (required ones end in " *") on the newest card that has it. */
  field(label: string): Locator {
    const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
    return this.page.getByLabel(name).filter({ visible: true }).last();
  }

  /** Waits until `text` can be read on one of the bot's cards in the chat (the newest occurrence). */
  async sees(text: string | RegExp): Promise<void> {
    const visible = this.page.locator(CARD).getByText(text).filter({ visible: true });
    await visible.last().waitFor({ state: 'visible', timeout: WAIT_MS });
  }

  /**
   * How many times the playground says that something in our cards is not supported; with
   * `besidesUserSpecificViews`, not counting its note under each card with a refresh for listed users.
   */
  unsupportedWarnings(options: { besidesUserSpecificViews?: boolean } = {}): Promise<number> {
    const warnings = this.page.getByText(/not supported|ikke understøttet|unsupported/i);
    if (!options.besidesUserSpecificViews) return warnings.count();
    return warnings.filter({ hasNotText: /user specific view/i }).count();
  }

  /** Saves the chat column (without the playground's chat list and log) as screenshots/NN-name.png. */
  async screenshot(name: string): Promise<void> {
    this.shotNumber += 1;
    const file = `${String(this.shotNumber).padStart(2, '0')}-${name}.png`;
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, file), clip: CHAT_COLUMN });
  }

  /**
   * Acts as another member of the chat: the playground's UI is always Karen, so this posts the
   * activity their click would send, with the playground's serviceUrl and conversation (as
   * `npm run members` does). The bot's updates of shared cards then appear in the same chat.
   * Returns the bot's HTTP status once every card update has been sent.
   */
  async actAs(person: ChatPerson, verb: string, data: Record<string, unknown>): Promise<number> {
    const { chat } = await findGroupChat(this.bot.store, KAREN);
    const { status } = await clickAs(this.bot.url, chat, person, verb, data);
    await this.bot.idle();
    return status;
  }

  /**
   * Waits until the bot has sent everything the last click made it send (a shared card's update
   * for everyone races the clicker's own view of the same message) and the chat has shown it.
   */
  async settled(): Promise<void> {
    await this.bot.idle();
    await this.page.waitForTimeout(SETTLE_MS);
  }

  /** The (random) item id of `person`'s answer field in meeting n, read from storage as the voting card shows it. */
  async itemId(person: ChatPerson, n: number, field: number): Promise<string> {
    const { groupKey } = await findGroupChat(this.bot.store, KAREN);
    const snapshot = await this.bot.store.loadPartition(groupKey);
    const answer = snapshot!.answers.find((a) => a.meeting === n && a.userId === person.aadObjectId)!;
    return itemIdOf(answer, field);
  }

  /** Posts a card into the group chat straight through the playground's connector (not the bot). */
  async postCardDirectly(card: Record<string, unknown>): Promise<void> {
    const url = `${this.playground.url}/_connector/v3/conversations/${GROUP_CHAT_ID}/activities`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      }),
    });
    if (!res.ok) throw new Error(`the playground refused the card: ${res.status}`);
  }

  /** Closes the browser, the playground, the bot and its storage, and removes the data. */
  async close(): Promise<void> {
    await Promise.allSettled([this.browser.close(), this.playground.stop(), this.bot.stop()]);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
