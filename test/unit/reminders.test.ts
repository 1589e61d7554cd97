import { dueReminder, zonedInstant } from '../../src/domain/reminders';

const H = 3600 * 1000;

describe('meeting times in Copenhagen', () => {
  it('turns wall-clock times into instants, summer and winter time alike', () => {
    expect(zonedInstant('2027-01-14', '13:00', 'Europe/Copenhagen').toISOString()).toBe(
      '2027-01-14T12:00:00.000Z',
    );
    expect(zonedInstant('2027-06-14', '13:00', 'Europe/Copenhagen').toISOString()).toBe(
      '2027-06-14T11:00:00.000Z',
    );
    expect(zonedInstant('2027-03-28', '09:00', 'Europe/Copenhagen').toISOString()).toBe(
      '2027-03-28T07:00:00.000Z',
    );
  });
});

describe('which reminder is due', () => {
  const start = new Date('2027-01-14T12:00:00Z');
  const at = (hoursBefore: number): Date => new Date(start.getTime() - hoursBefore * H);

  it('asks for RSVPs 48 hours before, reminds everyone 24 hours and 1 hour before', () => {
    expect(dueReminder(start, at(49))).toBeUndefined();
    expect(dueReminder(start, at(48))).toBe('rsvp48');
    expect(dueReminder(start, at(24))).toBe('day24');
    expect(dueReminder(start, at(1))).toBe('hour1');
  });

  it('sends a missed reminder late only while it is still useful, never after the start', () => {
    expect(dueReminder(start, at(30))).toBe('rsvp48');
    expect(dueReminder(start, at(5))).toBe('day24');
    expect(dueReminder(start, at(0.25))).toBe('hour1');
    expect(dueReminder(start, at(0))).toBeUndefined();
    expect(dueReminder(start, at(-2))).toBeUndefined();
  });
});
