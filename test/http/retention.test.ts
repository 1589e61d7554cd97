/**
 * The daily retention sweep with an injected clock: re-delivery claims go after 7 days, reminder
 * claims two days after their meeting, and each day's sweep is claimed once across instances.
 * The clock runs in 1999/2000, so the sweep (which deletes by age across all groups) touches only
 * this test's rows while other test files share the storage.
 */
import { groupChat, invoke, mention, user } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { sampleSettings } from '../support/sample-group';
import { rowsOfGroup } from '../support/tables';
import { groupKeyOf } from '../../src/store/keys';

let clock = new Date('1999-12-30T08:00:00Z');
const now = (): Date => clock;
let a: TestBot;
let b: TestBot;

beforeAll(async () => {
  a = await startTestBot({ REMINDERS: 'on' }, {}, undefined, now);
  b = await startTestBot({ REMINDERS: 'on' }, {}, undefined, now);
});
afterAll(async () => {
  await a.stop();
  await b.stop();
});

it('deletes re-delivery claims after 7 days and reminder claims two days after their meeting', async () => {
  const chat = groupChat(a.connector.serviceUrl);
  const key = groupKeyOf(chat.tenantId, chat.conversationId);
  const karen = user('Karen Holm');
  await a.send(invoke(chat, karen, 'setupGroup', sampleSettings));
  for (const name of ['Jens Madsen', 'Aisha Yilmaz', 'Søren Østergaard'])
    await a.send(
      invoke(chat, user(name), 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }),
    );
  await a.send(
    invoke(chat, karen, 'saveInvitation', {
      meeting: 1,
      date: '2000-01-01',
      start: '13:00',
      end: '15:00',
      location: 'Huset',
      text: 'Hej',
    }),
  );
  await a.send(mention(chat, karen, 'status'));
  const claims = async (): Promise<{ activities: number; reminders: number }> => {
    const rows = await rowsOfGroup(key);
    return {
      activities: rows.filter((r) => r.table === 'activities').length,
      reminders: rows.filter((r) => r.rowKey.startsWith('reminder|')).length,
    };
  };

  clock = new Date('1999-12-30T12:30:00Z'); // 48 hours before the meeting: the RSVP reminder is claimed
  await Promise.all([a.running.reminders!.tick(), b.running.reminders!.tick()]);
  const first = await claims();
  expect(first.activities).toBeGreaterThan(0);
  expect(first.reminders).toBe(1);

  clock = new Date('2000-01-02T12:30:00Z'); // the day after the meeting: nothing is old enough
  await a.running.reminders!.tick();
  expect(await claims()).toEqual(first);

  clock = new Date('2000-01-03T12:30:00Z'); // two days after the meeting: its reminder claims go
  await a.running.reminders!.tick();
  expect(await claims()).toEqual({ activities: first.activities, reminders: 0 });

  clock = new Date('2000-01-06T12:30:00Z'); // more than 7 days after the activities
  await Promise.all([a.running.reminders!.tick(), b.running.reminders!.tick()]);
  expect(await claims()).toEqual({ activities: 0, reminders: 0 });
});

it('runs once a day across instances: the day is claimed by the first', async () => {
  clock = new Date('2000-02-01T06:00:00Z');
  await Promise.all([a.running.reminders!.tick(), b.running.reminders!.tick()]);
  expect(await a.running.store.claimDailyJob('retention', '2000-02-01', clock.toISOString())).toBe(false);
  expect(await a.running.store.claimDailyJob('retention', '2000-02-02', clock.toISOString())).toBe(true);
});
