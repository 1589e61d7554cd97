import template from '../../cards/group.json';
import { compositionWarnings, MAX_MEMBERS } from '../domain/composition';
import { ROLE_CATEGORIES, type Group, type Language, type Member } from '../domain/types';
import { t } from '../i18n';
import { escapeMarkdown } from './escape';
import { execute, type VerbAction } from './actions';
import { render, type RenderedCard } from './render';

/** Model of cards/group.json: the welcome card before setup, the group's shared card after. */
export interface GroupCardModel {
  title: string;
  notice: string;
  problem: string;
  isSetUp: boolean;
  welcome: { body: string; focus: string; purpose: string; steps: string };
  /** Before setup: the button that opens the setup card; after: the button to leave. */
  setup: VerbAction | null;
  leave: VerbAction | null;
  facts: { title: string; value: string }[];
  membersTitle: string;
  noMembers: string;
  members: string[];
  compositionTitle: string;
  advice: string[];
  join: {
    label: string;
    categoryLabel: string;
    categories: { title: string; value: string }[];
    category: string;
    titleLabel: string;
    titlePlaceholder: string;
    roleTitle: string;
    action: VerbAction;
    required: string;
  };
}

/** "Jens Madsen – Projektleder (fysisk)", escaped for a TextBlock. */
export function memberLine(lang: Language, m: Member): string {
  return t(lang, 'group.member', {
    name: escapeMarkdown(m.name),
    title: escapeMarkdown(m.roleTitle),
    category: t(lang, `roleShort.${m.roleCategory}`),
  });
}

/** Composition advice for a roster, or the line that says it is balanced. */
export function adviceLines(lang: Language, members: readonly Member[]): string[] {
  const warnings = compositionWarnings(members);
  return warnings.length
    ? warnings.map((w) => t(lang, `composition.${w}`))
    : [t(lang, 'composition.balanced')];
}

/** Facts that describe a group. */
export function groupFacts(lang: Language, g: Group): { title: string; value: string }[] {
  return [
    { title: t(lang, 'group.facts.association'), value: escapeMarkdown(g.association) },
    { title: t(lang, 'group.facts.area'), value: escapeMarkdown(g.area) },
    { title: t(lang, 'group.facts.phase'), value: t(lang, `phase.${g.phase}`) },
    {
      title: t(lang, 'group.facts.coordinator'),
      value: escapeMarkdown(g.coordinators.map((c) => c.name).join(', ')),
    },
    { title: t(lang, 'group.facts.reveal'), value: t(lang, `revealMode.${g.revealMode}`) },
  ];
}

/** Options for a personalised view of the card (the clicker's own). */
export interface GroupCardView {
  notice?: string;
  problem?: string;
  me?: Member;
}

/** The welcome card (no group yet) or the group's shared card. */
export function groupCard(lang: Language, group: Group | undefined, view: GroupCardView = {}): RenderedCard {
  const members = group?.members ?? [];
  const model: GroupCardModel = {
    title: group ? escapeMarkdown(group.name) : t(lang, 'welcome.title'),
    notice: view.notice ?? '',
    problem: view.problem ?? '',
    isSetUp: group !== undefined,
    welcome: {
      body: t(lang, 'welcome.body'),
      focus: t(lang, 'welcome.focus'),
      purpose: t(lang, 'welcome.purpose'),
      steps: t(lang, 'welcome.steps'),
    },
    setup: group ? null : execute('openSetup', t(lang, 'welcome.setup')),
    leave: group ? execute('leaveGroup', t(lang, 'leave.button')) : null,
    facts: group ? groupFacts(lang, group) : [],
    membersTitle: t(lang, 'group.members', { count: members.length, max: MAX_MEMBERS }),
    noMembers: t(lang, 'group.noMembers'),
    members: members.map((m) => memberLine(lang, m)),
    compositionTitle: t(lang, 'group.composition'),
    advice: adviceLines(lang, members),
    join: {
      label: t(lang, 'welcome.join'),
      categoryLabel: t(lang, 'join.roleCategory'),
      categories: ROLE_CATEGORIES.map((c) => ({ title: t(lang, `role.${c}`), value: c })),
      category: view.me?.roleCategory ?? '',
      titleLabel: t(lang, 'join.roleTitle'),
      titlePlaceholder: t(lang, 'join.roleTitlePlaceholder'),
      roleTitle: view.me?.roleTitle ?? '',
      action: execute('joinGroup', t(lang, 'join.submit')),
      required: t(lang, 'error.required'),
    },
  };
  const summary = group ? t(lang, 'group.summary', { name: group.name }) : t(lang, 'welcome.summary');
  return { card: render(template, model), summary };
}
