/**
 * Every turn reads its group once: the storage round trips (HTTP requests to Azurite, counted the
 * way the benchmark counts them) each use case makes, for a whole small programme. A click waits
 * for each of them, so a use case that reads the same group twice answers more slowly.
 */
import { randomUUID } from 'node:crypto';
import { openAnswerForm, submitAnswer } from '../../src/app/answers';
import type { Actor, AppDeps } from '../../src/app/context';
import { joinGroup, setupGroup } from '../../src/app/group';
import { openGuide } from '../../src/app/guide';
import { openInvitation, rsvp, saveInvitation } from '../../src/app/invitation';
import { startMeeting } from '../../src/app/meeting';
import type { Outcome } from '../../src/app/result';
import { openTableStore } from '../../src/store/connect';
import { groupKeyOf } from '../../src/store/keys';
import { testConnectionString } from '../support/azurite';
import { groupChat, invoke, mention, user } from '../support/activities';
import { startTestBot } from '../support/bot-harness';
import { sampleSettings } from '../support/sample-group';

describe('storage round trips per use case', () => {
  it('read the group once and write once', async () => {
    let trips = 0;
    const store = await openTableStore(
      { connectionString: testConnectionString() },
      { onRequest: () => void trips++ },
    );
    const deps: AppDeps = {
      store,
      now: () => new Date(),
      timeZone: 'Europe/Copenhagen',
      defaultLanguage: 'da',
      coordinatorTitle: () => 'Koordinatoren',
    };
    const conversationId = `19:${randomUUID()}@thread.v2`;
    const person = (userId: string, name: string): Actor => ({
      tenantId: 't',
      groupKey: groupKeyOf('t', conversationId),
      userId,
      name,
      language: 'da',
      chat: 'group',
      conversation: {},
    });
    const karen = person('karen', 'Karen Holm');
    const members = [person('ali', 'Ali Demir'), person('bo', 'Bo Lund'), person('cecilie', 'Cecilie Dam')];
    const measured: Record<string, number> = {};
    const measure = async <T>(name: string, run: () => Promise<Outcome<T>>): Promise<T> => {
      trips = 0;
      const outcome = await run();
      measured[name] = trips;
      if (!outcome.ok) throw new Error(`${name}: ${outcome.refusal}`);
      return outcome.value;
    };
    const settings = {
      name: 'Drift Nord',
      association: 'Boligselskabet',
      area: 'Nord',
      revealMode: 'anonymous',
    };
    const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const invitation = {
      meeting: '1',
      date: day,
      start: '13:00',
      end: '15:00',
      location: 'Mødelokalet',
      text: 'Velkommen',
    };

    await measure('setupGroup (new)', () => setupGroup(deps, karen, settings));
    for (const m of members)
      await measure('joinGroup', () =>
        joinGroup(deps, m, { roleCategory: 'fysisk', roleTitle: 'Driftsleder' }),
      );
    await measure('setupGroup (change)', () => setupGroup(deps, karen, { ...settings, revealMode: 'named' }));
    await measure('openInvitation', () => openInvitation(deps, karen, { meeting: '1' }));
    await measure('saveInvitation (new)', () => saveInvitation(deps, karen, invitation));
    await measure('saveInvitation (change)', () =>
      saveInvitation(deps, karen, { ...invitation, start: '13:30' }),
    );
    await measure('rsvp', () => rsvp(deps, members[0], { meeting: '1', response: 'yes' }));
    await measure('openGuide', () => openGuide(deps, karen, { meeting: '1' }));
    await measure('startMeeting', () => startMeeting(deps, karen, { meeting: '1' }));
    await measure('openAnswerForm', () => openAnswerForm(deps, members[0], { meeting: '1' }));
    const answered = await measure('submitAnswer', () =>
      submitAnswer(deps, members[0], { meeting: '1', a1: 'Råd et', a2: 'Råd to', a3: 'Råd tre' }),
    );

    expect(answered.items.map((i) => i.text)).toEqual(['Råd et', 'Råd to', 'Råd tre']);
    expect(measured).toEqual({
      // The group is new: no partition, then one listing of it (a group row after all? rows a late
      // writer left of an earlier group, swept), the group, the coordinator's index row.
      'setupGroup (new)': 4,
      joinGroup: 2,
      'setupGroup (change)': 2,
      openInvitation: 1,
      'saveInvitation (new)': 2,
      'saveInvitation (change)': 2,
      rsvp: 2,
      openGuide: 1,
      startMeeting: 2,
      openAnswerForm: 1,
      submitAnswer: 2,
    });
  });
});

describe('storage round trips of a chat command', () => {
  it('a summary, given (also to a member) or refused, is the re-delivery claim and one partition read (a given one then records its posted card: one blind write): the refusal is in the language that read gave', async () => {
    let trips = 0;
    // The tenant's outbox lease, taken again by the first send after it was let go (once per 10 s
    // of sending for the tenant, not per turn), is not counted.
    const count = (request: { url: string }): void => {
      if (!/\/outbox\b/.test(new URL(request.url).pathname)) trips++;
    };
    const bot = await startTestBot({}, {}, undefined, undefined, async (request) => count(request));
    try {
      const chat = groupChat(bot.connector.serviceUrl);
      const karen = user('Karen Holm');
      const jens = user('Jens Madsen');
      await bot.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, language: 'en' }));
      for (const m of [jens, user('Aisha Yilmaz'), user('Søren Østergaard')])
        await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Driftsleder' }));
      await bot.send(mention(chat, karen, 'start 1'));
      await bot.send(mention(chat, jens, 'hjælp'));
      // The start's cards went out through the outbox; its background work (lease, hint) is not a summary's.
      await bot.running.quiet();
      const measured: Record<string, number> = {};
      const said: Record<string, string> = {};
      for (const [name, who, text] of [
        ['summary', karen, 'summary 1'],
        ['summary of a meeting not held (refused)', karen, 'summary 2'],
        ['summary asked by a member (without who took part)', jens, 'summary 1'],
        ['summary asked by someone outside the group (refused)', user('Bente Kjær'), 'summary 1'],
      ] as const) {
        trips = 0;
        await bot.send(mention(chat, who, text));
        measured[name] = trips;
        const reply = bot.connector.posts().at(-1)!.activity;
        said[name] = typeof reply.text === 'string' ? reply.text : 'a card';
      }
      expect(said).toEqual({
        summary: 'a card',
        'summary of a meeting not held (refused)': expect.stringContaining('Meeting 2 has not been held'),
        'summary asked by a member (without who took part)': 'a card',
        'summary asked by someone outside the group (refused)': expect.stringContaining(
          "The summary is for the group's members",
        ),
      });
      expect(measured).toEqual({
        summary: 3,
        'summary of a meeting not held (refused)': 2,
        'summary asked by a member (without who took part)': 3,
        'summary asked by someone outside the group (refused)': 2,
      });
    } finally {
      await bot.stop();
    }
    // Waiting for the outbox to be quiet includes letting the tenant's lease go after 10 s idle:
    // about 20 s on an idle machine, so the 30 s default is too tight for a loaded one.
  }, 120_000);
});
