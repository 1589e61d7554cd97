/**
 * Answers on behalf (issue 22) through the real entry point: the coordinator types in an answer
 * for a member without a device in the room. It counts and shows as the member's own, the member
 * finds it marked in `mine data`, and their `slet mine data` erases it. Only the coordinator may do
 * it, only for someone on the roster, and never over an answer the member wrote themselves.
 */
import { inPersonal, invoke, mention, personal, type TestUser } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText, findInput } from '../support/cards';
import { runningMeeting, type GroupScenario } from '../support/scenarios';

jest.setTimeout(60_000);

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const TYPED_IN = { a1: '1. Ring til beboerne *før* arbejdet går i gang', a2: 'Hold kaffemøder', a3: '' };
/** A part of the typed-in answer that no card escapes (summaries escape markdown). */
const PLAIN = 'Ring til beboerne';
const OWN = { a1: 'Mit eget råd: tal med varmemesteren', a2: '', a3: '' };

/** What the person read in answer to a click: the invoke's message, or the card's text. */
function readable(body: Record<string, unknown> | undefined): string {
  return typeof body?.value === 'string' ? body.value : cardText(body?.value);
}

/** The form the coordinator's button returns (the invoke response). */
async function behalfForm(s: GroupScenario, who: TestUser = s.coordinator): Promise<unknown> {
  return (await bot.send(invoke(s.chat, who, 'openBehalfForm', { meeting: 1 }))).body?.value;
}

/** The members the form offers, by name, with the card id each is sent as. */
function offered(form: unknown): Record<string, string> {
  const choices = (findInput(form, 'member')?.choices ?? []) as { title: string; value: string }[];
  return Object.fromEntries(choices.map((c) => [c.title, c.value]));
}

/** The coordinator's (or a member's) own view of meeting 1's status card. */
async function statusView(s: GroupScenario, who: TestUser): Promise<string> {
  return readable(
    (await bot.send(invoke(s.chat, who, 'refresh', { card: 'meetingStatus', meeting: 1 }))).body,
  );
}

/** Meeting 1's answers as stored. */
async function storedAnswers(s: GroupScenario) {
  return (await bot.running.store.loadPartition(s.key))!.answers.filter((a) => a.meeting === 1);
}

/** The text of the last card or message the bot posted. */
function lastPosted(): string {
  const activity = bot.connector.posts().at(-1)!.activity as Record<string, unknown>;
  return Array.isArray(activity.attachments) ? cardText(attachedCard(activity)) : String(activity.text);
}

describe('an answer typed in by the coordinator', () => {
  it("is offered only in the coordinator's own view of the status card", async () => {
    const s = await runningMeeting(bot);
    expect(await statusView(s, s.coordinator)).toContain('Svar for et medlem');
    expect(await statusView(s, s.members[0])).not.toContain('Svar for et medlem');
    const form = await behalfForm(s);
    expect(Object.keys(offered(form)).sort()).toEqual(s.members.map((m) => m.name).sort());
    // The card names members by a random id of the group's, never their Entra id.
    expect(JSON.stringify(form)).not.toContain(s.members[0].id);
  });

  it('lists members who joined before card ids existed: one write gives them ids, later forms write nothing', async () => {
    const s = await runningMeeting(bot);
    const store = bot.running.store;
    const before = (await store.loadGroup(s.key))!;
    // A group from before card ids: the members and the coordinator are stored without `ref`.
    const strip = <T extends { ref?: string }>(people: T[]): T[] =>
      people.map(({ ref: _ref, ...p }) => p as T);
    await store.saveGroup({
      ...before,
      value: {
        ...before.value,
        members: strip(before.value.members),
        coordinators: strip(before.value.coordinators),
      },
    });
    const old = (await store.loadGroup(s.key))!;
    expect(old.value.members.filter((m) => m.ref)).toEqual([]);

    const refs = offered(await behalfForm(s));
    expect(Object.keys(refs).sort()).toEqual(s.members.map((m) => m.name).sort());
    const assigned = (await store.loadGroup(s.key))!;
    expect(assigned.etag).not.toBe(old.etag);
    expect(assigned.value.members.map((m) => refs[m.name])).toEqual(assigned.value.members.map((m) => m.ref));
    expect(assigned.value.coordinators.every((c) => c.ref)).toBe(true);
    expect(JSON.stringify(refs)).not.toContain(s.members[0].id);

    // The ids stay: the next form offers the same ones, and nothing is written to the group row.
    expect(offered(await behalfForm(s))).toEqual(refs);
    expect((await store.loadGroup(s.key))!.etag).toBe(assigned.etag);
    const [jens] = s.members;
    const saved = await bot.send(
      invoke(s.chat, s.coordinator, 'submitBehalfAnswer', {
        meeting: 1,
        member: refs[jens.name],
        ...TYPED_IN,
      }),
    );
    expect(readable(saved.body)).toContain(`Tak! Svaret fra ${jens.name} er gemt`);
    expect((await storedAnswers(s)).map((a) => [a.userId, a.enteredBy])).toEqual([[jens.id, 'coordinator']]);
    expect((await store.loadGroup(s.key))!.etag).toBe(assigned.etag);
  });

  it("counts as the member's, shows in their mine data marked, and slet mine data erases it", async () => {
    const s = await runningMeeting(bot);
    const [jens, aisha] = s.members;
    await bot.send(invoke(s.chat, aisha, 'submitAnswer', { meeting: 1, a1: 'Aishas råd om morgenmøder' }));
    const ref = offered(await behalfForm(s))[jens.name];
    const saved = await bot.send(
      invoke(s.chat, s.coordinator, 'submitBehalfAnswer', { meeting: 1, member: ref, ...TYPED_IN }),
    );
    expect(readable(saved.body)).toContain(`Tak! Svaret fra ${jens.name} er gemt`);
    expect(await statusView(s, s.coordinator)).toContain('2 af 3 har delt deres svar');
    const stored = (await storedAnswers(s)).find((a) => a.userId === jens.id);
    expect(stored).toMatchObject({
      userId: jens.id,
      enteredBy: 'coordinator',
      fields: [TYPED_IN.a1, TYPED_IN.a2, ''],
    });

    // The member's own form shows it, and says who typed it in.
    const own = readable((await bot.send(invoke(s.chat, jens, 'openAnswerForm', { meeting: 1 }))).body);
    expect(own).toContain(TYPED_IN.a1);
    expect(own).toContain('Koordinatoren har skrevet dette svar ind for dig');

    const where = personal(s.chat);
    await bot.send(inPersonal(mention(where, jens, 'mine data')));
    // Shown as written (a run of plain text), not with markdown escapes (`1\.`, `\*`).
    expect(lastPosted()).toContain(TYPED_IN.a1);
    expect(lastPosted()).toContain('skrevet ind for dig af koordinatoren');

    await bot.send(inPersonal(mention(where, jens, 'slet mine data')));
    const confirm = attachedCard(bot.connector.posts().at(-1)!.activity);
    const token = (confirm.actions as { data: { token: string } }[])[0].data.token;
    const done = await bot.send(inPersonal(invoke(where, jens, 'confirmDeleteMyData', { token })));
    expect(readable(done.body)).toContain('Dine data er slettet');

    expect((await storedAnswers(s)).map((a) => a.userId)).toEqual([aisha.id]);
    expect((await bot.running.store.personRowsIn(s.key, jens.id)).answers).toEqual([]);
    await bot.send(invoke(s.chat, s.coordinator, 'reveal', { meeting: 1 }));
    await bot.send(mention(s.chat, s.coordinator, 'opsummering 1'));
    expect(lastPosted()).toContain('Aishas råd om morgenmøder');
    expect(lastPosted()).not.toContain(PLAIN);
  });

  it('is refused to a member, and for anyone not on the roster: nothing is stored', async () => {
    const s = await runningMeeting(bot);
    const [jens, aisha] = s.members;
    const ref = offered(await behalfForm(s))[aisha.name];
    expect(readable((await bot.send(invoke(s.chat, jens, 'openBehalfForm', { meeting: 1 }))).body)).toContain(
      'Det er kun gruppens koordinator (Karen Holm)',
    );
    const byMember = await bot.send(
      invoke(s.chat, jens, 'submitBehalfAnswer', { meeting: 1, member: ref, ...TYPED_IN }),
    );
    expect(readable(byMember.body)).toContain('Det er kun gruppens koordinator (Karen Holm)');

    // A tampered card: someone not in the group, the Entra id in place of the card id, nothing.
    for (const member of ['abc123xyz0', s.others[0].id, aisha.id, undefined]) {
      const res = await bot.send(
        invoke(s.chat, s.coordinator, 'submitBehalfAnswer', { meeting: 1, member, ...TYPED_IN }),
      );
      expect(res.status).toBeLessThan(500);
      expect(readable(res.body)).toContain(
        'Jeg kan ikke finde det medlem i gruppen længere, så svaret er ikke gemt',
      );
    }
    expect(await storedAnswers(s)).toEqual([]);
  });

  it('shows the form again with its problem and the member still chosen: nothing stored', async () => {
    const s = await runningMeeting(bot);
    const ref = offered(await behalfForm(s))[s.members[0].name];
    const res = await bot.send(
      invoke(s.chat, s.coordinator, 'submitBehalfAnswer', { meeting: 1, member: ref, a1: '   ', a2: 'To' }),
    );
    expect(readable(res.body)).toContain('Ret de markerede felter');
    expect(findInput(res.body?.value, 'member')?.value).toBe(ref);
    expect(findInput(res.body?.value, 'a2')?.value).toBe('To');
    expect(await storedAnswers(s)).toEqual([]);
  });

  it('never overwrites an answer the member wrote; their own answer replaces one typed in', async () => {
    const s = await runningMeeting(bot);
    const [, aisha, soeren] = s.members;
    const refs = offered(await behalfForm(s));
    await bot.send(invoke(s.chat, aisha, 'submitAnswer', { meeting: 1, ...OWN }));
    expect(Object.keys(offered(await behalfForm(s)))).not.toContain(aisha.name);

    const res = await bot.send(
      invoke(s.chat, s.coordinator, 'submitBehalfAnswer', {
        meeting: 1,
        member: refs[aisha.name],
        ...TYPED_IN,
      }),
    );
    expect(readable(res.body)).toContain(`${aisha.name} har selv delt sit svar til dette møde`);
    const [kept] = await storedAnswers(s);
    expect(kept.fields).toEqual([OWN.a1, '', '']);
    expect(kept.enteredBy).toBeUndefined();

    await bot.send(
      invoke(s.chat, s.coordinator, 'submitBehalfAnswer', {
        meeting: 1,
        member: refs[soeren.name],
        ...TYPED_IN,
      }),
    );
    await bot.send(invoke(s.chat, soeren, 'submitAnswer', { meeting: 1, ...OWN }));
    const theirs = (await storedAnswers(s)).find((a) => a.userId === soeren.id)!;
    expect(theirs.fields).toEqual([OWN.a1, '', '']);
    expect(theirs.enteredBy).toBeUndefined();
  });
});
