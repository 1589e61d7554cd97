/**
 * Deletion that is complete and final, and confirmations that only work for the person who asked,
 * tried as a hostile or unlucky member would: through the real entry point against real Azurite,
 * then reading every table straight from storage.
 */
import { randomUUID } from 'node:crypto';
import {
  groupChat,
  inPersonal,
  invoke,
  mention,
  personal,
  user,
  type TestChat,
  type TestUser,
} from '../support/activities';
import { startTestBot, TEST_NOW, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';
import { allRows, rowsOfGroup } from '../support/tables';
import { groupKeyOf } from '../../src/store/keys';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** People with names no other test uses, so a scan of every table finds only this test's rows. */
const person = (first: string): TestUser => user(`${first} ${randomUUID().slice(0, 8)}`);

const lastPost = (): Record<string, unknown> => bot.connector.posts().at(-1)!.activity;
const lastText = (): string => {
  const a = lastPost();
  return Array.isArray(a.attachments) ? cardText(attachedCard(a)) : String(a.text);
};

/** The token of the confirmation card the bot just posted. */
function lastToken(): string {
  const card = attachedCard(lastPost());
  return (card.actions as { data: { token: string } }[])[0].data.token;
}

/** A group of the coordinator and members, meeting 1 running, each member answered with their name in it. */
async function runningGroup(coordinator: TestUser, members: TestUser[], answer = true): Promise<TestChat> {
  const chat = groupChat(bot.connector.serviceUrl);
  await bot.send(invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, name: 'Søbakken' }));
  for (const m of members)
    await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }));
  await bot.send(mention(chat, coordinator, 'start 1'));
  if (answer) {
    for (const m of members)
      await bot.send(
        invoke(chat, m, 'submitAnswer', { meeting: 1, a1: `Råd fra ${m.name}`, a2: 'x', a3: 'y' }),
      );
  }
  return chat;
}

describe('confirmations', () => {
  it('`slet mine data` in a group chat only points to the personal chat: no button for everyone', async () => {
    const karen = person('Karen');
    const chat = await runningGroup(karen, [person('Jens'), person('Aisha'), person('Søren')]);
    const before = bot.connector.posts().length;
    await bot.send(mention(chat, karen, 'slet mine data'));
    const posted = bot.connector.posts().slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0].activity.attachments).toBeUndefined();
    expect(String(posted[0].activity.text)).toContain('personlig chat');
  });

  it("another person's click on a confirmation deletes nothing, theirs or the asker's", async () => {
    const karen = person('Karen');
    const [jens, aisha] = [person('Jens'), person('Aisha')];
    const chat = await runningGroup(karen, [jens, aisha, person('Søren')]);
    const jensChat = personal(chat);
    await bot.send(inPersonal(mention(jensChat, jens, 'slet mine data')));
    const token = lastToken();

    const stolen = await bot.send(
      inPersonal(invoke(personal(chat), aisha, 'confirmDeleteMyData', { token })),
    );
    expect(JSON.stringify(stolen.body)).toContain('gælder kun for den, der bad om sletningen');
    const forged = await bot.send(
      inPersonal(invoke(personal(chat), aisha, 'confirmDeleteMyData', { token: `${token.slice(0, -2)}xy` })),
    );
    expect(JSON.stringify(forged.body)).toContain('gælder kun');
    const bare = await bot.send(inPersonal(invoke(personal(chat), aisha, 'confirmDeleteMyData')));
    expect(JSON.stringify(bare.body)).toContain('gælder kun');

    // Both answers are still there to show (a summary holds only the count until they are shown).
    await bot.send(invoke(chat, karen, 'reveal', { meeting: 1 }));
    expect(lastText()).toContain(`Råd fra ${jens.name}`);
    expect(lastText()).toContain(`Råd fra ${aisha.name}`);

    const own = await bot.send(inPersonal(invoke(jensChat, jens, 'confirmDeleteMyData', { token })));
    expect(JSON.stringify(own.body)).toContain('Dine data er slettet');
  });

  it("an old `slet gruppe` card does not delete the chat's next group", async () => {
    const karen = person('Karen');
    const chat = await runningGroup(karen, [person('Jens'), person('Aisha'), person('Søren')], false);
    await bot.send(mention(chat, karen, 'slet gruppe'));
    const old = lastToken();
    await bot.send(invoke(chat, karen, 'confirmDeleteGroup', { token: old }));
    await bot.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Den nye gruppe' }));

    const again = await bot.send(invoke(chat, karen, 'confirmDeleteGroup', { token: old }));
    expect(JSON.stringify(again.body)).toContain('gælder kun');
    const key = groupKeyOf(chat.tenantId, chat.conversationId);
    expect((await bot.running.store.loadGroup(key))?.value.name).toBe('Den nye gruppe');
  });

  it('an expired confirmation says so and deletes nothing', async () => {
    let now = TEST_NOW.getTime();
    const timed = await startTestBot({}, {}, undefined, () => new Date(now++));
    try {
      const karen = person('Karen');
      const chat = groupChat(timed.connector.serviceUrl);
      await timed.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Udløb' }));
      await timed.send(mention(chat, karen, 'slet gruppe'));
      const card = attachedCard(timed.connector.posts().at(-1)!.activity);
      const token = (card.actions as { data: { token: string } }[])[0].data.token;
      now += 11 * 60_000;
      const late = await timed.send(invoke(chat, karen, 'confirmDeleteGroup', { token }));
      expect(JSON.stringify(late.body)).toContain('udløbet');
      const key = groupKeyOf(chat.tenantId, chat.conversationId);
      expect(await timed.running.store.loadGroup(key)).toBeDefined();
    } finally {
      await timed.stop();
    }
  });
});

describe('slet gruppe', () => {
  it('with 2 confirmations and 18 writes at once: one deletes, one says already deleted, no row is left', async () => {
    const karen = person('Karen');
    const members = ['Jens', 'Aisha', 'Søren', 'Mette', 'Ole', 'Lærke'].map(person);
    const chat = await runningGroup(karen, members, false);
    const key = groupKeyOf(chat.tenantId, chat.conversationId);
    await bot.send(mention(chat, karen, 'slet gruppe'));
    const token = lastToken();

    const answers = await Promise.all([
      bot.send(invoke(chat, karen, 'confirmDeleteGroup', { token })),
      bot.send(invoke(chat, karen, 'confirmDeleteGroup', { token })),
      ...members.flatMap((m) => [
        bot.send(
          invoke(chat, m, 'submitAnswer', { meeting: 1, a1: `Gammelt råd fra ${m.name}`, a2: 'x', a3: 'y' }),
        ),
        bot.send(invoke(chat, m, 'rsvp', { meeting: 1, response: 'yes' })),
        bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Ny titel' })),
      ]),
    ]);
    const [first, second] = answers.slice(0, 2).map((a) => JSON.stringify(a.body));
    expect([first, second].filter((b) => b.includes('Gruppen Søbakken er slettet'))).toHaveLength(1);
    expect([first, second].filter((b) => b.includes('allerede slettet'))).toHaveLength(1);
    expect(await rowsOfGroup(key)).toEqual([]);

    // A new group in the same chat starts empty: nobody has answered, no old answer shows.
    await bot.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Forfra' }));
    for (const m of members.slice(0, 3))
      await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }));
    await bot.send(mention(chat, karen, 'start 1'));
    const status = cardText(attachedCard(bot.connector.posts().at(-2)!.activity));
    expect(status).toContain('0 af 3 har delt deres svar');
    await bot.send(invoke(chat, karen, 'reveal', { meeting: 1 }));
    expect(lastText()).not.toContain('Gammelt råd');
  });
});

describe('slet gruppe, forced race', () => {
  it('sweeps again what turns that read the group before the tombstone write after the first sweep', async () => {
    // Answer writes are held until the deletion's first sweep has begun, then land a little later.
    let holding = false;
    let held = 0;
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const racing = await startTestBot({}, {}, undefined, undefined, async (request) => {
      if (!holding) return;
      if (request.method === 'DELETE') release();
      else if (
        request.method !== 'GET' &&
        // An answer is written in a transaction (a batch naming its row) with the person's standing.
        (decodeURIComponent(request.url).includes("RowKey='answer|") || request.body?.includes('answer|'))
      ) {
        held++;
        await gate;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    });
    try {
      const karen = person('Karen');
      const members = ['Jens', 'Aisha', 'Søren'].map(person);
      const chat = groupChat(racing.connector.serviceUrl);
      const key = groupKeyOf(chat.tenantId, chat.conversationId);
      await racing.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Søbakken' }));
      for (const m of members)
        await racing.send(
          invoke(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }),
        );
      await racing.send(mention(chat, karen, 'start 1'));
      await racing.send(mention(chat, karen, 'slet gruppe'));
      const card = attachedCard(racing.connector.posts().at(-1)!.activity);
      const token = (card.actions as { data: { token: string } }[])[0].data.token;

      holding = true;
      const writes = members.map((m) =>
        racing.send(
          invoke(chat, m, 'submitAnswer', { meeting: 1, a1: `Sent råd fra ${m.name}`, a2: 'x', a3: 'y' }),
        ),
      );
      while (held < members.length) await new Promise((resolve) => setTimeout(resolve, 10));
      const deleted = await racing.send(invoke(chat, karen, 'confirmDeleteGroup', { token }));
      await Promise.all(writes);
      expect(JSON.stringify(deleted.body)).toContain('Gruppen Søbakken er slettet');
      expect(await rowsOfGroup(key)).toEqual([]);
    } finally {
      await racing.stop();
    }
  });
});

describe('slet mine data', () => {
  it("leaves the person's name and id in no row of any table; the invitation is signed by Koordinatoren", async () => {
    const karen = person('Karen');
    const [jens, aisha] = [person('Jens'), person('Aisha')];
    const chat = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Søbakken' }));
    for (const m of [karen, jens, aisha])
      await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }));
    await bot.send(
      invoke(chat, karen, 'saveInvitation', {
        meeting: 1,
        date: '2027-01-14',
        start: '13:00',
        end: '15:00',
        location: 'Huset',
        text: `Hej alle\n\nMed venlig hilsen\n${karen.name}`,
      }),
    );
    await bot.send(invoke(chat, karen, 'rsvp', { meeting: 1, response: 'yes' }));
    await bot.send(mention(chat, karen, 'start 1'));
    for (const m of [karen, jens, aisha])
      await bot.send(
        invoke(chat, m, 'submitAnswer', { meeting: 1, a1: `Råd fra ${m.name}`, a2: 'x', a3: 'y' }),
      );
    await bot.send(invoke(chat, karen, 'reveal', { meeting: 1 }));
    await bot.send(invoke(chat, karen, 'startVoting', { meeting: 1 }));
    const card = (await bot.send(invoke(chat, jens, 'openVoting', { meeting: 1 }))).body?.value;
    const choices = (JSON.stringify(card).match(/"value":"([\w-]{10})"/g) ?? []).map((m) => m.slice(9, 19));
    for (const m of [karen, jens])
      await bot.send(invoke(chat, m, 'vote', { meeting: 1, choices: choices[0] }));
    await bot.send(invoke(chat, karen, 'endVoting', { meeting: 1 }));
    await bot.send(
      invoke(chat, karen, 'closeMeeting', { meeting: 1, agreements: 'Morgenmøde hver tirsdag.' }),
    );

    const where = personal(chat);
    await bot.send(inPersonal(mention(where, karen, 'mine data')));
    expect(lastText()).toContain('Dit navn står i invitationen til møde 1');
    await bot.send(inPersonal(mention(where, karen, 'slet mine data')));
    await bot.send(inPersonal(invoke(where, karen, 'confirmDeleteMyData', { token: lastToken() })));

    const everything = JSON.stringify(await allRows()).toLowerCase();
    expect(everything).not.toContain(karen.id.toLowerCase());
    expect(everything).not.toContain(karen.name.toLowerCase());
    const key = groupKeyOf(chat.tenantId, chat.conversationId);
    expect((await bot.running.store.loadMeeting(key, 1))?.value.text).toContain(
      'Med venlig hilsen\nKoordinatoren',
    );
    // The group goes on: the longest-standing member coordinates it now.
    await bot.send(mention(chat, jens, 'opsummering 1'));
    expect(lastText()).toContain('Opsummering af møde 1');
    expect(lastText()).toContain(`Råd fra ${aisha.name}`);
  });

  it('finds and deletes what a person left behind in a group they already left', async () => {
    const karen = person('Karen');
    const [jens, aisha, soeren] = [person('Jens'), person('Aisha'), person('Søren')];
    const chat = await runningGroup(karen, [jens, aisha, soeren]);
    await bot.send(invoke(chat, aisha, 'leaveGroup'));
    const where = personal(chat);
    await bot.send(inPersonal(mention(where, aisha, 'mine data')));
    expect(lastText()).toContain(`Råd fra ${aisha.name}`);
    await bot.send(inPersonal(mention(where, aisha, 'slet mine data')));
    await bot.send(inPersonal(invoke(where, aisha, 'confirmDeleteMyData', { token: lastToken() })));
    const everything = JSON.stringify(await allRows()).toLowerCase();
    expect(everything).not.toContain(aisha.id.toLowerCase());
    expect(everything).not.toContain(aisha.name.toLowerCase());
  });

  it('a coordinator with nobody left in the group takes the group with them', async () => {
    const karen = person('Karen');
    const chat = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Alene' }));
    const where = personal(chat);
    await bot.send(inPersonal(mention(where, karen, 'slet mine data')));
    await bot.send(inPersonal(invoke(where, karen, 'confirmDeleteMyData', { token: lastToken() })));
    expect(await rowsOfGroup(groupKeyOf(chat.tenantId, chat.conversationId))).toEqual([]);
  });
});
