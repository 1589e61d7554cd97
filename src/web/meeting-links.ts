import { zonedInstant } from '../domain/reminders';
import type { Group, Meeting } from '../domain/types';
import { readToken, signToken, type VerifyKeys } from '../lib/signed-token';

/** The invitation card's "Opret Teams-møde" and "Gem i kalender" links (empty: no button). */
export interface MeetingLinks {
  teamsMeeting: string;
  calendar: string;
}

/** A meeting's calendar link, as the calendar route reads it. */
export interface CalendarClaim {
  groupKey: string;
  meeting: number;
  /** When the group was created: a later group in the same chat (same key) is another group. */
  groupCreatedAt: string;
}

const PURPOSE = 'calendar';

/**
 * The longest "Opret Teams-møde" link: Teams on Windows cannot open a deep link over 1,900
 * characters (deep-link-application.md); some room is left for what the client adds.
 */
export const MAX_TEAMS_LINK = 1800;

/** The new-meeting deep link; the content is shortened (never the times or attendees) until it fits. */
export function teamsMeetingLink(
  fields: { subject: string; startTime: string; endTime: string; attendees: string[] },
  content: string,
  max = MAX_TEAMS_LINK,
): string {
  const build = (text: string): string => {
    const query = new URLSearchParams({
      subject: fields.subject,
      startTime: fields.startTime,
      endTime: fields.endTime,
      content: text,
    });
    if (fields.attendees.length) query.set('attendees', fields.attendees.join(','));
    return `https://teams.microsoft.com/l/meeting/new?${query.toString().replace(/\+/g, '%20')}`;
  };
  const chars = [...content];
  if (build(content).length <= max) return build(content);
  let fits = 0;
  let tooLong = chars.length;
  while (tooLong - fits > 1) {
    const mid = Math.floor((fits + tooLong) / 2);
    if (build(`${chars.slice(0, mid).join('').trimEnd()}…`).length <= max) fits = mid;
    else tooLong = mid;
  }
  const link = build(fits ? `${chars.slice(0, fits).join('').trimEnd()}…` : '');
  return link.length <= max ? link : '';
}
const DAY_MS = 24 * 3600 * 1000;

/** The meeting's start and end as instants (the group's wall-clock times in `timeZone`). */
export function meetingInstants(m: Meeting, timeZone: string): { start: Date; end: Date } {
  return { start: zonedInstant(m.date, m.start, timeZone), end: zonedInstant(m.date, m.end, timeZone) };
}

/** Builds both links; the calendar link expires a day after the meeting. */
export function meetingLinker(options: {
  baseUrl: () => string | undefined;
  key: Uint8Array;
  timeZone: string;
  invitationText: (group: Group, meeting: Meeting) => string;
  subject: (group: Group, meeting: Meeting) => string;
  /** The meeting's place as a line for the meeting's text (the deep link has no location field). */
  place: (group: Group, meeting: Meeting) => string;
}): (group: Group, meeting: Meeting, attendees?: string[]) => Promise<MeetingLinks> {
  return async (group, meeting, attendees = []) => {
    if (!meeting.date || !meeting.start || !meeting.end) return { teamsMeeting: '', calendar: '' };
    const { start, end } = meetingInstants(meeting, options.timeZone);
    const place = options.place(group, meeting);
    const text = options.invitationText(group, meeting);
    const teamsMeeting = teamsMeetingLink(
      {
        subject: options.subject(group, meeting),
        startTime: start.toISOString(),
        endTime: end.toISOString(),
        attendees,
      },
      place ? `${place}\n\n${text}` : text,
    );
    const base = options.baseUrl();
    if (!base) return { teamsMeeting, calendar: '' };
    const token = signToken(
      { use: PURPOSE, grp: group.key, gc: group.createdAt, m: meeting.number },
      options.key,
      new Date(end.getTime() + DAY_MS),
    );
    return { teamsMeeting, calendar: `${base}/api/calendar/meeting.ics?token=${token}` };
  };
}

/** Reads a calendar link's token; undefined when it is forged, altered, expired or older than group binding. */
export function readCalendarToken(key: VerifyKeys, token: string, now: Date): CalendarClaim | undefined {
  const claims = readToken(token, key, now);
  const { use, grp, gc, m } = claims ?? {};
  if (use !== PURPOSE || typeof grp !== 'string' || typeof gc !== 'string' || typeof m !== 'number')
    return undefined;
  return { groupKey: grp, meeting: m, groupCreatedAt: gc };
}
