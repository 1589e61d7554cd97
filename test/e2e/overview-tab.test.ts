/**
 * The overview tab in headless Chromium, in local mode (the playground has no tabs): the status
 * card's "Åbn overblik" link opens the page with a signed token, and the page shows the seeded
 * group's whole programme, prints as a report and downloads CSV.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildTab } from '../../scripts/build-tab';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { startBot, type RunningBot } from '../../src/runtime';
import sample from '../fixtures/sample-group.da.json';
import { groupChat, mention, type TestChat } from '../support/activities';
import { attachedCard } from '../support/cards';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { sampleSnapshot } from '../support/sample-programme';
import { seedSnapshot } from '../support/seed';
import { launchChromium } from './support/chromium';
import { SCREENSHOT_DIR } from './support/playground-session';

jest.setTimeout(60_000);

let dataDir: string;
let connector: FakeConnector;
let bot: RunningBot;
let browser: Browser;
let page: Page;
let chat: TestChat;

beforeAll(async () => {
  await buildTab();
  dataDir = mkdtempSync(path.join(tmpdir(), 'erfaringsgruppe-tab-'));
  connector = await startFakeConnector();
  const config = parseConfig({ PORT: '0', DATA_DIR: dataDir, PLAYGROUND: 'off', LOG_LEVEL: 'error' });
  bot = await startBot(config, createLogger(config.logLevel), { host: '127.0.0.1' });
  chat = groupChat(connector.serviceUrl);
  await seedSnapshot(bot.store, chat, sampleSnapshot());
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 1100, height: 1400 },
    locale: 'da-DK',
    acceptDownloads: true,
  });
});

afterAll(async () => {
  await Promise.allSettled([browser?.close(), bot?.stop(), connector?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The "Åbn overblik" link of the status card, as Karen would click it. */
async function overviewLink(): Promise<string> {
  await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(mention(chat, { id: 'c', name: sample.coordinator.name }, 'status')),
  });
  await bot.idle();
  const card = attachedCard(connector.posts().at(-1)!.activity) as {
    actions?: { title: string; url: string }[];
  };
  const link = card.actions?.find((a) => a.title === 'Åbn overblik')?.url;
  if (!link) throw new Error('the status card has no "Åbn overblik" link');
  return link;
}

test('the overview shows members, every answer, agreements, the project and the participation chart', async () => {
  await page.goto(await overviewLink());
  await page.getByRole('heading', { level: 1, name: sample.group.name }).waitFor();
  for (const m of sample.members) await page.getByText(`${m.name} – ${m.roleTitle}`).waitFor();
  for (const meeting of sample.meetings) {
    for (const answer of Object.values(meeting.answers).flat().filter(Boolean)) {
      expect(await page.getByText(answer, { exact: true }).count()).toBeGreaterThan(0);
    }
  }
  await page.getByRole('heading', { name: 'Møde 4: Forventninger til organisationen' }).waitFor();
  expect(await page.locator('.agreements').count()).toBe(4);
  await page.getByText(sample.project.choice).first().waitFor();
  expect(await page.locator('.chart svg rect').count()).toBeGreaterThanOrEqual(12);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overview-tab.png') });
});

test('prints as a report without the buttons, and downloads the CSV', async () => {
  await page.getByRole('button', { name: 'Udskriv' }).waitFor();
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('button', { name: 'Udskriv' }).isVisible()).toBe(false);
  expect(await page.locator('.chart svg').isVisible()).toBe(true);
  await page.emulateMedia({ media: 'screen' });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Hent som CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Erfaringsgruppe-Søbakken.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain(`"${sample.meetings[0].answers.jens[0]}"`);
});

test('an altered link shows a polite message instead of the overview', async () => {
  const link = await overviewLink();
  await page.goto('about:blank');
  await page.goto(`${link.slice(0, -4)}AAAA`);
  await page.getByText('Linket til overblikket er udløbet').waitFor();
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(0);
});
