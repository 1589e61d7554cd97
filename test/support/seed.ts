import type { Meeting } from '../../src/domain/types';
import {
  PERSON_ROW_KINDS,
  type GroupSnapshot,
  type GroupStore,
  type PersonRowKind,
  type PersonRows,
} from '../../src/store/group-store';
import { groupKeyOf } from '../../src/store/keys';
import type { TestChat } from './activities';

/** Writes a whole programme (e.g. sampleSnapshot()) into storage as the group of `chat`: every kind of row. */
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
  const putAll = async <K extends PersonRowKind>(kind: K, rows: PersonRows[K]): Promise<void> => {
    for (const row of rows) await store.putPersonRow(key, kind, row);
  };
  for (const kind of PERSON_ROW_KINDS) await putAll(kind, snapshot[kind]);
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
