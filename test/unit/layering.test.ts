import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const src = path.join(__dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const sources = files(src).map((f) => ({
  file: path.relative(src, f).split(path.sep).join('/'),
  text: readFileSync(f, 'utf8'),
}));

/** The house rules of DESIGN §2, so a later change cannot quietly break them. */
describe('layering', () => {
  it('imports botbuilder only in src/bot and src/index.ts', () => {
    const offenders = sources
      .filter((s) => /from ['"](botbuilder|botframework-)/.test(s.text))
      .map((s) => s.file);
    expect(offenders.filter((f) => !f.startsWith('bot/') && f !== 'index.ts')).toEqual([]);
    expect(offenders.length).toBeGreaterThan(0);
  });

  it('imports the Table SDK only in src/store', () => {
    const offenders = sources.filter((s) => /from ['"]@azure\/data-tables/.test(s.text)).map((s) => s.file);
    expect(offenders.filter((f) => !f.startsWith('store/'))).toEqual([]);
    expect(offenders.length).toBeGreaterThan(0);
  });

  it('reads process.env only in src/config.ts', () => {
    expect(sources.filter((s) => s.text.includes('process.env')).map((s) => s.file)).toEqual(['config.ts']);
  });

  it('keeps the domain free of storage, Teams and the app layer', () => {
    const domain = sources.filter((s) => s.file.startsWith('domain/'));
    for (const s of domain) expect(s.text).not.toMatch(/from ['"]\.\.\/(store|bot|app|cards)\//);
  });

  it('keeps the browser tab away from storage, Teams bot code, the app layer and node', () => {
    const tab = sources.filter((s) => s.file.startsWith('tab/'));
    expect(tab.length).toBeGreaterThan(0);
    for (const s of tab) {
      expect(s.text).not.toMatch(/from ['"]\.\.\/(store|bot|app|web)\//);
      expect(s.text).not.toMatch(/from ['"]node:/);
      const reportImports = s.text.match(/import (type )?\{[^}]*\} from ['"]\.\.\/report\/[^'"]+['"]/g) ?? [];
      for (const i of reportImports) expect(i).toMatch(/^import type/);
    }
  });

  it('keeps storage behind the application: no edge, view or rule imports src/store', () => {
    const outside = sources.filter((s) => /^(bot|web|cards|report|tab|domain|i18n)\//.test(s.file));
    const offenders = outside.filter((s) => /from ['"](\.\.\/)+store\//.test(s.text)).map((s) => s.file);
    expect(offenders).toEqual([]);
    expect(outside.length).toBeGreaterThan(50);
  });

  it('lets the edges call the application only through its facade (src/app/index.ts)', () => {
    const edges = sources.filter((s) => /^(bot|web|cards|report)\//.test(s.file));
    const offenders = edges.flatMap((s) =>
      (s.text.match(/import [^;]*? from ['"](\.\.\/)+app\/[^'"]+['"]/g) ?? [])
        .filter((i) => !/^import type /.test(i) && !/\/app['"]$/.test(i))
        .map((i) => `${s.file}: ${i}`),
    );
    expect(offenders).toEqual([]);
    expect(edges.some((s) => /from ['"](\.\.\/)+app['"]/.test(s.text))).toBe(true);
  });

  it("keeps the application on the domain, the store's interface and src/lib (no edge, no i18n, no store internals)", () => {
    const app = sources.filter((s) => s.file.startsWith('app/'));
    const imported = app.flatMap((s) =>
      [...s.text.matchAll(/(?:from |import\()['"](\.\.\/[^'"]+)['"]/g)].map((m) => `${s.file}: ${m[1]}`),
    );
    const allowed = /: \.\.\/(domain\/[\w-]+|store\/group-store|lib\/[\w-]+)$/;
    expect(imported.filter((i) => !allowed.test(i))).toEqual([]);
    expect(imported.length).toBeGreaterThan(50);
  });

  it('keeps src/lib neutral: of the project it imports at most the domain', () => {
    const lib = sources.filter((s) => s.file.startsWith('lib/'));
    expect(lib.length).toBeGreaterThan(1);
    for (const s of lib) expect(s.text).not.toMatch(/from ['"]\.\.\/(?!domain\/)/);
  });

  it('has no `any` in src', () => {
    expect(sources.filter((s) => /:\s*any\b|<any>|as any\b/.test(s.text)).map((s) => s.file)).toEqual([]);
  });
});
