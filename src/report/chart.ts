import type { Language } from '../domain/types';
import { t } from '../i18n';
import type { Participation } from './overview';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WIDTH = 560;
const HEIGHT = 240;
const TOP = 24;
const BOTTOM = 48;
const LEFT = 32;
const BAR = 26;
const COLORS = { members: '#c8c6e8', yes: '#5b5fc7', answered: '#237b4b' };

/**
 * Participation per meeting as an SVG bar chart: members, "coming" RSVPs and answers, side by side.
 * Self-contained (no scripts, no external references), so it prints and can be saved as it is.
 */
export function participationChart(lang: Language, rows: readonly Participation[]): string {
  const max = Math.max(1, ...rows.flatMap((r) => [r.members, r.yes, r.answered]));
  const plot = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT) / Math.max(1, rows.length);
  const series = [
    { key: 'members', label: t(lang, 'overview.chart.members'), value: (r: Participation) => r.members },
    { key: 'yes', label: t(lang, 'overview.chart.yes'), value: (r: Participation) => r.yes },
    { key: 'answered', label: t(lang, 'overview.chart.answered'), value: (r: Participation) => r.answered },
  ] as const;
  const bars = rows.flatMap((r, i) =>
    series.map((s, j) => {
      const v = s.value(r);
      const h = Math.round((v / max) * plot);
      const x = Math.round(LEFT + i * slot + (slot - series.length * BAR) / 2 + j * BAR);
      const y = TOP + plot - h;
      return (
        `<rect x="${x}" y="${y}" width="${BAR - 4}" height="${h}" fill="${COLORS[s.key]}"><title>${esc(`${s.label}: ${v}`)}</title></rect>` +
        `<text x="${x + (BAR - 4) / 2}" y="${y - 4}" text-anchor="middle" font-size="11">${v}</text>`
      );
    }),
  );
  const labels = rows.map(
    (r, i) =>
      `<text x="${Math.round(LEFT + i * slot + slot / 2)}" y="${TOP + plot + 16}" text-anchor="middle" font-size="12">${esc(t(lang, 'overview.chart.meeting', { n: r.meeting }))}</text>`,
  );
  const legend = series.map(
    (s, j) =>
      `<rect x="${LEFT + j * 170}" y="${HEIGHT - 18}" width="12" height="12" fill="${COLORS[s.key]}"/>` +
      `<text x="${LEFT + j * 170 + 18}" y="${HEIGHT - 8}" font-size="12">${esc(s.label)}</text>`,
  );
  const title = esc(t(lang, 'overview.chart.title'));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${title}" font-family="Segoe UI, sans-serif">` +
    `<title>${title}</title>` +
    `<line x1="${LEFT}" y1="${TOP + plot}" x2="${WIDTH}" y2="${TOP + plot}" stroke="#8a8886"/>` +
    [...bars, ...labels, ...legend].join('') +
    '</svg>'
  );
}
