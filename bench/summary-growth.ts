import { randomUUID } from 'node:crypto';
import type { RunningBot } from '../src/runtime';
import type { Answer, Group, Member } from '../src/domain/types';
import { groupKeyOf } from '../src/store/keys';
import { chatIdOf, groupChat, mention, user } from '../test/support/activities';
import type { Send } from './programme';
import { statsOf, type TurnSample } from './stats';

/** Summary latency and round trips for 3 and 6 members, and for 10× and 100× the answers of a meeting. */
export async function measureSummaryGrowth(
  bot: RunningBot,
  send: Send,
  serviceUrl: string,
  samples: Record<string, TurnSample[]>,
): Promise<
  { members: number; answers: number; p50: number; roundTrips: number; reads: number; writes: number }[]
> {
  const results = [];
  for (const [members, factor] of [
    [3, 1],
    [6, 1],
    [6, 10],
    [6, 100],
  ] as const) {
    const chat = groupChat(serviceUrl);
    const coordinator = user('Karen Holm');
    const key = groupKeyOf(chat.tenantId, chat.conversationId);
    const roster: Member[] = Array.from({ length: members }, (_, i) => ({
      userId: randomUUID(),
      name: `Medlem ${i}`,
      roleCategory: 'imellem',
      roleTitle: 'Varmemester',
      joinedAt: '',
    }));
    const group: Group = {
      key,
      tenantId: chat.tenantId,
      name: 'Syntetisk gruppe',
      association: 'Boligforeningen',
      area: 'Afdeling 1',
      phase: 'undervejs',
      language: 'da',
      revealMode: 'named',
      coordinators: [{ userId: coordinator.id, name: coordinator.name, chatId: chatIdOf(coordinator) }],
      members: roster,
      // The reference (and above, the coordinator's chat id) setupGroup stores from the chat's first
      // activity, as every real group has them.
      conversation: {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: chat.conversationId, conversationType: 'groupChat', tenantId: chat.tenantId },
      },
      createdAt: new Date().toISOString(),
    };
    await bot.store.createGroup(group);
    await bot.store.saveMeeting(
      key,
      {
        number: 1,
        status: 'revealed',
        date: '2027-01-14',
        start: '13:00',
        end: '15:00',
        location: 'x',
        text: 'y',
        updatedAt: '',
      },
      undefined,
    );
    const writers = Array.from({ length: members * factor }, (_, i) =>
      i < members ? roster[i] : { userId: randomUUID(), name: `Tidligere ${i}` },
    );
    for (const w of writers) {
      const a: Answer = {
        meeting: 1,
        userId: w.userId,
        name: w.name,
        fields: ['Et godt råd om samarbejdet', 'Et andet råd', 'Et tredje råd'],
        updatedAt: '',
      };
      await bot.store.putPersonRow(key, 'answers', a);
    }
    const type = `summary of ${members * factor} answers`;
    for (let r = 0; r < 5; r++) await send(type, mention(chat, coordinator, 'opsummering 1'));
    const stats = statsOf(samples[type]);
    delete samples[type];
    // Reads (GET: the partition query) and writes (the activity's claim, the record of the posted card)
    // as the bot's storage client sent them.
    results.push({
      members,
      answers: members * factor,
      p50: stats.p50,
      roundTrips: stats.roundTrips,
      reads: stats.reads ?? Number.NaN,
      writes: stats.writes ?? Number.NaN,
    });
  }
  return results;
}
