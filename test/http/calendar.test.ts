/**
 * The invitation's "Opret Teams-møde" deep link and "Gem i kalender" .ics link, through the
 * real entry point: correct times in Copenhagen, a UID that stays when the invitation is updated,
 * and a link that cannot be altered.
 */
import { chatIdOf, groupChat, invoke, mention, user, type TestChat } from '../support/activities';
import { startTestBot, TEST_NOW, type TestBot } from '../support/bot-harness';
import { attachedCard } from '../support/cards';
import { sampleSettings } from '../support/sample-group';

let bot: TestBot;
let chat: TestChat;
const karen = user('Karen Holm');
const jens = user('Jens Madsen');
/** Not in the roster Teams returns: left out of the attendees, the rest still works. */
const aisha = user('Aisha Yilmaz');
const INVITATION = {
  meeting: 1,
  date: '2027-01-14',
  start: '13:00',
  end: '15:00',
  location: 'Beboerhuset, Søbakken 2',
  text: 'Hej alle\n\nVi ses [dato] kl. [start].',
};

beforeAll(async () => {
  // Each reading of the clock is a few seconds later, as between a coordinator's edits.
  let readings = 0;
  const roster = [karen, jens].map((u) => ({
    id: chatIdOf(u),
    name: u.name,
    aadObjectId: u.id,
    userPrincipalName: `${u.name.split(' ')[0].toLowerCase()}@kilden.example`,
  }));
  bot = await startTestBot({}, { roster }, undefined, () => new Date(TEST_NOW.getTime() + 5000 * readings++));
  chat = groupChat(bot.connector.serviceUrl);
  await bot.send(invoke(chat, karen, 'setupGroup', sampleSettings));
  for (const who of [karen, jens, aisha]) {
    await bot.send(invoke(chat, who, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }));
  }
});
afterAll(() => bot.stop());

type Action = { type: string; title: string; url?: string };

/** The invitation card as everyone sees it (posted, or updated in place). */
function invitationActions(): Action[] {
  const calls = [...bot.connector.calls].reverse();
  const last = calls.find((c) => JSON.stringify(c.activity).includes('Gem i kalender'));
  return (attachedCard(last!.activity) as { actions: Action[] }).actions;
}

const link = (title: string): string => invitationActions().find((a) => a.title === title)!.url!;

describe('the invitation in a calendar', () => {
  /** The coordinator's own view after saving (the invoke's answer replaces the card for them only). */
  const coordinatorLink = (answer: { body?: Record<string, unknown> }): string => {
    const card = answer.body?.value as { actions: Action[] };
    return card.actions.find((a) => a.title === 'Opret Teams-møde')?.url ?? '';
  };

  it('"Opret Teams-møde" is on the coordinator’s own view only, with subject, times, attendees, place and text', async () => {
    const answer = await bot.send(invoke(chat, karen, 'saveInvitation', INVITATION));
    expect(invitationActions().map((a) => a.title)).not.toContain('Opret Teams-møde');
    const url = new URL(coordinatorLink(answer));
    expect(url.origin + url.pathname).toBe('https://teams.microsoft.com/l/meeting/new');
    expect(url.searchParams.get('subject')).toBe('Erfaringsgruppe: møde 1 – Tre gode råd');
    expect(url.searchParams.get('startTime')).toBe('2027-01-14T12:00:00.000Z');
    expect(url.searchParams.get('endTime')).toBe('2027-01-14T14:00:00.000Z');
    expect(url.searchParams.get('content')).toContain('Hvor: Beboerhuset, Søbakken 2');
    expect(url.searchParams.get('content')).toContain('Vi ses torsdag den 14. januar 2027 kl. 13.00.');
    expect(url.searchParams.get('attendees')).toBe('karen@kilden.example,jens@kilden.example');

    const rsvp = await bot.send(invoke(chat, jens, 'rsvp', { meeting: 1, response: 'yes' }));
    expect(JSON.stringify(rsvp.body)).not.toContain('meeting/new');
  });

  it('keeps the link within 1,800 characters with a 1,000-character invitation, place included', async () => {
    const long = { ...INVITATION, text: 'Æ'.repeat(1000) };
    const link = coordinatorLink(await bot.send(invoke(chat, karen, 'saveInvitation', long)));
    expect(link.length).toBeLessThanOrEqual(1800);
    expect(new URL(link).searchParams.get('content')).toMatch(/^Hvor: Beboerhuset, Søbakken 2\n\nÆ+…$/);
  });

  it('"Gem i kalender" serves an .ics with the right times; an update keeps its UID', async () => {
    await bot.send(invoke(chat, karen, 'saveInvitation', INVITATION));
    const first = await fetch(link('Gem i kalender'));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(first.headers.get('content-disposition')).toContain(
      encodeURIComponent('erfaringsgruppe-møde-1.ics'),
    );
    const ics = await first.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('DTSTART:20270114T120000Z\r\n');
    expect(ics).toContain('DTEND:20270114T140000Z\r\n');
    expect(ics).toContain('LOCATION:Beboerhuset\\, Søbakken 2\r\n');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const uid = /UID:(.+)\r\n/.exec(ics)![1];
    const sequence = Number(/SEQUENCE:(\d+)/.exec(ics)![1]);

    await bot.send(invoke(chat, karen, 'saveInvitation', { ...INVITATION, start: '14:00', end: '16:00' }));
    const updated = await (await fetch(link('Gem i kalender'))).text();
    expect(/UID:(.+)\r\n/.exec(updated)![1]).toBe(uid);
    expect(Number(/SEQUENCE:(\d+)/.exec(updated)![1])).toBeGreaterThan(sequence);
    expect(updated).toContain('DTSTART:20270114T130000Z\r\n');
    const again = await bot.send(
      invoke(chat, karen, 'saveInvitation', { ...INVITATION, start: '14:00', end: '16:00' }),
    );
    const refreshed = new URL(coordinatorLink(again));
    expect(refreshed.searchParams.get('startTime')).toBe('2027-01-14T13:00:00.000Z');
    expect(refreshed.searchParams.get('attendees')).toBe('karen@kilden.example,jens@kilden.example');
  });

  it('refuses an altered or missing link', async () => {
    await bot.send(invoke(chat, karen, 'saveInvitation', INVITATION));
    const url = link('Gem i kalender');
    const altered = await fetch(`${url.slice(0, -4)}AAAA`);
    expect(altered.status).toBe(401);
    expect(await altered.text()).toContain('Kalenderlinket er ikke gyldigt eller er udløbet');
    expect((await fetch(url.replace(/token=.*/, ''))).status).toBe(401);
  });
});

describe('links that outlive their group, and dates beyond any sane horizon', () => {
  /** The token of the confirmation card the bot just posted in `where`. */
  const confirmationToken = (where: TestChat): string => {
    const post = bot.connector
      .posts()
      .filter((p) => p.conversationId === where.conversationId)
      .at(-1)!;
    return (attachedCard(post.activity) as { actions: { data: { token: string } }[] }).actions[0].data.token;
  };

  it("after slet gruppe, an old calendar link opens nothing of the next group's meeting in the same chat", async () => {
    const here = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(here, karen, 'setupGroup', sampleSettings));
    await bot.send(invoke(here, karen, 'saveInvitation', INVITATION));
    const old = link('Gem i kalender');
    expect((await fetch(old)).status).toBe(200);

    await bot.send(mention(here, karen, 'slet gruppe'));
    await bot.send(invoke(here, karen, 'confirmDeleteGroup', { token: confirmationToken(here) }));
    await bot.send(invoke(here, jens, 'setupGroup', { ...sampleSettings, name: 'Den nye gruppe' }));
    await bot.send(invoke(here, jens, 'saveInvitation', { ...INVITATION, location: 'Den nye gruppes sted' }));
    expect((await fetch(link('Gem i kalender'))).status).toBe(200);

    const reopened = await fetch(old);
    expect(reopened.status).toBe(404);
    const text = await reopened.text();
    expect(text).toContain('Mødet findes ikke længere.');
    expect(text).not.toContain('Den nye gruppes sted');
  });

  it('refuses an invitation for year 9999 or beyond two years, with a clear message, and posts nothing', async () => {
    const here = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(here, karen, 'setupGroup', sampleSettings));
    const posts = bot.connector.posts().length;
    for (const date of ['9999-12-31', '2028-11-27']) {
      const answer = await bot.send(invoke(here, karen, 'saveInvitation', { ...INVITATION, date }));
      expect(JSON.stringify(answer.body)).toContain('Vælg en dato højst to år frem (senest 2028-11-26).');
    }
    expect(bot.connector.posts().length).toBe(posts);
    const inTime = await bot.send(
      invoke(here, karen, 'saveInvitation', { ...INVITATION, date: '2028-11-26' }),
    );
    expect(JSON.stringify(inTime.body)).not.toContain('højst to år frem');
    expect(bot.connector.posts().length).toBe(posts + 1);
  });
});
