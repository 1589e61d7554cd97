import type { Language } from '../domain/types';
import { t, type MessageKey } from '../i18n';
import type { TabResponse } from './tab-api';

/** The pages the manifest links (developer.websiteUrl, privacyUrl, termsOfUseUrl). */
export type PageKind = 'about' | 'privacy' | 'terms';

/** Each page's path per language: the manifest links the Danish ones. */
export const PAGE_PATHS: Record<PageKind, Record<Language, string>> = {
  about: { da: '/', en: '/about' },
  privacy: { da: '/privatliv', en: '/privacy' },
  terms: { da: '/vilkaar', en: '/terms' },
};

/** A page's title, introduction and sections (heading and body keys), in reading order. */
const PAGES: Record<
  PageKind,
  { title: MessageKey; intro: MessageKey; sections: [MessageKey, MessageKey][] }
> = {
  about: { title: 'page.about.title', intro: 'page.about.body', sections: [] },
  privacy: {
    title: 'page.privacy.title',
    intro: 'page.privacy.intro',
    sections: [
      ['page.privacy.stored.heading', 'page.privacy.stored.body'],
      ['page.privacy.where.heading', 'page.privacy.where.body'],
      ['page.privacy.howLong.heading', 'page.privacy.howLong.body'],
      ['page.privacy.whoSees.heading', 'page.privacy.whoSees.body'],
      ['page.privacy.delete.heading', 'page.privacy.delete.body'],
      ['page.privacy.rights.heading', 'page.privacy.rights.body'],
    ],
  },
  terms: {
    title: 'page.terms.title',
    intro: 'page.terms.intro',
    sections: [
      ['page.terms.use.heading', 'page.terms.use.body'],
      ['page.terms.writing.heading', 'page.terms.writing.body'],
      ['page.terms.coordinator.heading', 'page.terms.coordinator.body'],
      ['page.terms.service.heading', 'page.terms.service.body'],
    ],
  },
};

const html = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A catalog text as HTML: blank lines part paragraphs; a paragraph of "- " lines is a list. */
function blocks(text: string): string {
  return text
    .split(/\n\n+/)
    .map((p) => {
      const lines = p.split('\n');
      if (lines.every((l) => l.startsWith('- ')))
        return `<ul>${lines.map((l) => `<li>${html(l.slice(2))}</li>`).join('')}</ul>`;
      return `<p>${html(p)}</p>`;
    })
    .join('\n');
}

/**
 * The website, privacy and terms pages: plain HTML from the message catalogs (no script, no
 * outside resources), in Danish or English, each linking its other language and the other pages.
 */
export function legalPage(kind: PageKind, lang: Language): TabResponse {
  const page = PAGES[kind];
  const other: Language = lang === 'da' ? 'en' : 'da';
  const nav = [
    `<a href="${PAGE_PATHS[kind][other]}" hreflang="${other}" lang="${other}">${html(t(lang, 'page.otherLanguage'))}</a>`,
    ...(['privacy', 'terms'] as const)
      .filter((k) => k !== kind)
      .map(
        (k) =>
          `<a href="${PAGE_PATHS[k][lang]}">${html(t(lang, k === 'privacy' ? 'page.privacyLink' : 'page.termsLink'))}</a>`,
      ),
  ].join(' · ');
  const sections = page.sections
    .map(([heading, body]) => `<h2>${html(t(lang, heading))}</h2>\n${blocks(t(lang, body))}`)
    .join('\n');
  const body = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${html(t(lang, page.title))}</title>
<style>body{font-family:'Segoe UI',system-ui,sans-serif;max-width:44rem;margin:0 auto;padding:1.5rem;line-height:1.5;color:#242424}h2{font-size:1.15rem;margin-top:1.75rem}nav{font-size:.95rem}</style>
</head>
<body>
<nav>${nav}</nav>
<h1>${html(t(lang, page.title))}</h1>
${blocks(t(lang, page.intro))}
${sections}
</body>
</html>
`;
  return { status: 200, contentType: 'text/html; charset=utf-8', body };
}
