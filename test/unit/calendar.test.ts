import { meetingIcs } from '../../src/report/calendar';
import {
  MAX_TEAMS_LINK,
  meetingInstants,
  meetingLinker,
  readCalendarToken,
  teamsMeetingLink,
} from '../../src/web/meeting-links';
import { sampleGroup } from '../support/card-gallery';

const meeting = {
  number: 2,
  status: 'invited' as const,
  date: '2027-06-10',
  start: '13:00',
  end: '15:00',
  location: 'Huset',
  text: '',
  updatedAt: '2027-05-01T10:00:00.000Z',
};

describe('calendar files', () => {
  it('use summer time in June (UTC+2) and winter time in January (UTC+1)', () => {
    expect(meetingInstants(meeting, 'Europe/Copenhagen').start.toISOString()).toBe(
      '2027-06-10T11:00:00.000Z',
    );
    expect(meetingInstants({ ...meeting, date: '2027-01-14' }, 'Europe/Copenhagen').start.toISOString()).toBe(
      '2027-01-14T12:00:00.000Z',
    );
  });

  it('escape text and fold long lines without splitting æ, ø or å', () => {
    const description = 'Æblegrød, ærter; og øl\\nrå '.repeat(20);
    const ics = meetingIcs({
      uid: 'u',
      sequence: 1,
      stamp: new Date(0),
      start: new Date(0),
      end: new Date(0),
      summary: 'Møde',
      location: 'Sted, by',
      description,
    });
    const lines = ics.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(
      `DESCRIPTION:${description.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,')}`,
    );
    expect(unfolded).toContain('LOCATION:Sted\\, by');
  });
});

describe('calendar links', () => {
  it('expire a day after the meeting, cannot be used with another key, and survive a key rotation', async () => {
    const key = new Uint8Array(32).fill(7);
    const another = new Uint8Array(32).fill(9);
    const links = meetingLinker({
      baseUrl: () => 'https://bot.example',
      key,
      timeZone: 'Europe/Copenhagen',
      invitationText: () => '',
      subject: () => 'Møde',
      place: () => '',
    });
    const group = sampleGroup();
    const url = new URL((await links(group, meeting)).calendar);
    const token = url.searchParams.get('token')!;
    expect(await readCalendarToken(key, token, new Date('2027-06-11T12:00:00Z'))).toEqual({
      groupKey: 'g-test',
      meeting: 2,
      groupCreatedAt: group.createdAt,
    });
    expect(await readCalendarToken(key, token, new Date('2027-06-11T14:00:00Z'))).toBeUndefined();
    expect(await readCalendarToken(another, token, new Date('2027-06-10T00:00:00Z'))).toBeUndefined();
    expect(await readCalendarToken([another, key], token, new Date('2027-06-10T00:00:00Z'))).toEqual({
      groupKey: 'g-test',
      meeting: 2,
      groupCreatedAt: group.createdAt,
    });
  });
});

describe('the "Opret Teams-møde" link', () => {
  const fields = {
    subject: 'Erfaringsgruppe: møde 1 – Tre gode råd',
    startTime: '2027-01-14T12:00:00.000Z',
    endTime: '2027-01-14T14:00:00.000Z',
    attendees: ['karen@kilden.example', 'jens@kilden.example'],
  };

  it('stays within 1,800 characters with the longest invitation, shortening only the text', () => {
    const text = `Sted: Beboerhuset\n\n${'Æ'.repeat(1000)}`;
    const link = new URL(teamsMeetingLink(fields, text));
    expect(link.href.length).toBeLessThanOrEqual(MAX_TEAMS_LINK);
    expect(link.href.length).toBeGreaterThan(MAX_TEAMS_LINK - 20);
    expect(link.searchParams.get('content')).toMatch(/^Sted: Beboerhuset\n\nÆ+…$/);
    expect(link.searchParams.get('attendees')).toBe('karen@kilden.example,jens@kilden.example');
    expect(link.searchParams.get('startTime')).toBe(fields.startTime);
  });

  it('keeps a short text whole', () => {
    const link = new URL(teamsMeetingLink(fields, 'Hej alle'));
    expect(link.searchParams.get('content')).toBe('Hej alle');
  });
});
