/**
 * Anonymity by construction, tried the way a hostile member would: through the real entry point,
 * with everything a member's Teams client receives. Item ids on the prioritising card cannot be
 * computed from the members' Entra ids, two groups of the same people share none, no card carries
 * an Entra id, and an anonymous group cannot be turned named once it has answered.
 */
import { createHash } from 'node:crypto';
import { groupChat, invoke, mention, user, type TestChat, type TestUser } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText, findInput } from '../support/cards';
import { sampleSettings } from '../support/sample-group';
import { groupKeyOf } from '../../src/store/keys';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const karen = user('Karen Holm');
const people = [user('Jens Madsen'), user('Aisha Yilmaz'), user('Søren Østergaard')];
const ADVICE = (who: TestUser): Record<string, string> => ({
  a1: `${who.name.split(' ')[0]} råd et`,
  a2: `${who.name.split(' ')[0]} råd to`,
  a3: `${who.name.split(' ')[0]} råd tre`,
});

const lastCard = (): Record<string, unknown> => attachedCard(bot.connector.posts().at(-1)!.activity);

/** An anonymous group of Karen and the three, meeting 1 answered by all three. */
async function answeredGroup(name: string): Promise<TestChat> {
  const chat = groupChat(bot.connector.serviceUrl);
  await bot.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name, revealMode: 'anonymous' }));
  for (const p of people)
    await bot.send(invoke(chat, p, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }));
  await bot.send(mention(chat, karen, 'start 1'));
  for (const p of people) await bot.send(invoke(chat, p, 'submitAnswer', { meeting: 1, ...ADVICE(p) }));
  return chat;
}

/** The choosing form a member opens from the shared choosing card (the invoke response). */
async function votingForm(chat: TestChat): Promise<unknown> {
  return (await bot.send(invoke(chat, people[0], 'openVoting', { meeting: 1 }))).body?.value;
}

/** The item ids a member's client receives: the choice values of the prioritising card. */
async function itemIds(chat: TestChat): Promise<string[]> {
  await bot.send(invoke(chat, karen, 'reveal', { meeting: 1 }));
  await bot.send(invoke(chat, karen, 'startVoting', { meeting: 1 }));
  const choices = findInput(await votingForm(chat), 'choices')?.choices as { value: string }[];
  return choices.map((c) => c.value);
}

/** Every id an attacker could compute from what they know: each person, meeting and field, several spellings. */
function guesses(): Set<string> {
  const out = new Set<string>();
  for (const p of [karen, ...people])
    for (const id of [p.id, p.id.toUpperCase(), `29:${p.id}`])
      for (const m of [1, 2, 3, 4])
        for (const f of [0, 1, 2, 3]) {
          for (const text of [`${m}|${id}|${f}`, `${id}|${m}|${f}`, `${m}|${id}|${f - 1}`]) {
            const digest = createHash('sha256').update(text).digest();
            out.add(digest.toString('base64url').slice(0, 10));
            out.add(digest.toString('hex').slice(0, 10));
          }
        }
  return out;
}

describe('anonymous answers', () => {
  it('have item ids nobody can compute from the members, and two groups of the same people share none', async () => {
    const first = await itemIds(await answeredGroup('Søbakken'));
    const second = await itemIds(await answeredGroup('Nørremarken'));
    expect(first).toHaveLength(9);
    expect(second).toHaveLength(9);
    const computed = guesses();
    expect([...first, ...second].filter((id) => computed.has(id))).toEqual([]);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
  });

  it('stored before ids were random get random ids at their reveal (existing groups keep working)', async () => {
    const chat = await answeredGroup('Gammelby');
    const key = groupKeyOf(chat.tenantId, chat.conversationId);
    const store = bot.running.store;
    for (const a of (await store.loadPartition(key))!.answers)
      await store.putPersonRow(key, 'answers', { ...a, ids: undefined });
    const ids = await itemIds(chat);
    expect(ids).toHaveLength(9);
    const computed = guesses();
    expect(ids.filter((id) => computed.has(id))).toEqual([]);
    const chosen = await bot.send(
      invoke(chat, people[0], 'vote', { meeting: 1, choices: ids.slice(0, 2).join(',') }),
    );
    expect(chosen.status).toBe(200);
  });

  it('are listed in an order that does not follow the members (join order or id)', async () => {
    // Listed by member (each member's three, or each question's answers in join order) would show
    // who wrote what. Random ids put one group's list in either order by chance once in 181,440
    // runs (2 of 9! orders); an order that follows the members does so in every group, so the test
    // fails only when two groups both do (once in 3·10¹⁰ runs).
    const fields = ['a1', 'a2', 'a3'];
    const byMember = people.flatMap((p) => fields.map((f) => ADVICE(p)[f]));
    const byQuestion = fields.flatMap((f) => people.map((p) => ADVICE(p)[f]));
    const listed: string[][] = [];
    for (const name of ['Vestparken', 'Østervang']) {
      const chat = await answeredGroup(name);
      await bot.send(invoke(chat, karen, 'reveal', { meeting: 1 }));
      await bot.send(invoke(chat, karen, 'startVoting', { meeting: 1 }));
      const form = await votingForm(chat);
      const titles = (findInput(form, 'choices')?.choices as { title: string }[]).map((c) => c.title);
      const ids = (findInput(form, 'choices')?.choices as { value: string }[]).map((c) => c.value);
      expect(ids).toEqual([...ids].sort());
      expect([...titles].sort()).toEqual([...byMember].sort());
      listed.push(titles);
    }
    const followsMembers = (titles: string[]): boolean =>
      [byMember, byQuestion].some((order) => order.join('|') === titles.join('|'));
    expect(listed.map(followsMembers)).not.toEqual([true, true]);
  });

  it('reach no card with an Entra object id, from setup to the prioritising card', async () => {
    const before = bot.connector.calls.length;
    const chat = await answeredGroup('Østerbyen');
    await itemIds(chat);
    const everything = JSON.stringify(
      bot.connector.calls.slice(before).map((c) => (c.activity as { attachments?: unknown }).attachments),
    );
    for (const p of [karen, ...people]) expect(everything.toLowerCase()).not.toContain(p.id.toLowerCase());
  });
});

describe('the reveal mode', () => {
  it('cannot turn an anonymous group named once it has answered; no earlier answer gets a name', async () => {
    const chat = await answeredGroup('Nordhavn');
    const refused = await bot.send(
      invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Nordhavn', revealMode: 'named' }),
    );
    expect(JSON.stringify(refused.body)).toContain('kan ikke få navne på bagefter');

    await bot.send(invoke(chat, karen, 'reveal', { meeting: 1 }));
    const reveal = cardText(lastCard());
    expect(reveal).toContain(ADVICE(people[0]).a1);
    await bot.send(mention(chat, karen, 'opsummering 1'));
    const summary = cardText(lastCard());
    expect(summary).toContain(ADVICE(people[1]).a2);
    for (const text of [reveal, summary]) {
      for (const p of people) expect(text).not.toContain(`${ADVICE(p).a1} – ${p.name}`);
    }
  });

  it('tells the coordinator only how many have answered while the answers are open, however often asked', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    await bot.send(
      invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Valby', revealMode: 'anonymous' }),
    );
    for (const p of people)
      await bot.send(invoke(chat, p, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }));
    await bot.send(mention(chat, karen, 'start 1'));
    const own = { card: 'meetingStatus', meeting: 1 };
    for (const [i, p] of people.entries()) {
      await bot.send(invoke(chat, p, 'submitAnswer', { meeting: 1, ...ADVICE(p) }));
      await bot.send(mention(chat, karen, 'opsummering 1'));
      const summary = cardText(lastCard());
      const view = cardText((await bot.send(invoke(chat, karen, 'refresh', own))).body?.value);
      expect(summary).toContain(`${i + 1} af 3 har delt deres svar`);
      expect(view).toContain(`${i + 1} af 3 har delt deres svar`);
      for (const text of [summary, view])
        for (const q of people) {
          expect(text).not.toContain(ADVICE(q).a1);
          expect(text).not.toContain(q.name);
        }
    }
  });

  it('shows the setup card read-only about it, with why, once the group has answered', async () => {
    const chat = await answeredGroup('Sydhavnen');
    // `opsæt` in the chat posts a button; its click returns the setup card to the coordinator.
    const setupForm = async () => (await bot.send(invoke(chat, karen, 'openSetup'))).body?.value;
    const card = await setupForm();
    expect(findInput(card, 'revealMode')).toBeUndefined();
    expect(cardText(card)).toContain('Svarene vises anonymt');
    const withoutMode = Object.fromEntries(
      Object.entries(sampleSettings).filter(([k]) => k !== 'revealMode'),
    );
    const renamed = await bot.send(
      invoke(chat, karen, 'setupGroup', { ...withoutMode, name: 'Sydhavnen 2' }),
    );
    expect(renamed.status).toBe(200);
    const again = await setupForm();
    expect(findInput(again, 'name')?.value).toBe('Sydhavnen 2');
    expect(findInput(again, 'revealMode')).toBeUndefined();
  });

  it('lets a named group go anonymous for the meetings not yet started; started ones keep their names', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Amager' }));
    for (const p of people)
      await bot.send(invoke(chat, p, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }));
    await bot.send(mention(chat, karen, 'start 1'));
    await bot.send(invoke(chat, people[0], 'submitAnswer', { meeting: 1, ...ADVICE(people[0]) }));
    const switched = await bot.send(
      invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Amager', revealMode: 'anonymous' }),
    );
    expect(switched.status).toBe(200);
    await bot.send(invoke(chat, karen, 'reveal', { meeting: 1 }));
    expect(cardText(lastCard())).toContain(people[0].name);
  });
});
