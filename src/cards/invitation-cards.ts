import editorTemplate from '../../cards/invitation-editor.json';
import invitationTemplate from '../../cards/invitation.json';
import type { FieldErrors } from '../domain/input';
import { minutesOf } from '../domain/schedule';
import { rsvpTally } from '../domain/snapshot';
import { themeTitleKey, type MeetingNumber } from '../domain/themes';
import { RSVP_RESPONSES, type Group, type Language, type Meeting, type Rsvp } from '../domain/types';
import { t } from '../i18n';
import { formatDate, formatDuration, formatTime, formatWhen } from '../i18n/format';
import { hasStarted } from '../domain/meeting';
import { coordinates, EVERYONE, refreshUserIds, takesPart, viewerId, type Viewer } from '../domain/viewer';
import { execute, ownViewButton, withRefresh, type VerbAction } from './actions';
import { factRuns, paragraphRuns, plainRun, richLine, type Inlines } from './rich-text';
import { render, type RenderedCard } from './render';

/** Values shown in the invitation editor. */
export interface EditorValues {
  date: string;
  start: string;
  end: string;
  location: string;
  text: string;
}

/** Model of cards/invitation-editor.json. */
export interface InvitationEditorModel {
  title: string;
  intro: string;
  problem: string;
  notice: string;
  save: VerbAction;
  today: string;
  values: EditorValues;
  /** The coordinator's "Opret Teams-møde" link (their own view only: whoever clicks becomes the organizer). */
  teamsMeeting: string;
  labels: Record<
    'date' | 'start' | 'end' | 'location' | 'locationPlaceholder' | 'text' | 'teamsMeeting',
    string
  >;
  errors: Record<'required' | 'date' | 'start' | 'end' | 'location' | 'text', string>;
}

/**
 * The invitation's starting text: the seed's invitation for meeting 1, a follow-up ("Tak for sidst")
 * for meetings 2–4; the theme and the coordinator's name filled in, [dato]/[start]/[slut]/[varighed] kept.
 */
export function invitationTemplateText(lang: Language, n: MeetingNumber, coordinatorName: string): string {
  const theme = t(lang, themeTitleKey(n));
  if (n === 1) return t(lang, 'invite.template', { theme, name: coordinatorName });
  return t(lang, 'invite.followUp', { n, theme, about: t(lang, `theme.${n}.about`), name: coordinatorName });
}

/** Replaces [dato]/[start]/[slut]/[varighed] (or [date]/[start]/[end]/[length]) with the meeting's own values. */
export function fillPlaceholders(
  lang: Language,
  text: string,
  m: Pick<Meeting, 'date' | 'start' | 'end'>,
): string {
  return text
    .replace(/\[(dato|date)\]/gi, formatDate(lang, m.date))
    .replace(/\[start\]/gi, formatTime(lang, m.start))
    .replace(/\[(slut|end)\]/gi, formatTime(lang, m.end))
    .replace(/\[(varighed|length)\]/gi, formatDuration(lang, minutesOf(m.end) - minutesOf(m.start)));
}

/** The editor for meeting n's invitation, pre-filled, with problems marked (or a notice once sent). */
export function invitationEditorCard(
  lang: Language,
  n: MeetingNumber,
  values: EditorValues,
  today: string,
  errors: FieldErrors = {},
  notice = '',
  teamsMeeting = '',
): RenderedCard {
  const err = (id: string): string => (errors[id] ? t(lang, errors[id].key, errors[id].vars) : '');
  const model: InvitationEditorModel = {
    title: t(lang, 'invite.editorTitle', { n, theme: t(lang, themeTitleKey(n)) }),
    intro: t(lang, 'invite.editorIntro'),
    problem: Object.keys(errors).length ? t(lang, 'invite.problems') : '',
    notice,
    save: execute('saveInvitation', t(lang, 'invite.save'), { meeting: n }),
    today,
    values,
    teamsMeeting,
    labels: {
      date: t(lang, 'invite.date'),
      start: t(lang, 'invite.start'),
      end: t(lang, 'invite.end'),
      location: t(lang, 'invite.location'),
      locationPlaceholder: t(lang, 'invite.locationPlaceholder'),
      text: t(lang, 'invite.text'),
      teamsMeeting: t(lang, 'invite.teamsMeeting'),
    },
    errors: {
      required: t(lang, 'error.required'),
      date: err('date'),
      start: err('start'),
      end: err('end'),
      location: err('location'),
      text: err('text'),
    },
  };
  return { card: render(editorTemplate, model), summary: model.title };
}

/** Model of cards/invitation.json. */
export interface InvitationCardModel {
  title: string;
  groupName: Inlines;
  facts: Inlines[];
  paragraphs: Inlines[];
  tally: string;
  /** Who answered what: the coordinator's view only. */
  answered: Inlines[];
  /** The viewer's own answer (or that they have not answered). */
  mine: Inlines;
  buttons: VerbAction[];
  links: { calendar: string; calendarLabel: string };
  /** After the calendar link: the base card's own-view button. */
  more: VerbAction[];
  /** The coordinator's tools, in the card (a card has at most five buttons): "Opret Teams-møde", the editor. */
  tools: ToolAction[];
}

/** A coordinator's tool on the invitation: a verb, or a link. */
type ToolAction = VerbAction | { type: 'Action.OpenUrl'; title: string; url: string };

/** The invitation's calendar links; empty strings leave their buttons out. */
export interface InvitationLinks {
  teamsMeeting: string;
  calendar: string;
}

/** The viewer's own answer to the invitation, or that they have not answered. */
function ownAnswer(lang: Language, rsvps: readonly Rsvp[], userId: string): Inlines {
  const mine = rsvps.find((r) => r.userId === userId)?.response;
  return mine
    ? richLine(lang, 'invite.yourAnswer', { response: t(lang, `rsvp.${mine}`) }, 'Good')
    : richLine(lang, 'invite.notAnswered');
}

/** The coordinator's tools on an invitation: "Opret Teams-møde" (when there is a link), the editor (before the meeting starts). */
function coordinatorTools(lang: Language, meeting: Meeting, teamsMeeting: string): ToolAction[] {
  const link: ToolAction[] = teamsMeeting
    ? [{ type: 'Action.OpenUrl', title: t(lang, 'invite.teamsMeeting'), url: teamsMeeting }]
    : [];
  const edit = hasStarted(meeting)
    ? []
    : [execute('openInvitation', t(lang, 'invite.editButton'), { meeting: meeting.number })];
  return [...link, ...edit];
}

/**
 * The invitation as `viewer` sees it: the base card has the tally and the answer buttons; a
 * member's view says what they answered; the coordinator's names who answered what and has the
 * editor and "Opret Teams-møde" (whoever clicks that becomes the meeting's organizer).
 */
export function invitationCard(
  lang: Language,
  group: Group,
  meeting: Meeting,
  rsvps: readonly Rsvp[],
  viewer: Viewer = EVERYONE,
  links: InvitationLinks = { teamsMeeting: '', calendar: '' },
): RenderedCard {
  const n = meeting.number as MeetingNumber;
  const theme = t(lang, themeTitleKey(n));
  const by = rsvpTally(rsvps);
  const me = viewerId(viewer);
  const everyone = viewer.kind === 'everyone';
  const ref = { card: 'invitation' as const, meeting: n };
  const model: InvitationCardModel = {
    links: { calendar: links.calendar, calendarLabel: t(lang, 'invite.calendar') },
    title: t(lang, 'invite.cardTitle', { n, theme }),
    groupName: plainRun(group.name),
    facts: [
      factRuns(t(lang, 'invite.when'), formatWhen(lang, meeting.date, meeting.start, meeting.end)),
      factRuns(t(lang, 'invite.where'), meeting.location),
    ],
    paragraphs: paragraphRuns(fillPlaceholders(lang, meeting.text, meeting)),
    tally: rsvps.length
      ? t(lang, 'invite.tally', { yes: by.yes.length, maybe: by.maybe.length, no: by.no.length })
      : t(lang, 'invite.noAnswers'),
    answered: coordinates(viewer)
      ? RSVP_RESPONSES.filter((r) => by[r].length > 0).map((r) =>
          plainRun(
            t(lang, 'invite.answered', {
              response: t(lang, `rsvpList.${r}`),
              names: [...by[r]]
                .sort((a, b) => a.name.localeCompare(b.name, 'da'))
                .map((x) => x.name)
                .join(', '),
            }),
          ),
        )
      : [],
    mine: takesPart(viewer) && me ? ownAnswer(lang, rsvps, me) : [],
    buttons:
      everyone || takesPart(viewer)
        ? RSVP_RESPONSES.map((r) => execute('rsvp', t(lang, `rsvp.${r}`), { meeting: n, response: r }))
        : [],
    more: everyone ? [ownViewButton(t(lang, 'view.mine'), ref)] : [],
    tools: coordinates(viewer) ? coordinatorTools(lang, meeting, links.teamsMeeting) : [],
  };
  const card = withRefresh(
    render(invitationTemplate, model),
    ref,
    t(lang, 'view.mine'),
    refreshUserIds(group),
  );
  return { card, summary: t(lang, 'invite.summary', { n, theme }) };
}
