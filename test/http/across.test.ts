/**
 * `på tværs N` through the real entry point: a coordinator of several groups, or a project lead,
 * sees theme N compared across groups — recurring ideas with how widely, unique ones apart — and
 * nothing says who wrote what.
 */
import { randomUUID } from 'node:crypto';
import fixture from '../fixtures/across-groups.da.json';
import type { Group, Meeting } from '../../src/domain/types';
import { groupKeyOf } from '../../src/store/keys';
import { groupChat, mention, user, type TestChat, type TestUser } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { meetingOne } from '../support/seed';

/** A tenant of its own: a project lead sees every group of their tenant, and other tests share storage. */
const TENANT = randomUUID();
const lead = user('Lene Projektleder');
const karen = user('Karen Holm');
const ditte = user('Ditte Andersen');
let bot: TestBot;
let chats: TestChat[];

/** Stores one fixture group: three members, each with three pieces of advice, meeting 1 in `status`. */
async function seedGroup(
  g: (typeof fixture.groups)[number],
  coordinator: TestUser,
  status: Meeting['status'],
): Promise<TestChat> {
  const chat = groupChat(bot.connector.serviceUrl, TENANT);
  const key = groupKeyOf(chat.tenantId, chat.conversationId);
  const members = [0, 1, 2].map((i) => ({
    userId: randomUUID(),
    name: `Medlem ${i + 1} i ${g.name}`,
    roleCategory: 'imellem' as const,
    roleTitle: 'Medarbejder',
    joinedAt: '2026-11-01T09:00:00.000Z',
  }));
  const group: Group = {
    key,
    tenantId: chat.tenantId,
    name: g.name,
    association: g.association,
    area: 'Afdeling 1',
    phase: 'undervejs',
    language: 'da',
    revealMode: g.name.includes('Havnegade') ? 'anonymous' : 'named',
    coordinators: [{ userId: coordinator.id, name: coordinator.name }],
    members,
    conversation: { conversation: { id: chat.conversationId } },
    createdAt: '2026-11-01T09:00:00.000Z',
  };
  const store = bot.running.store;
  await store.createGroup(group);
  await store.indexCoordinator(chat.tenantId, coordinator.id, key, g.name);
  await store.saveMeeting(key, meetingOne(status), undefined);
  for (const [i, m] of members.entries()) {
    const fields = g.answers.slice(i * 3, i * 3 + 3).map((a) => a.text);
    await store.putPersonRow(key, 'answers', {
      meeting: 1,
      userId: m.userId,
      name: m.name,
      fields,
      updatedAt: '2026-11-20T12:30:00.000Z',
    });
  }
  return chat;
}

function personal(from: TestUser, text: string): Record<string, unknown> {
  const activity = mention({ ...chats[0], conversationId: `a:${randomUUID()}` }, from, text);
  Object.assign(activity.conversation as Record<string, unknown>, {
    conversationType: 'personal',
    isGroup: false,
  });
  return activity;
}

const lastText = (): string => {
  const a = bot.connector.posts().at(-1)!.activity as Record<string, unknown>;
  return Array.isArray(a.attachments) ? cardText(attachedCard(a)) : String(a.text);
};

beforeAll(async () => {
  bot = await startTestBot({ PROJECT_LEADS: lead.id });
  const [a, b, c, d] = fixture.groups;
  chats = [
    await seedGroup(a, karen, 'closed'),
    await seedGroup(b, karen, 'closed'),
    await seedGroup(c, karen, 'revealed'),
    await seedGroup(d, ditte, 'closed'),
  ];
});
afterAll(() => bot.stop());

describe('på tværs', () => {
  it('shows a project lead every group: recurring ideas with how many groups and associations, unique ones apart', async () => {
    await bot.send(personal(lead, 'på tværs 1'));
    const text = lastText();
    expect(text).toContain('På tværs af grupperne: møde 1, Tre gode råd');
    expect(text).toMatch(/Varmemesteren er den bedste bro[^\n]*– 3 grupper i 2 boligorganisationer/);
    expect(text).toMatch(/morgenmøde[^\n]*– 3 grupper i 2 boligorganisationer/);
    expect(text).toMatch(/kontaktperson[^\n]*– 2 grupper i 2 boligorganisationer/);
    expect(text).toMatch(/byggemøderne[^\n]*– 2 grupper i samme boligorganisation/);
    expect(text).toMatch(/Skriv referater på almindeligt dansk uden fagord\. – \*?Erfaringsgruppe Søbakken/);
    expect(text).toMatch(/Inddrag børnene med tegninger på byggehegnet\. – \*?Erfaringsgruppe Engparken/);
    expect(text).not.toMatch(/Medlem \d/);
  });

  it('shows a coordinator only the groups they coordinate', async () => {
    await bot.send(personal(karen, 'på tværs 1'));
    const text = lastText();
    expect(text).toContain('Erfaringsgruppe Havnegade');
    expect(text).not.toContain('Engparken');
    expect(text).not.toContain('Inddrag børnene');
  });

  it('leaves out answers a group has not been shown yet', async () => {
    const [a] = fixture.groups;
    await seedGroup({ ...a, name: 'Erfaringsgruppe Skjult' }, lead, 'running');
    await bot.send(personal(lead, 'på tværs 1'));
    expect(lastText()).toContain('Desuden 1 gruppe uden viste svar');
    expect(lastText()).not.toContain('Erfaringsgruppe Skjult');
  });

  it('refuses politely in a group chat, and for a coordinator of one group', async () => {
    await bot.send(mention(chats[0], karen, 'på tværs 1'));
    expect(lastText()).toContain('kun i en personlig chat');
    await bot.send(personal(ditte, 'på tværs 1'));
    expect(lastText()).toContain('mindst to grupper');
  });
});
