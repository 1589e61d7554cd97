import template from '../../cards/group.json';
import joinTemplate from '../../cards/join-form.json';
import { compositionWarnings, MAX_MEMBERS } from '../domain/composition';
import { ROLE_CATEGORIES, type Group, type Language, type Member } from '../domain/types';
import { coordinates, EVERYONE, refreshUserIds, takesPart, viewerId, type Viewer } from '../domain/viewer';
import { t } from '../i18n';
import { execute, ownViewButton, withRefresh, type VerbAction } from './actions';
import { bulletRun, factRuns, headingRun, plainRun, richLine, type Inlines } from './rich-text';
import { render, type RenderedCard } from './render';

/** Model of cards/group.json: the welcome card before setup, the group's shared card after. */
export interface GroupCardModel {
  title: string;
  name: Inlines;
  notice: Inlines;
  isSetUp: boolean;
  welcome: { body: string; focus: string; purpose: string; steps: string };
  facts: Inlines[];
  /** The line that the coordinator is the group's undersøger, not one of the 3–6. */
  coordinatorRole: string;
  membersTitle: string;
  noMembers: string;
  members: Inlines[];
  compositionTitle: string;
  advice: string[];
  /** The viewer's own place in the group: their role, that they coordinate it. */
  mine: Inlines[];
  actions: VerbAction[];
}

/** "Jens Madsen – Projektleder (fysisk)", as typed. */
export function memberLine(lang: Language, m: Member): string {
  return t(lang, 'group.member', {
    name: m.name,
    title: m.roleTitle,
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

/** Facts that describe a group, each as a line of runs (the values are people's texts). */
export function groupFacts(lang: Language, g: Group): Inlines[] {
  return [
    factRuns(t(lang, 'group.facts.association'), g.association),
    factRuns(t(lang, 'group.facts.area'), g.area),
    factRuns(t(lang, 'group.facts.phase'), t(lang, `phase.${g.phase}`)),
    factRuns(t(lang, 'group.facts.coordinator'), g.coordinators.map((c) => c.name).join(', ')),
    factRuns(t(lang, 'group.facts.reveal'), t(lang, `revealMode.${g.revealMode}`)),
  ];
}

/** The buttons of the group card for `viewer`. */
function groupActions(lang: Language, group: Group | undefined, viewer: Viewer): VerbAction[] {
  // Before setup only "Opret gruppen": whoever fills in the form it returns becomes coordinator.
  if (!group) return [execute('openSetup', t(lang, 'welcome.setup'))];
  const join = execute('openJoin', t(lang, 'welcome.join'));
  if (viewer.kind === 'everyone') return [join, ownViewButton(t(lang, 'view.mine'), { card: 'groupCard' })];
  return [
    ...(takesPart(viewer)
      ? [execute('openJoin', t(lang, 'join.editButton')), execute('leaveGroup', t(lang, 'leave.button'))]
      : [join]),
    ...(coordinates(viewer) ? [execute('openSetup', t(lang, 'setup.editButton'))] : []),
  ];
}

/** The viewer's own lines: their role when they take part, that they coordinate. */
function ownLines(lang: Language, group: Group, viewer: Viewer): Inlines[] {
  const me = group.members.find((m) => m.userId === viewerId(viewer));
  return [
    ...(me ? [richLine(lang, 'view.member', { role: me.roleTitle }, 'Good')] : []),
    ...(coordinates(viewer) ? [richLine(lang, 'view.coordinator', {}, 'Good')] : []),
  ];
}

/**
 * The welcome card (no group yet), or the group's card as `viewer` sees it: the base card with the
 * roster for everyone, or one person's view with their own place and the buttons they may use.
 * `notice` confirms the clicker's step in their view.
 */
export function groupCard(
  lang: Language,
  group: Group | undefined,
  viewer: Viewer = EVERYONE,
  notice: Inlines = [],
): RenderedCard {
  const members = group?.members ?? [];
  const model: GroupCardModel = {
    title: t(lang, 'welcome.title'),
    name: group ? headingRun(group.name) : [],
    notice,
    isSetUp: group !== undefined,
    welcome: {
      body: t(lang, 'welcome.body'),
      focus: t(lang, 'welcome.focus'),
      purpose: t(lang, 'welcome.purpose'),
      steps: t(lang, 'welcome.steps'),
    },
    facts: group ? groupFacts(lang, group) : [],
    coordinatorRole: t(lang, 'group.coordinatorRole'),
    membersTitle: t(lang, 'group.members', { count: members.length, max: MAX_MEMBERS }),
    noMembers: t(lang, 'group.noMembers'),
    members: members.map((m) => bulletRun(memberLine(lang, m))),
    compositionTitle: t(lang, 'group.composition'),
    advice: adviceLines(lang, members),
    mine: group && viewer.kind === 'person' ? ownLines(lang, group, viewer) : [],
    actions: groupActions(lang, group, viewer),
  };
  const summary = group ? t(lang, 'group.summary', { name: group.name }) : t(lang, 'welcome.summary');
  const card = render(template, model);
  return {
    card: group
      ? withRefresh(card, { card: 'groupCard' }, t(lang, 'view.mine'), refreshUserIds(group))
      : card,
    summary,
  };
}

/** The join form for the clicker alone: where they work and their role (pre-filled when they are on the roster). */
export function joinFormCard(lang: Language, group: Group, me?: Member, problem = ''): RenderedCard {
  const model = {
    title: t(lang, 'join.formTitle'),
    groupName: plainRun(group.name),
    problem,
    categoryLabel: t(lang, 'join.roleCategory'),
    categories: ROLE_CATEGORIES.map((c) => ({ title: t(lang, `role.${c}`), value: c })),
    category: me?.roleCategory ?? '',
    titleLabel: t(lang, 'join.roleTitle'),
    titlePlaceholder: t(lang, 'join.roleTitlePlaceholder'),
    roleTitle: me?.roleTitle ?? '',
    required: t(lang, 'error.required'),
    actions: [execute('joinGroup', t(lang, 'join.submit'))],
  };
  return { card: render(joinTemplate, model), summary: model.title };
}
