import type { Language } from '../domain/types';
import { t } from '../i18n';
import { fieldQuestion, rankedNote } from '../i18n/format';
import type { Overview } from './overview';
import { answersByQuestion } from './questions';

/** A spreadsheet cannot take a cell that starts like a formula as text: prefix it (CSV injection). */
function cell(value: string | number): string {
  const s = String(value);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A proposal's (or the project's) text in one cell or line: its title, its description and what it builds on. */
function proposalText(p: { title: string; description: string; buildsOn?: string }): string {
  return `${p.title}: ${p.description}${p.buildsOn ? ` · ${p.buildsOn}` : ''}`;
}

/**
 * The report as CSV, one row per answer, priority and agreement, then the project (or, before it
 * is chosen, the proposals, each with what it builds on). Danish uses ";" (what Excel in
 * Danish expects), English ","; a byte-order mark makes Excel read æ, ø and å as UTF-8.
 */
export function overviewCsv(o: Overview): string {
  const lang: Language = o.language;
  const sep = lang === 'da' ? ';' : ',';
  const header = (['meeting', 'theme', 'question', 'type', 'name', 'text', 'votes'] as const).map((k) =>
    t(lang, `overview.csv.${k}`),
  );
  const rows: (string | number)[][] = [];
  for (const m of o.meetings) {
    for (const a of m.answers)
      rows.push([m.number, m.theme, a.question, t(lang, 'overview.csv.answer'), a.author ?? '', a.text, '']);
    for (const p of m.priorities)
      rows.push([
        m.number,
        m.theme,
        p.field ? fieldQuestion(lang, m.number, p.field) : '',
        t(lang, 'overview.csv.priority'),
        '',
        p.text,
        p.votes,
      ]);
    if (m.agreements)
      rows.push([m.number, m.theme, '', t(lang, 'overview.csv.agreement'), '', m.agreements, '']);
  }
  if (o.project) {
    rows.push(['', '', '', t(lang, 'overview.csv.project'), o.project.owner, proposalText(o.project), '']);
  } else {
    for (const p of o.proposals)
      rows.push(['', '', '', t(lang, 'overview.csv.proposal'), '', proposalText(p), '']);
  }
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(sep)).join('\r\n')}\r\n`;
}

/** Markdown cannot be broken by what people wrote: escape its special characters. */
function md(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!|>~<])/g, '\\$1').replace(/\r?\n/g, '  \n');
}

/** The report as Markdown: the group, members, each meeting's answers, priorities and agreements, the project. */
export function overviewMarkdown(o: Overview): string {
  const lang = o.language;
  const out: string[] = [
    `# ${md(o.name)}`,
    '',
    `${md(o.association)} · ${md(o.area)} · ${md(o.phase)}`,
    '',
    `## ${t(lang, 'overview.members')}`,
    '',
    ...o.members.map((m) => `- ${md(m.name)} – ${md(m.roleTitle)} (${m.category})`),
    '',
  ];
  for (const m of o.meetings) {
    out.push(`## ${t(lang, 'overview.meeting', { n: m.number, theme: m.theme })}`, '');
    out.push(`${m.statusText}${m.when ? ` · ${m.when}` : ''}${m.location ? ` · ${md(m.location)}` : ''}`, '');
    if (m.answersShown) {
      out.push(`### ${t(lang, 'overview.answers')}`, '');
      for (const q of answersByQuestion(m.answers)) {
        out.push(`**${md(q.question)}**`, '');
        out.push(...q.answers.map((a) => `- ${md(a.text)}${a.author ? ` – *${md(a.author)}*` : ''}`), '');
      }
      if (m.priorities.length) {
        out.push(`### ${t(lang, 'overview.priorities')}`, '');
        out.push(
          ...m.priorities.map(
            (p, i) => `${i + 1}. ${md(p.text)} (${rankedNote(lang, m.number, p.votes, p.field)})`,
          ),
          '',
        );
      }
    }
    if (m.agreements) out.push(`### ${t(lang, 'overview.agreements')}`, '', md(m.agreements), '');
  }
  out.push(`## ${t(lang, 'overview.project')}`, '');
  if (o.project) {
    out.push(`**${md(o.project.title)}** – ${md(o.project.description)}`, '');
    out.push(
      `${t(lang, 'overview.owner')}: ${md(o.project.owner)} · ${t(lang, 'overview.firstStep')}: ${md(o.project.firstStep)} · ${t(lang, 'overview.dueDate')}: ${o.project.dueDate}`,
      '',
    );
    if (o.project.buildsOn) out.push(md(o.project.buildsOn), '');
  } else {
    out.push(t(lang, 'overview.noProject'), '');
    if (o.proposals.length)
      out.push(
        `### ${t(lang, 'overview.proposals')}`,
        '',
        ...o.proposals.map(
          (p) => `- **${md(p.title)}** – ${md(p.description)}${p.buildsOn ? ` · ${md(p.buildsOn)}` : ''}`,
        ),
        '',
      );
  }
  return out.join('\n');
}
