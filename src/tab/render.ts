import type { Language } from '../domain/types';
import { t } from '../i18n';
import { rankedNote } from '../i18n/format';
import type { OverviewMeeting, OverviewPayload } from '../report/overview';
import type { OverviewAnswer } from '../report/questions';
import { el, list, svg } from './dom';

/** A meeting's answers under their questions, in the order the questions are asked. */
function byQuestion(answers: readonly OverviewAnswer[]): [string, OverviewAnswer[]][] {
  const groups = new Map<string, OverviewAnswer[]>();
  for (const a of answers) groups.set(a.question, [...(groups.get(a.question) ?? []), a]);
  return [...groups];
}

function meetingSection(
  lang: Language,
  m: OverviewMeeting,
  members: number,
  anonymous: boolean,
): HTMLElement {
  const facts = [m.statusText, m.when, m.location].filter((x): x is string => Boolean(x)).join(' · ');
  const rsvp = t(lang, 'overview.rsvp', {
    yes: m.rsvps.yes.join(', ') || '–',
    maybe: m.rsvps.maybe.join(', ') || '–',
    no: m.rsvps.no.join(', ') || '–',
  });
  const section = el(
    'section',
    `meeting status-${m.status}`,
    el('h3', undefined, t(lang, 'overview.meeting', { n: m.number, theme: m.theme })),
    el('p', 'facts', facts),
    m.status !== 'none' && el('p', 'rsvp', rsvp),
    m.status !== 'none' &&
      el('p', 'answered', t(lang, 'overview.answeredCount', { count: m.answeredCount, total: members })),
  );
  if (!m.answersShown) {
    if (m.status !== 'none') section.append(el('p', 'hint', t(lang, 'overview.answersHidden')));
  } else {
    section.append(el('h4', undefined, t(lang, 'overview.answers')));
    if (anonymous) section.append(el('p', 'hint', t(lang, 'overview.anonymous')));
    for (const [question, list] of byQuestion(m.answers)) {
      const answers = el('ul', 'answers');
      for (const a of list) {
        answers.append(
          el(
            'li',
            undefined,
            el('span', 'answer', a.text),
            a.author && el('span', 'author', ` – ${a.author}`),
          ),
        );
      }
      section.append(el('p', 'question', question), answers);
    }
    if (m.priorities.length) {
      section.append(
        el('h4', undefined, t(lang, 'overview.priorities')),
        list(
          m.priorities.map((p) => `${p.text} (${rankedNote(lang, m.number, p.votes, p.field)})`),
          true,
        ),
      );
    }
  }
  if (m.agreements)
    section.append(el('h4', undefined, t(lang, 'overview.agreements')), el('p', 'agreements', m.agreements));
  return section;
}

/**
 * The whole overview page for one group. `onDownload` is wired to the coordinator's buttons;
 * without `canPrint` (Teams on a phone) the print button gives way to a hint.
 */
export function renderOverview(
  o: OverviewPayload,
  onDownload: (format: 'csv' | 'md') => Promise<string | undefined>,
  canPrint = true,
): HTMLElement {
  const lang = o.language;
  const main = el('main', 'overview');
  const tools = el('div', 'tools no-print', el('span', 'tools-title', t(lang, 'overview.coordinatorTools')));
  const button = (label: string, action: () => void): HTMLButtonElement => {
    const b = el('button', undefined, label);
    b.type = 'button';
    b.addEventListener('click', action);
    return b;
  };
  const message = el('p', 'tools-message');
  message.setAttribute('role', 'status');
  const fetchFile = (format: 'csv' | 'md') => (): void =>
    void onDownload(format).then((problem) => (message.textContent = problem ?? ''));
  tools.append(
    canPrint
      ? button(t(lang, 'overview.print'), () => window.print())
      : el('span', 'tools-hint', t(lang, 'overview.printOnComputer')),
    button(t(lang, 'overview.downloadCsv'), fetchFile('csv')),
    button(t(lang, 'overview.downloadMarkdown'), fetchFile('md')),
    message,
  );
  main.append(
    el(
      'header',
      undefined,
      el('h1', undefined, o.name),
      el('p', 'facts', `${o.association} · ${o.area} · ${o.phase} · ${o.revealMode}`),
    ),
  );
  if (o.coordinator) main.append(tools);

  const members = el('section', 'members', el('h2', undefined, t(lang, 'overview.members')));
  members.append(
    el('p', 'facts', `${t(lang, 'overview.coordinators')}: ${o.coordinators.join(', ')}`),
    list(o.members.map((m) => `${m.name} – ${m.roleTitle} (${m.category})`)),
    el('h3', undefined, t(lang, 'overview.balance')),
    el('p', 'balance', o.balance.map((b) => `${b.category}: ${b.count}`).join(' · ')),
    list(o.compositionAdvice.length ? o.compositionAdvice : [t(lang, 'overview.balanced')]),
  );

  const chart = el('section', 'participation', el('h2', undefined, t(lang, 'overview.participation')));
  chart.append(el('figure', 'chart', svg(o.chartSvg)));

  const meetings = el('section', 'meetings', el('h2', undefined, t(lang, 'overview.meetings')));
  const timeline = el('ol', 'timeline');
  for (const m of o.meetings)
    timeline.append(
      el('li', `step status-${m.status}`, meetingSection(lang, m, o.members.length, o.anonymous)),
    );
  meetings.append(timeline);

  const project = el('section', 'project', el('h2', undefined, t(lang, 'overview.project')));
  if (o.project) {
    project.append(
      el('p', 'project-title', el('strong', undefined, o.project.title), ` – ${o.project.description}`),
      el(
        'p',
        'facts',
        `${t(lang, 'overview.owner')}: ${o.project.owner} · ${t(lang, 'overview.firstStep')}: ${o.project.firstStep} · ${t(lang, 'overview.dueDate')}: ${o.project.dueDate}`,
      ),
    );
    if (o.project.buildsOn) project.append(el('p', 'facts', o.project.buildsOn));
  } else {
    project.append(el('p', 'hint', t(lang, 'overview.noProject')));
    if (o.proposals.length)
      project.append(
        el('h3', undefined, t(lang, 'overview.proposals')),
        list(o.proposals.map((p) => `${p.title} – ${p.description}${p.buildsOn ? ` · ${p.buildsOn}` : ''}`)),
      );
  }
  main.append(members, chart, meetings, project);
  return main;
}

/** The personal tab: the groups the user coordinates, each opening its overview. */
export function renderMine(
  lang: Language,
  groups: { key: string; name: string }[],
  open: (key: string) => void,
): HTMLElement {
  const main = el(
    'main',
    'mine',
    el('h1', undefined, t(lang, 'overview.myGroups')),
    el('p', 'hint', t(lang, 'overview.myGroupsIntro')),
  );
  if (!groups.length) main.append(el('p', 'notice', t(lang, 'overview.noGroups')));
  const ul = el('ul', 'groups');
  for (const g of groups) {
    const b = el('button', 'link', g.name);
    b.type = 'button';
    b.addEventListener('click', () => open(g.key));
    ul.append(el('li', undefined, b));
  }
  main.append(ul);
  return main;
}

/** A polite message in place of the page. */
export function renderNotice(text: string): HTMLElement {
  return el('main', 'notice-page', el('p', 'notice', text));
}
