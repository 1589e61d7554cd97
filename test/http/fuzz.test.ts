import fc from 'fast-check';
import { VERB_NAMES as VERBS } from '../../src/app';
import { BOT, groupChat, invoke, mention, user } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';

jest.setTimeout(300_000);

/** 1,000 generated activities and card payloads through the HTTP entry point: no 5xx, no crash, and it still works. */
describe('fuzzed input', () => {
  let bot: TestBot;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    bot = await startTestBot();
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await bot.stop();
  });

  it('never answers 5xx, never rejects unhandled, and a normal flow works afterwards', async () => {
    // Several chats, so Teams' per-conversation pacing does not make the run slow.
    const chats = Array.from({ length: 12 }, () => groupChat(bot.connector.serviceUrl));
    const people = [user('Karen Holm'), user('Jens Madsen'), user('Aisha Yilmaz')];
    await bot.send(invoke(chats[0], people[0], 'setupGroup', sampleSettings));

    const anyValue = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant('__proto__'),
      fc.array(fc.string(), { maxLength: 5 }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const data = fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'meeting',
          'a1',
          'a2',
          'a3',
          'choices',
          'choice',
          'name',
          'association',
          'area',
          'phase',
          'language',
          'revealMode',
          'roleCategory',
          'roleTitle',
          'date',
          'start',
          'end',
          'location',
          'text',
          'response',
          'agreements',
          'title',
          'description',
          'owner',
          'firstStep',
          'dueDate',
          'group',
          '__proto__',
          'constructor',
        ),
        fc.string(),
      ),
      anyValue,
      { maxKeys: 8 },
    );
    const base = fc.record({ chat: fc.constantFrom(...chats), who: fc.constantFrom(...people) });
    const wellFormed = fc.oneof(
      fc
        .record({ b: base, verb: fc.oneof(fc.constantFrom(...VERBS), fc.string()), data })
        .map(({ b, verb, data: d }) => invoke(b.chat, b.who, verb, d)),
      fc
        .record({
          b: base,
          text: fc.oneof(
            fc.string(),
            fc.constantFrom('hjælp', 'status', 'inviter 9', 'start x', 'opsummering tema', 'opsæt'),
          ),
        })
        .map(({ b, text }) => mention(b.chat, b.who, text)),
    );
    const mangled = fc
      .record({
        activity: wellFormed,
        drop: fc.subarray([
          'type',
          'from',
          'conversation',
          'value',
          'text',
          'recipient',
          'channelData',
          'id',
        ]),
        junk: fc.dictionary(
          fc.constantFrom('type', 'from', 'conversation', 'value', 'name', 'channelData', 'entities'),
          anyValue,
          { maxKeys: 3 },
        ),
      })
      .map(({ activity, drop, junk }) => {
        const copy: Record<string, unknown> = {
          ...activity,
          ...junk,
          serviceUrl: bot.connector.serviceUrl,
          recipient: BOT,
        };
        for (const key of drop) delete copy[key];
        return copy;
      });
    const body = fc.oneof(
      { weight: 3, arbitrary: wellFormed },
      { weight: 2, arbitrary: mangled },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );

    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(body, async (activity) => {
        const res = await fetch(`${bot.running.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        await res.text();
        statuses.push(res.status);
        return res.status < 500;
      }),
      { numRuns: 1000, seed: 20261126 },
    );
    expect(statuses).toHaveLength(1000);
    expect(rejections).toEqual([]);

    const chat = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(chat, people[0], 'setupGroup', sampleSettings));
    const joined = await bot.send(
      invoke(chat, people[1], 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Projektleder' }),
    );
    expect(cardText(joined.body?.value)).toContain('Velkommen i gruppen, Jens Madsen!');
    expect((await fetch(`${bot.running.url}/healthz`)).status).toBe(200);
  });
});
