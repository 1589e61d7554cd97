import { createHmac, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { zonedInstant } from '../domain/reminders';
import type { Group, Meeting } from '../domain/types';

/** The invitation card's "Opret Teams-møde" and "Tilføj til kalender" links (empty: no button). */
export interface MeetingLinks {
  teamsMeeting: string;
  calendar: string;
}

/** A meeting's calendar link, as the calendar route reads it. */
export interface CalendarClaim {
  groupKey: string;
  meeting: number;
}

const ISSUER = 'erfaringsgruppe';
const AUDIENCE = 'erfaringsgruppe-calendar';
const DAY = 24 * 3600;

/**
 * The key that signs calendar links. Derived from the bot's secret in production so every instance
 * accepts every other's links; random (per process) in local mode.
 */
export function calendarKey(appPassword: string | undefined): Uint8Array {
  return appPassword
    ? new Uint8Array(createHmac('sha256', appPassword).update('erfaringsgruppe calendar links').digest())
    : new Uint8Array(randomBytes(32));
}

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
}): (group: Group, meeting: Meeting, attendees?: string[]) => Promise<MeetingLinks> {
  return async (group, meeting, attendees = []) => {
    if (!meeting.date || !meeting.start || !meeting.end) return { teamsMeeting: '', calendar: '' };
    const { start, end } = meetingInstants(meeting, options.timeZone);
    const query = new URLSearchParams({
      subject: options.subject(group, meeting),
      startTime: start.toISOString(),
      endTime: end.toISOString(),
      content: [...options.invitationText(group, meeting)].slice(0, 1000).join(''),
    });
    if (attendees.length) query.set('attendees', attendees.join(','));
    const teamsMeeting = `https://teams.microsoft.com/l/meeting/new?${query.toString().replace(/\+/g, '%20')}`;
    const base = options.baseUrl();
    if (!base) return { teamsMeeting, calendar: '' };
    const token = await new SignJWT({ grp: group.key, m: meeting.number })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(Math.floor(end.getTime() / 1000) + DAY)
      .sign(options.key);
    return { teamsMeeting, calendar: `${base}/api/calendar/meeting.ics?token=${token}` };
  };
}

/** Reads a calendar link's token; undefined when it is forged, altered or expired. */
export async function readCalendarToken(
  key: Uint8Array,
  token: string,
  now: Date,
): Promise<CalendarClaim | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
    });
    const groupKey = payload.grp;
    const meeting = payload.m;
    if (typeof groupKey !== 'string' || typeof meeting !== 'number') return undefined;
    return { groupKey, meeting };
  } catch {
    return undefined;
  }
}
