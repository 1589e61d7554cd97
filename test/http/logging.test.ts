import { groupChat, invoke, mention, user } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { capturedLog } from '../support/log-lines';
import { samplePeople, sampleSettings } from '../support/sample-group';

/** Logs help (one JSON line per turn with ids and outcome) without leaking what people wrote. */
describe('logs', () => {
  const { log, lines } = capturedLog('debug');
  let bot: TestBot;
  const { coordinator, members } = samplePeople();
  const secrets = {
    name: 'Gruppen-Med-Hemmeligt-Navn',
    invitation: 'Invitationstekst-der-ikke-må-logges',
    advice: 'Et-ærligt-råd-om-chefen-der-ikke-må-logges',
    command: 'hvad-siger-jens-om-chefen',
  };

  beforeAll(async () => {
    bot = await startTestBot({}, {}, log);
  });
  afterAll(() => bot.stop());

  it('writes one JSON line per turn with conversation, activity, what was asked and the outcome — never the text', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const activities = [
      invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, name: secrets.name }),
      ...members
        .slice(0, 3)
        .map((m) => invoke(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Varmemester' })),
      invoke(chat, coordinator, 'saveInvitation', {
        meeting: 1,
        date: '2027-01-14',
        start: '13:00',
        end: '15:00',
        location: 'Her',
        text: secrets.invitation,
      }),
      invoke(chat, coordinator, 'startMeeting', { meeting: 1 }),
      invoke(chat, members[0], 'submitAnswer', {
        meeting: 1,
        a1: secrets.advice,
        a2: secrets.advice,
        a3: secrets.advice,
      }),
      mention(chat, user('Bente Kjær'), secrets.command),
    ];
    for (const a of activities) await bot.send(a);

    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const turns = parsed.filter((l) => l.event === 'turn');
    expect(turns.map((t) => t.activity)).toEqual(activities.map((a) => a.id));
    expect(turns.every((t) => t.conversation === chat.conversationId)).toBe(true);
    expect(turns.map((t) => t.what)).toContain('verb:submitAnswer');
    expect(turns.at(-1)).toMatchObject({ what: 'command:unknown', outcome: 'done' });
    const all = lines.join('\n');
    for (const secret of Object.values(secrets)) expect(all).not.toContain(secret);
  });
});
