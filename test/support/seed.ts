import type { Meeting } from '../../src/domain/types';
import type { GroupSnapshot, GroupStore } from '../../src/store/group-store';
import { groupKeyOf } from '../../src/store/keys';
import type { TestChat } from './activities';

/** Writes a whole programme (e.g. sampleSnapshot()) into storage as the group of `chat`. */
export async function seedSnapshot(
  store: GroupStore,
  chat: TestChat,
  snapshot: GroupSnapshot,
): Promise<string> {
  const key = groupKeyOf(chat.tenantId, chat.conversationId);
  const group = {
    ...snapshot.group.value,
    key,
    tenantId: chat.tenantId,
    conversation: {
      serviceUrl: chat.serviceUrl,
      conversation: { id: chat.conversationId, conversationType: 'groupChat', tenantId: chat.tenantId },
    },
  };
  await store.createGroup(group);
  for (const c of group.coordinators) await store.indexCoordinator(chat.tenantId, c.userId, key, group.name);
  for (const m of snapshot.meetings) await store.saveMeeting(key, m.value, undefined);
  for (const r of snapshot.rsvps) await store.putRsvp(key, r);
  for (const a of snapshot.answers) await store.putAnswer(key, a);
  for (const v of snapshot.votes) await store.putVote(key, v);
  const proposalsBy = new Map<string, number>();
  for (const p of snapshot.proposals) {
    const k = (proposalsBy.get(p.userId) ?? 0) + 1;
    proposalsBy.set(p.userId, k);
    await store.putProposal(key, p, k);
  }
  for (const v of snapshot.projectVotes) await store.putProjectVote(key, v);
  if (snapshot.project) await store.createProject(key, snapshot.project);
  return key;
}

/** Meeting 1 as the comparison tests store it: held on 20 November 2026, in `status`. */
export function meetingOne(status: Meeting['status']): Meeting {
  return {
    number: 1,
    status,
    date: '2026-11-20',
    start: '13:00',
    end: '15:00',
    location: 'Huset',
    text: '',
    updatedAt: '2026-11-20T12:00:00.000Z',
  };
}
