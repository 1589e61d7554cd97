import type { App } from '../app';
import { fillPlaceholders } from '../cards/invitation-cards';
import { themeTitleKey, type MeetingNumber } from '../domain/themes';
import type { Group, Meeting } from '../domain/types';
import { t, type MessageKey } from '../i18n';
import { meetingIcs } from '../report/calendar';
import { StorageUnavailableError } from '../domain/snapshot';
import { meetingInstants, readCalendarToken } from './meeting-links';
import type { VerifyKeys } from '../lib/signed-token';
import type { TabResponse } from './tab-api';

/** The calendar entry's title: "Erfaringsgruppe: møde 1 – Tre gode råd". */
export function calendarSubject(group: Group, meeting: Meeting): string {
  const theme = t(group.language, themeTitleKey(meeting.number as MeetingNumber));
  return t(group.language, 'calendar.summary', { n: meeting.number, theme });
}

/** "Sted: Beboerhuset" for the Teams meeting's text, or nothing when no place was given. */
export function meetingPlaceLine(group: Group, meeting: Meeting): string {
  return meeting.location.trim() ? `${t(group.language, 'invite.where')}: ${meeting.location.trim()}` : '';
}

/** The invitation text as plain text, with [dato], [start] and [slut] filled in. */
export function invitationPlainText(group: Group, meeting: Meeting): string {
  return fillPlaceholders(group.language, meeting.text, meeting);
}

/** A problem in both languages: whoever opens a broken link, we do not know their group's language. */
const problem = (status: number, key: MessageKey): TabResponse => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body: `${t('da', key)}\n\n${t('en', key)}\n`,
});

/** GET /api/calendar/meeting.ics?token=…: the meeting as an .ics file, for a signed, unexpired link. */
export async function calendarFile(
  app: App,
  key: VerifyKeys,
  token: string | undefined,
): Promise<TabResponse> {
  const claim = token ? readCalendarToken(key, token, app.now()) : undefined;
  if (!claim) return problem(401, 'calendar.invalidLink');
  try {
    const entry = await app.calendarEntry(claim.groupKey, claim.meeting);
    // A link of a deleted group opens nothing of the group that came after it in the same chat.
    if (!entry || entry.group.createdAt !== claim.groupCreatedAt) return problem(404, 'calendar.noMeeting');
    const { group, meeting } = entry;
    const { start, end } = meetingInstants(meeting, app.timeZone);
    const updated = new Date(meeting.updatedAt);
    const body = meetingIcs({
      uid: `${group.key}-moede-${meeting.number}@erfaringsgruppe`,
      sequence: Math.max(
        0,
        Math.floor(updated.getTime() / 1000) - Math.floor(Date.parse(group.createdAt) / 1000),
      ),
      stamp: updated,
      start,
      end,
      summary: calendarSubject(group, meeting),
      location: meeting.location,
      description: invitationPlainText(group, meeting),
    });
    return {
      status: 200,
      contentType: 'text/calendar; charset=utf-8',
      body,
      filename: `${t(group.language, 'calendar.fileName', { n: meeting.number })}.ics`,
    };
  } catch (err) {
    if (err instanceof StorageUnavailableError) return problem(503, 'calendar.storageUnavailable');
    throw err;
  }
}
