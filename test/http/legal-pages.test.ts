import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildManifest } from '../../scripts/app-package';
import { parsePackageSettings } from '../../src/config';
import { PAGE_PATHS } from '../../src/web/legal-pages';
import { startTestBot, type TestBot } from '../support/bot-harness';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'manifest', 'manifest.json'), 'utf8'));

/** The text a reader sees: tags out, entities back. */
const visible = (html: string): string =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/\s+/g, ' ');

/**
 * The manifest's website, privacy and terms links are pages the bot serves on its own domain, in
 * Danish and English, saying what is stored, for how long, who sees what and how to delete it.
 */
describe('the privacy, terms and website pages', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.stop());

  const get = async (
    p: string,
  ): Promise<{ status: number; type: string; csp: string; text: string; html: string }> => {
    const res = await fetch(`${bot.running.url}${p}`);
    const html = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      csp: res.headers.get('content-security-policy') ?? '',
      text: visible(html),
      html,
    };
  };

  it('serves every page the manifest links, on the domain the manifest names', async () => {
    const built = buildManifest(manifest, parsePackageSettings({ BOT_DOMAIN: 'bot.example.net' }));
    const developer = built.developer as Record<string, string>;
    for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      const url = new URL(developer[field]);
      expect(url.host).toBe('bot.example.net');
      const page = await get(url.pathname);
      expect(page.status).toBe(200);
      expect(page.type).toBe('text/html; charset=utf-8');
      expect(page.html).toMatch(/^<!doctype html>\n<html lang="da">/);
    }
  });

  it.each([
    [
      'da',
      PAGE_PATHS.privacy.da,
      [
        'Hvad botten gemmer',
        'Hvor længe',
        'Hvem ser hvad',
        'slet mine data',
        'slet gruppe',
        '7 dage',
        'Datatilsynet',
        'Det, der bliver',
      ],
    ],
    [
      'en',
      PAGE_PATHS.privacy.en,
      [
        'What the bot stores',
        'For how long',
        'Who sees what',
        'delete my data',
        'delete group',
        '7 days',
        'Datatilsynet',
        'What stays',
      ],
    ],
    ['da', PAGE_PATHS.terms.da, ['Løst forpligtende', 'Det, du skriver', 'Privatliv']],
    ['en', PAGE_PATHS.terms.en, ['A loose commitment', 'What you write', 'Privacy']],
  ])('%s %s says what a reader needs to know', async (lang, p, phrases) => {
    const page = await get(p);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<html lang="${lang}">`);
    for (const phrase of phrases) expect(page.text).toContain(phrase);
  });

  it('links each page to its other language and the other page, and loads nothing from outside', async () => {
    const da = await get('/privatliv');
    expect(da.html).toContain('<a href="/privacy" hreflang="en" lang="en">Read in English</a>');
    expect(da.html).toContain('<a href="/vilkaar">Vilkår</a>');
    const en = await get('/terms');
    expect(en.html).toContain('<a href="/vilkaar" hreflang="da" lang="da">Læs på dansk</a>');
    for (const page of [da, en, await get('/')]) {
      expect(page.html).not.toMatch(/<script|src=|https?:\/\//);
      expect(page.csp).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    }
  });
});
