import { groupChat, invoke, mention, user, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { samplePeople, sampleSettings } from '../support/sample-group';

jest.setTimeout(60_000);

type Node = Record<string, unknown>;
const ROLE = 'Projektleder (fysisk) #2 + drift!';

/** Texts Teams renders as markdown (TextBlock, fact values) and texts it shows as typed (titles, TextRuns). */
function textsOf(card: unknown): { markdown: string[]; plain: string[] } {
  const markdown: string[] = [];
  const plain: string[] = [];
  const walk = (n: unknown, parent?: Node): void => {
    if (Array.isArray(n)) n.forEach((x) => walk(x, parent));
    else if (n && typeof n === 'object') {
      const o = n as Node;
      if (o.type === 'TextBlock' && typeof o.text === 'string') markdown.push(o.text);
      if (parent?.type === 'FactSet' && typeof o.value === 'string') markdown.push(o.value);
      if (typeof o.title === 'string' && o.type !== 'TextBlock') plain.push(o.title);
      if (o.type === 'TextRun' && typeof o.text === 'string') plain.push(o.text);
      Object.entries(o).forEach(([k, v]) => k !== 'data' && walk(v, o));
    }
  };
  walk(card);
  return { markdown, plain };
}

/** User text in every card the bot sent, as a real Teams client renders it. */
describe('user text in cards, as Teams renders it', () => {
  let bot: TestBot;
  let chat: TestChat;
  const { coordinator, members } = samplePeople();
  const answered: unknown[] = [];
  const cards = (): unknown[] => [
    ...answered,
    ...bot.connector.calls.flatMap((c) =>
      ((c.activity.attachments ?? []) as { content: unknown }[]).map((a) => a.content),
    ),
  ];
  const send = async (a: Record<string, unknown>): Promise<void> => {
    const res = await bot.send(a);
    if (res.body?.type === 'application/vnd.microsoft.card.adaptive') answered.push(res.body.value);
  };

  beforeAll(async () => {
    bot = await startTestBot();
    chat = groupChat(bot.connector.serviceUrl);
    await send(invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, name: 'Gruppen **fed**' }));
    await send(invoke(chat, members[0], 'joinGroup', { roleCategory: 'fysisk', roleTitle: ROLE }));
    await send(
      invoke(chat, members[1], 'joinGroup', {
        roleCategory: 'boligsocial',
        roleTitle: '[link](https://example.com)',
      }),
    );
    await send(invoke(chat, members[2], 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Vicevært' }));
    await send(mention(chat, coordinator, 'status'));
    await send(invoke(chat, coordinator, 'startMeeting', { meeting: 1 }));
    for (const [i, m] of members.slice(0, 3).entries())
      await send(
        invoke(chat, m, 'submitAnswer', {
          meeting: 1,
          a1: `${ROLE} ${i}`,
          a2: '**fed** råd',
          a3: '[link](https://example.com) råd',
        }),
      );
    await send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
    await send(invoke(chat, coordinator, 'startVoting', { meeting: 1 }));
    await send(invoke(chat, members[0], 'openVoting', { meeting: 1 }));
    await send(invoke(chat, user('Bente Kjær'), 'openAnswerForm', { meeting: 1 }));
  });
  afterAll(() => bot.stop());

  it('shows "Projektleder (fysisk) #2 + drift!" exactly as typed wherever it appears', () => {
    const all = cards().map(textsOf);
    const markdown = all.flatMap((c) => c.markdown);
    const plain = all.flatMap((c) => c.plain);
    // People's text is shown as TextRuns (group, status and reveal cards) and choice titles.
    expect(plain.filter((t) => t.includes(ROLE)).length).toBeGreaterThanOrEqual(6);
    expect([...markdown, ...plain].filter((t) => t.includes('Projektleder') && !t.includes(ROLE))).toEqual(
      [],
    );
  });

  it('renders **fed** and [link](…) in user text neither bold nor as a link', () => {
    const { markdown, plain } = textsOf(cards());
    // As TextRuns: shown as typed, never parsed (no escapes needed).
    expect(plain.some((t) => t.includes('Gruppen **fed**'))).toBe(true);
    expect(plain.some((t) => t.includes('[link](https://example.com)'))).toBe(true);
    expect(markdown.filter((t) => /(^|[^\\])\*\*fed|(^|[^\\])\[link/.test(t))).toEqual([]);
  });

  it('shows choice titles as typed: no backslashes in what people prioritise', () => {
    const plain = cards().flatMap((c) => textsOf(c).plain);
    expect(plain).toContain(`${ROLE} 0 – ${members[0].name}`);
    expect(plain.some((t) => t.startsWith('**fed** råd'))).toBe(true);
    expect(plain.filter((t) => t.includes('\\'))).toEqual([]);
  });
});
