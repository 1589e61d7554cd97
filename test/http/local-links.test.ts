/**
 * Issue 20 point 13: in local mode the "Åbn overblik" link of the status card carries the rights
 * of whoever asked for it. A member's link shows the group's overview and downloads nothing; the
 * coordinator's downloads the report.
 */
import { groupChat, mention, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard } from '../support/cards';
import { sampleSnapshot } from '../support/sample-programme';
import { seedSnapshot } from '../support/seed';

let bot: TestBot;
let chat: TestChat;
let key = '';
const snapshot = sampleSnapshot();
const group = snapshot.group.value;
const coordinator = { id: group.coordinators[0].userId, name: group.coordinators[0].name };
const member = { id: group.members.find((m) => m.userId !== coordinator.id)!.userId, name: 'Jens' };

beforeAll(async () => {
  bot = await startTestBot();
  chat = groupChat(bot.connector.serviceUrl);
  key = await seedSnapshot(bot.running.store, chat, snapshot);
});
afterAll(() => bot.stop());

/** The token of the "Åbn overblik" link on the status card `who` asked for. */
async function linkTokenOf(who: { id: string; name: string }): Promise<string> {
  await bot.send(mention(chat, who, 'status'));
  const card = attachedCard(bot.connector.posts().at(-1)!.activity) as {
    actions?: { title: string; url: string }[];
  };
  const url = new URL(card.actions!.find((a) => a.title === 'Åbn overblik')!.url);
  return url.hash.replace('#token=', '');
}

const overview = (token: string, query: string): Promise<Response> =>
  fetch(`${bot.running.url}/api/tab/overview?group=${encodeURIComponent(key)}${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe('local overview links', () => {
  it("a member's link shows the overview, without the coordinator's rights: no CSV, no Markdown", async () => {
    const token = await linkTokenOf(member);
    const read = await overview(token, '');
    expect(read.status).toBe(200);
    expect((await read.json()) as { coordinator: boolean }).toMatchObject({ coordinator: false });
    expect((await overview(token, '&format=csv')).status).toBe(403);
    expect((await overview(token, '&format=md')).status).toBe(403);
  });

  it("the coordinator's link downloads the report", async () => {
    const token = await linkTokenOf(coordinator);
    const asked = await overview(token, '&format=csv');
    expect(asked.status).toBe(200);
    const { url } = (await asked.json()) as { url: string };
    const file = await fetch(`${bot.running.url}${url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
  });
});
