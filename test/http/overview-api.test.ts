/**
 * The overview tab's API through the real HTTP entry point: the "Åbn overblik" link on the status and
 * summary cards, what the overview contains, who may read it and the coordinator's downloads.
 */
import { teamsOverviewLinks } from '../../src/web/overview-links';
import { createApp } from '../../src/app';
import { TabApi } from '../../src/web/tab-api';
import { TokenRejectedError } from '../../src/web/tab-tokens';
import { buildOverview, type OverviewPayload } from '../../src/report/overview';
import { overviewCsv, overviewMarkdown } from '../../src/report/export';
import { buildTab } from '../../scripts/build-tab';
import sample from '../fixtures/sample-group.da.json';
import { groupChat, mention, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard } from '../support/cards';
import { sampleSnapshot } from '../support/sample-programme';
import { seedSnapshot } from '../support/seed';

/** The coordinator of sampleSnapshot() (user id "c"). */
const KAREN_AS_SEEDED = { id: 'c', name: sample.coordinator.name };

let bot: TestBot;
let chat: TestChat;
let key: string;

beforeAll(async () => {
  await buildTab();
  bot = await startTestBot();
  chat = groupChat(bot.connector.serviceUrl);
  key = await seedSnapshot(bot.running.store, chat, sampleSnapshot());
});
afterAll(() => bot.stop());

/** The "Åbn overblik" button's URL on the card the bot posts for `command`. */
async function overviewButton(where: TestChat, command: string): Promise<string> {
  await bot.send(mention(where, KAREN_AS_SEEDED, command));
  const card = attachedCard(bot.connector.posts().at(-1)!.activity) as {
    actions?: { type: string; title: string; url: string }[];
  };
  const button = card.actions?.find((a) => a.title === 'Åbn overblik');
  if (!button) throw new Error(`no "Åbn overblik" button on the ${command} card`);
  expect(button.type).toBe('Action.OpenUrl');
  return button.url;
}

const tokenOf = (url: string): string => new URL(url).hash.replace('#token=', '');

async function api(query: string, token?: string): Promise<Response> {
  return fetch(`${bot.running.url}/api/tab/overview?${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/**
 * A coordinator's download as the tab makes it: the API answers a short-lived link, which is then
 * opened without the token (teams-js app.openLink in Teams).
 */
async function downloadFile(query: string, token: string): Promise<Response> {
  const link = await api(query, token);
  expect(link.status).toBe(200);
  const { url } = (await link.json()) as { url: string };
  expect(url).toMatch(/^\/api\/tab\/overview\?download=/);
  return fetch(`${bot.running.url}${url}`);
}

describe('the overview link on cards', () => {
  it('the status card and both summaries open the group overview on this machine', async () => {
    for (const command of ['status', 'opsummering 1', 'opsummering']) {
      const url = new URL(await overviewButton(chat, command));
      expect(url.origin).toBe(bot.running.url);
      expect(url.pathname).toBe('/tab/overview.html');
      expect(url.searchParams.get('group')).toBe(key);
      expect(url.hash).toMatch(/^#token=[\w-]+\.[\w-]+$/);
    }
  });
});

describe('GET /api/tab/overview', () => {
  it('gives the whole programme: members, every answer, priorities, agreements, the project and a chart', async () => {
    const token = tokenOf(await overviewButton(chat, 'status'));
    const res = await api(`group=${key}`, token);
    expect(res.status).toBe(200);
    const o = (await res.json()) as OverviewPayload;
    expect(o.name).toBe(sample.group.name);
    expect(o.members.map((m) => m.name)).toEqual(sample.members.map((m) => m.name));
    const texts = o.meetings[0].answers.map((a) => a.text);
    for (const advice of Object.values(sample.meetings[0].answers).flat()) expect(texts).toContain(advice);
    expect(o.meetings[0].answers[0].author).toBe(sample.members[0].name);
    expect(o.meetings.every((m) => m.status === 'closed' && m.agreements)).toBe(true);
    expect(o.meetings[0].priorities[0].votes).toBeGreaterThan(0);
    expect(o.project?.title).toBe(sample.project.choice);
    expect(o.chartSvg).toMatch(/^<svg [^>]*role="img"/);
    expect(o.chartSvg.match(/<rect [^>]*><title>/g)).toHaveLength(12);
  });

  it('refuses a missing, garbled or tampered token with 401', async () => {
    const token = tokenOf(await overviewButton(chat, 'status'));
    expect((await api(`group=${key}`)).status).toBe(401);
    expect((await api(`group=${key}`, 'not-a-token')).status).toBe(401);
    const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await api(`group=${key}`, tampered)).status).toBe(401);
  });

  it("a link opens only its own group: another group's overview is 403", async () => {
    const other = groupChat(bot.connector.serviceUrl);
    const otherKey = await seedSnapshot(bot.running.store, other, sampleSnapshot());
    const token = tokenOf(await overviewButton(chat, 'status'));
    expect((await api(`group=${otherKey}`, token)).status).toBe(403);
    expect((await api(`group=${key}`, tokenOf(await overviewButton(other, 'status')))).status).toBe(403);
  });

  it('keeps answers hidden until the coordinator has shown them to the group', async () => {
    const running = sampleSnapshot();
    const first = running.meetings[0].value;
    running.meetings = [
      { ...running.meetings[0], value: { ...first, status: 'running', conclusion: undefined } },
    ];
    running.votes = [];
    const where = groupChat(bot.connector.serviceUrl);
    const runningKey = await seedSnapshot(bot.running.store, where, {
      ...running,
      project: undefined,
      proposals: [],
    });
    const o = (await (
      await api(`group=${runningKey}`, tokenOf(await overviewButton(where, 'status')))
    ).json()) as OverviewPayload;
    expect(o.meetings[0].status).toBe('running');
    expect(o.meetings[0].answersShown).toBe(false);
    expect(o.meetings[0].answers).toEqual([]);
    expect(o.meetings[0].answeredCount).toBe(6);
    expect(JSON.stringify(o)).not.toContain(sample.meetings[0].answers.jens[0]);
  });

  it('downloads CSV (Excel-ready, Danish separator) and Markdown for the coordinator', async () => {
    const token = tokenOf(await overviewButton(chat, 'status'));
    const csv = await downloadFile(`group=${key}&format=csv`, token);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="Erfaringsgruppe-Soebakken.csv"; filename*=UTF-8''${encodeURIComponent('Erfaringsgruppe-Søbakken.csv')}`,
    );

    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\uFEFF"Møde";"Tema";"Spørgsmål";"Type";"Navn";"Tekst";"Stemmer"\r\n')).toBe(true);
    expect(text).toContain(`"${sample.meetings[0].answers.jens[0]}"`);
    const md = await (await downloadFile(`group=${key}&format=md`, token)).text();
    expect(md).toMatch(/^# Erfaringsgruppe Søbakken\n/);
    expect(md).toContain('## Møde 4: Forventninger til organisationen');
    // Meeting 4's two questions keep their answers apart, in the CSV and the Markdown.
    const [q1, q2] = [
      'Hvad forventer du af organisationen, for at samarbejdet kan lykkes?',
      'Hvad kan organisationen forvente af dig og de andre i gruppen?',
    ];
    const [first, second] = Object.values(sample.meetings[3].answers)[0];
    expect(text).toContain(`"4";"Forventninger til organisationen";"${q1}";"Svar";`);
    const re = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(text).toMatch(new RegExp(`"${re(q1)}";"Svar";"[^"]*";"${re(first.slice(0, 30))}`));
    expect(text).toMatch(new RegExp(`"${re(q2)}";"Svar";"[^"]*";"${re(second.slice(0, 30))}`));
    const m4 = md.slice(md.indexOf('## Møde 4'));
    expect(m4.indexOf(`**${q1}**`)).toBeLessThan(m4.indexOf(`**${q2}**`));
  });

  it('shows what each proposal and the project build on ("Bygger videre på"), in the tab and both downloads', async () => {
    const snapshot = sampleSnapshot();
    const [advice, structure] = [snapshot.meetings[0], snapshot.meetings[2]].map(
      (m) => m.value.conclusion!.top[0],
    );
    const [first, second] = snapshot.proposals;
    const proposals = [{ ...first, buildsOn: { meeting: 1, item: advice.id } }, second];
    const basis = `Bygger videre på: ${advice.text} (fra møde 1)`;
    const where = groupChat(bot.connector.serviceUrl);
    const open = await seedSnapshot(bot.running.store, where, { ...snapshot, proposals, project: undefined });
    const token = tokenOf(await overviewButton(where, 'status'));
    const o = (await (await api(`group=${open}`, token)).json()) as OverviewPayload;
    expect(o.proposals.map((p) => p.buildsOn)).toEqual([basis, undefined]);
    const csv = await (await downloadFile(`group=${open}&format=csv`, token)).text();
    expect(csv).toContain(`"Forslag";"";"${first.title}: ${first.description} · ${basis}"`);
    expect(csv).toContain(`"Forslag";"";"${second.title}: ${second.description}"`);
    const md = await (await downloadFile(`group=${open}&format=md`, token)).text();
    expect(md).toContain('### Forslag');
    expect(md).toContain('Bygger videre på: ');

    // The chosen project keeps its basis; in English too.
    const project = { ...snapshot.project!, buildsOn: { meeting: 3, item: structure.id } };
    const decided = { ...snapshot, project };
    const danish = buildOverview('da', decided);
    expect(danish.project!.buildsOn).toBe(`Bygger videre på: ${structure.text} (fra møde 3)`);
    expect(overviewCsv(danish)).toContain(` · Bygger videre på: ${structure.text} (fra møde 3)"`);
    const english = buildOverview('en', { ...decided, project: undefined, proposals });
    expect(english.proposals[0].buildsOn).toBe(`Builds on: ${advice.text} (from meeting 1)`);
    expect(overviewCsv(english)).toContain(
      `"Proposal","","${first.title}: ${first.description} · Builds on: `,
    );
    expect(overviewMarkdown(buildOverview('en', decided))).toContain('Builds on: ');
  });

  it('refuses an altered or empty download link', async () => {
    const token = tokenOf(await overviewButton(chat, 'status'));
    const { url } = (await (await api(`group=${key}&format=csv`, token)).json()) as { url: string };
    expect((await fetch(`${bot.running.url}${url.slice(0, -3)}AAA`)).status).toBe(401);
    expect((await fetch(`${bot.running.url}/api/tab/overview?download=`)).status).toBe(401);
  });

  it('downloads for a group whose name has letters outside Latin-1', async () => {
    const named = sampleSnapshot();
    named.group = { ...named.group, value: { ...named.group.value, name: 'Gruppe Çağlayan ✓' } };
    const where = groupChat(bot.connector.serviceUrl);
    const namedKey = await seedSnapshot(bot.running.store, where, named);
    const res = await downloadFile(
      `group=${namedKey}&format=md`,
      tokenOf(await overviewButton(where, 'status')),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Gruppe-Caglayan.md"; filename*=UTF-8''${encodeURIComponent('Gruppe-Çağlayan.md')}`,
    );
    expect(await res.text()).toMatch(/^# Gruppe Çağlayan ✓\n/);
  });

  it('serves the tab page with a policy that lets only Teams frame it', async () => {
    const page = await fetch(`${bot.running.url}/tab/overview.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="tab.js"');
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('https://teams.microsoft.com');
    // tab-requirements.md: Outlook and Microsoft 365 hosts too; teams-js 2.x fetches its valid origins from the CDN.
    expect(csp).toContain('https://outlook.office365.com');
    expect(csp).toContain('https://*.cloud.microsoft');
    expect(csp).toMatch(/connect-src [^;]*https:\/\/res\.cdn\.office\.net/);
    expect((await fetch(`${bot.running.url}/tab/tab.js`)).status).toBe(200);
  });
});

describe('who may read an overview (Teams SSO users)', () => {
  const member = sampleSnapshot().group.value.members[1];
  const readers: Record<string, { tenantId: string; userId: string }> = {
    member: { tenantId: '', userId: member.userId },
    coordinator: { tenantId: '', userId: 'c' },
    stranger: { tenantId: '', userId: 'someone-else' },
    otherTenant: { tenantId: 'another-tenant', userId: member.userId },
  };
  const tabApi = (): TabApi =>
    new TabApi(
      createApp({
        store: bot.running.store,
        now: () => new Date(),
        timeZone: 'Europe/Copenhagen',
        defaultLanguage: 'da',
        coordinatorTitle: () => 'Koordinatoren',
      }),
      async (token) => {
        const r = readers[token];
        if (!r) throw new TokenRejectedError('unknown');
        return { ...r, tenantId: r.tenantId || chat.tenantId };
      },
    );
  const ask = (who: string, query: Record<string, string>) =>
    tabApi().overview({ authorization: `Bearer ${who}`, query });

  it('members read it; only coordinators download; strangers and other tenants get 403', async () => {
    const asMember = await ask('member', { group: key });
    expect(asMember.status).toBe(200);
    expect((JSON.parse(asMember.body) as OverviewPayload).coordinator).toBe(false);
    expect((await ask('member', { group: key, format: 'csv' })).status).toBe(403);
    expect((await ask('coordinator', { group: key, format: 'csv' })).status).toBe(200);
    expect((await ask('stranger', { group: key })).status).toBe(403);
    expect((await ask('otherTenant', { group: key })).status).toBe(403);
    expect((await ask('nobody', { group: key })).status).toBe(401);
  });

  it('records that the Overblik tab was saved in the chat; from then on cards deep-link to it', async () => {
    const linker = teamsOverviewLinks(
      '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
      'https://bot.example/tab/overview.html',
    );
    const before = (await bot.running.store.loadGroup(key))!.value;
    expect(await linker(before, 'anyone')).toEqual({ addTab: true });
    expect((await ask('stranger', { chat: chat.conversationId, tab: 'saved' })).status).toBe(403);
    expect((await bot.running.store.loadGroup(key))!.value.overviewTab).toBeUndefined();

    expect((await ask('member', { chat: chat.conversationId, tab: 'saved' })).status).toBe(200);
    const after = (await bot.running.store.loadGroup(key))!.value;
    expect(after.overviewTab).toBeDefined();
    const link = await linker(after, 'anyone');
    const url = new URL(link && 'url' in link ? link.url : '');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({
      chatId: chat.conversationId,
      contextType: 'chat',
    });
    expect(url.searchParams.get('webUrl')).toBe('https://bot.example/tab/overview.html?outside=teams');
  });

  it("finds the group from the tab's chat id, as Teams gives it", async () => {
    const res = await ask('member', { chat: chat.conversationId });
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as OverviewPayload).groupKey).toBe(key);
  });
});
