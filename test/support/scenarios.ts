/**
 * Scenario builders: each test starts from the state it needs in a fresh chat (a formed group, a
 * running meeting, …), so any single test passes when it runs by itself. A test that follows a
 * whole flow step by step asks `stepsOf` for the steps before its own.
 */
import type { ConnectorCall } from '../../bench/fake-connector';
import { groupKeyOf } from '../../src/store/keys';
import { groupChat, invoke, type TestChat, type TestUser } from './activities';
import type { TestBot } from './bot-harness';
import { samplePeople, sampleSettings } from './sample-group';

/** One of the sample people, with what they answer when they join. */
export type SampleMember = ReturnType<typeof samplePeople>['members'][number];

/** A chat with its group: who coordinates it, who joined, and the group's key. */
export interface GroupScenario {
  chat: TestChat;
  coordinator: TestUser;
  members: SampleMember[];
  /** The sample people who have not joined (yet). */
  others: SampleMember[];
  key: string;
}

/** What a scenario may change: how many of the sample people join (3), and the setup card's values. */
export interface ScenarioOptions {
  members?: number;
  settings?: Record<string, string>;
}

/** The bot's posts into one chat, in order. */
export function postsIn(bot: TestBot, chat: TestChat): ConnectorCall[] {
  return bot.connector.posts().filter((c) => c.conversationId === chat.conversationId);
}

/** A fresh chat whose group the sample coordinator (Karen Holm) set up and the first sample people joined. */
export async function formedGroup(bot: TestBot, options: ScenarioOptions = {}): Promise<GroupScenario> {
  const chat = groupChat(bot.connector.serviceUrl);
  const { coordinator, members } = samplePeople();
  await bot.send(invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, ...options.settings }));
  const joined = members.slice(0, options.members ?? 3);
  for (const m of joined)
    await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }));
  const others = members.slice(joined.length);
  return { chat, coordinator, members: joined, others, key: groupKeyOf(chat.tenantId, chat.conversationId) };
}

/** A formed group with meeting 1 started: the ids of its status card and its answer card. */
export async function runningMeeting(
  bot: TestBot,
  options: ScenarioOptions = {},
): Promise<GroupScenario & { statusId: string; promptId: string }> {
  const group = await formedGroup(bot, options);
  const before = postsIn(bot, group.chat).length;
  await bot.send(invoke(group.chat, group.coordinator, 'startMeeting', { meeting: 1 }));
  const [status, prompt] = postsIn(bot, group.chat).slice(before);
  return { ...group, statusId: status.id, promptId: prompt.id };
}

/**
 * The steps of one flow that build on each other (a whole programme, say): `upTo(k)` runs steps
 * 0…k, each once, whichever test asks first — in order when the tests run in order, and the steps
 * a test needs when it runs alone.
 */
export function stepsOf(steps: (() => Promise<void>)[]): { upTo(k: number): Promise<void> } {
  const started: Promise<void>[] = [];
  const upTo = (k: number): Promise<void> =>
    (started[k] ??= (k > 0 ? upTo(k - 1) : Promise.resolve()).then(() => steps[k]()));
  return { upTo };
}

/**
 * The tests of one flow, step by step (`step` in place of `it`): each runs the steps before its
 * own first — once each, in order — so any single one of them passes when it runs alone.
 */
export function flow(): (title: string, run: () => Promise<void> | void) => void {
  const runs: (() => Promise<void>)[] = [];
  const chain = stepsOf(runs);
  return (title, run) => {
    const k = runs.push(async () => run()) - 1;
    it(title, () => chain.upTo(k));
  };
}
