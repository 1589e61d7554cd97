import confirmTemplate from '../../cards/confirm.json';
import myDataTemplate from '../../cards/my-data.json';
import type { MyGroupData, PersonRowKind, PersonRowOf } from '../app/data-rights';
import type { Verb } from '../app/verbs';
import type { Language } from '../domain/types';
import { t, tp } from '../i18n';
import { formatDate } from '../i18n/format';
import { pageSections, type Section } from './fit';
import { execute, type VerbAction } from './actions';
import { render, type RenderedCard } from './render';
import { asConfirmation, asHeading, ownRuns, plainRun, richLine, runsText, type Inlines } from './rich-text';

/** Model of cards/my-data.json: a title, an introduction, headed lists of runs (people's texts never read as markdown) and page buttons. */
interface MyDataModel {
  title: string;
  intro: string;
  groups: Section<Inlines>[];
  pages: VerbAction[];
}

type Vars = Record<string, string | number>;

/** A row's own fields as a line's values: lists joined. */
function fieldsOf(row: object): Vars {
  const show = (v: unknown): string | number =>
    typeof v === 'number' ? v : Array.isArray(v) ? v.map(show).join(' · ') : String(v ?? '');
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, show(v)]));
}

/**
 * The values of a kind's line in `mine data` (`myData.<kind>`) where the row's own fields do not
 * read as they should (answers, translated choices, the texts behind ids); any other kind's line
 * gets the row's fields by their names.
 */
const LINES: { [K in PersonRowKind]?: (lang: Language, row: PersonRowOf<K>, texts: Texts) => Vars } = {
  rsvps: (lang, r) => ({ n: r.meeting, response: t(lang, `rsvp.${r.response}`) }),
  answers: (lang, a) => ({
    n: a.meeting,
    text: a.fields.filter(Boolean).join(' · ') + (a.enteredBy ? ` (${t(lang, 'myData.enteredBy')})` : ''),
  }),
  votes: (_lang, v, texts) => ({ n: v.meeting, choices: v.choices.map((c) => texts[c] ?? c).join(' · ') }),
  proposals: (_lang, p) => ({ title: p.title, description: p.description }),
  projectVotes: (_lang, v, texts) => ({ title: texts[v.choice] ?? v.choice }),
};

type Texts = MyGroupData['texts'];

/** The lines of one kind of the person's rows. */
function rowLines<K extends PersonRowKind>(lang: Language, kind: K, g: MyGroupData): Inlines[] {
  const vars = LINES[kind] as ((lang: Language, row: PersonRowOf<K>, texts: Texts) => Vars) | undefined;
  const rows = g.rows[kind] as PersonRowOf<K>[];
  return rows.map((row) => richLine(lang, `myData.${kind}`, vars ? vars(lang, row, g.texts) : fieldsOf(row)));
}

function groupLines(lang: Language, g: MyGroupData): Inlines[] {
  const kinds = Object.keys(g.rows) as PersonRowKind[];
  return [
    ...(g.coordinator ? [richLine(lang, 'myData.coordinator')] : []),
    ...(g.role
      ? [
          richLine(lang, 'myData.role', {
            title: g.role.title,
            category: t(lang, `roleShort.${g.role.category}`),
            date: formatDate(lang, g.role.joinedAt.slice(0, 10)),
          }),
        ]
      : []),
    ...kinds.flatMap((kind) => rowLines(lang, kind, g)),
    ...(g.projectOwner ? [richLine(lang, 'myData.projectOwner', { title: g.projectOwner })] : []),
    ...(g.signedInvitations ?? []).map((n) => richLine(lang, 'myData.signature', { n })),
  ];
}

/** A heading made of people's texts (a group's and its association's names): one bold run. */
function boldRun(text: string): Inlines {
  return [{ type: 'TextRun', text, weight: 'Bolder' }];
}

/**
 * `mine data`: everything stored about the person, group by group, in full. When it is more than
 * one card holds, it comes in pages (1-based `page`) with buttons to the previous and next page.
 */
export function myDataCard(lang: Language, data: MyGroupData[], page = 1): RenderedCard {
  const title = t(lang, 'myData.title');
  const intro = data.length ? tp(lang, 'myData.intro', data.length) : t(lang, 'myData.none');
  const build = (groups: Section<Inlines>[], part: number, total: number) => {
    const model: MyDataModel = {
      title,
      intro: total > 1 ? `${intro} ${t(lang, 'myData.page', { part, total })}` : intro,
      groups,
      pages: [
        ...(part > 1 ? [execute('myData', t(lang, 'myData.previous'), { page: part - 1 })] : []),
        ...(part < total ? [execute('myData', t(lang, 'myData.next'), { page: part + 1 })] : []),
      ],
    };
    return render(myDataTemplate, model);
  };
  const sections = data.map((g) => ({
    heading: boldRun(`${g.groupName} – ${g.association}`),
    lines: groupLines(lang, g),
  }));
  const continued = (heading: Inlines) =>
    boldRun(t(lang, 'reveal.continued', { heading: runsText(heading) }));
  // Measured against an empty run (a block with no runs is not what the template makes of a line).
  const pages = pageSections(sections, build, continued, plainRun(''));
  const k = Math.min(Math.max(1, Math.floor(page) || 1), pages.length);
  return { card: build(pages[k - 1], k, pages.length), summary: title };
}

/** What cards/confirm.json asks, or (once it is done, without `confirm`) says happened. */
export interface ConfirmModel {
  /** The bot's own text, or runs with people's texts (a group's name) in them; so is `notice`. */
  title: string | Inlines;
  body: string;
  notice: string | Inlines;
  /** The destructive button: its verb, its title and the token that binds it to the person who asked (app/confirmation.ts). */
  confirm?: { verb: Verb; title: string; token: string };
}

/** Asks before something that cannot be undone; without `confirm`, shows what happened in place of the button. */
export function confirmCard(model: ConfirmModel): RenderedCard {
  const { confirm } = model;
  const button = confirm
    ? execute(confirm.verb, confirm.title, { token: confirm.token }, 'destructive')
    : null;
  const runs = (text: string | Inlines): Inlines => (typeof text === 'string' ? ownRuns(text) : text);
  const title = asHeading(runs(model.title));
  const notice = asConfirmation(runs(model.notice));
  return {
    card: render(confirmTemplate, { title, body: model.body, notice, confirm: button }),
    summary: runsText(title),
  };
}

/**
 * What stands in the chat in place of a card of the bot's once its data is deleted: the whole group
 * (`whole`), or a person's answers or name; says what stays.
 */
export function deletedCard(lang: Language, whole: boolean): RenderedCard {
  return confirmCard({
    title: t(lang, 'deleted.title'),
    body: t(lang, whole ? 'deleted.group' : 'deleted.person'),
    notice: '',
  });
}
