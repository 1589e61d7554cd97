/**
 * Writes whose answer is lost on the way back (a connection reset after Azurite did the work): the
 * storage client sends them again, and the second try finds the first one's row. A claim that
 * finds its own row still holds (a first delivery is not taken for a re-delivery), and a step that
 * finds its own transaction has committed (the coordinator is not told "Møde 1 er allerede startet").
 */
import { randomUUID } from 'node:crypto';
import { RestError } from '@azure/data-tables';
import type { StepCommit } from '../../src/domain/outbox';
import type { Meeting } from '../../src/domain/types';
import { openTableStore, type StorageRequest } from '../../src/store/connect';
import { ConflictError } from '../../src/store/group-store';
import { groupKeyOf } from '../../src/store/keys';
import type { TableGroupStore } from '../../src/store/table-group-store';
import { testConnectionString } from '../support/azurite';
import { sampleGroup } from '../support/card-gallery';

/** Which write's first answer to lose next (undefined: none); what was sent, in order. */
let loseNext: ((request: StorageRequest) => boolean) | undefined;
const sent: StorageRequest[] = [];
let store: TableGroupStore & { close(): void };

beforeAll(async () => {
  store = await openTableStore(
    { connectionString: testConnectionString() },
    {
      outboxScope: randomUUID(),
      onRequest: (request) => void sent.push(request),
      onAnswer: (request, status) => {
        if (status >= 300 || !loseNext?.(request)) return;
        loseNext = undefined;
        throw new RestError('socket hang up', { code: 'ECONNRESET' });
      },
    },
  );
});
afterAll(() => store.close());
beforeEach(() => {
  sent.length = 0;
  loseNext = undefined;
});

const writesTo = (table: string) => (r: StorageRequest) => r.method === 'POST' && r.url.includes(table);

describe('a claim whose answer was lost', () => {
  it('holds for the delivery that made it, and not for the next one', async () => {
    const groupKey = `g-${randomUUID()}`;
    loseNext = writesTo('activities');
    expect(await store.claimActivity(groupKey, 'a-1', new Date().toISOString())).toBe(true);
    // The insert went out twice: the first answer was lost.
    expect(sent.filter(writesTo('activities'))).toHaveLength(2);
    expect(await store.claimActivity(groupKey, 'a-1', new Date().toISOString())).toBe(false);
  });

  it('a claim someone else made first is still theirs', async () => {
    const groupKey = `g-${randomUUID()}`;
    expect(await store.claimReminder(groupKey, 'm1-48h', new Date().toISOString())).toBe(true);
    loseNext = writesTo('groups');
    expect(await store.claimReminder(groupKey, 'm1-48h', new Date().toISOString())).toBe(false);
  });
});

describe('a step whose transaction answer was lost', () => {
  const running: Meeting = {
    number: 1,
    status: 'running',
    date: '',
    start: '',
    end: '',
    location: '',
    text: '',
    updatedAt: '',
  };
  const closed: Meeting = { ...running, status: 'closed' };

  async function groupWithMeeting(): Promise<{ key: string; etag: string; tenantId: string }> {
    const tenantId = randomUUID();
    const key = groupKeyOf(tenantId, `19:${randomUUID()}@thread.v2`);
    await store.createGroup({ ...sampleGroup(), key, tenantId });
    const { etag } = await store.saveMeeting(key, running, undefined);
    return { key, etag, tenantId };
  }

  const step = (tenantId: string, id: string): StepCommit => ({
    id,
    tenantId,
    meeting: 1,
    conversation: { conversation: { id: 'c' } },
    cards: [{ role: 'shown', activity: JSON.stringify({ text: 'Møde 1 er lukket' }) }],
    finish: {},
  });

  it('has committed once, with its cards', async () => {
    const { key, etag, tenantId } = await groupWithMeeting();
    loseNext = (r) => r.url.includes('$batch');
    await store.commitStep(key, step(tenantId, 'm1.close'), { meeting: { value: closed, etag } });
    expect(sent.filter((r) => r.url.includes('$batch'))).toHaveLength(2);
    expect((await store.loadMeeting(key, 1))?.value.status).toBe('closed');
    const pending = await store.pendingSteps(key);
    expect(pending.map((p) => p.id)).toEqual(['m1.close']);
    expect(pending[0].cards).toHaveLength(1);
  });

  it('a second commit of the same step is still refused', async () => {
    const { key, etag, tenantId } = await groupWithMeeting();
    await store.commitStep(key, step(tenantId, 'm1.close'), { meeting: { value: closed, etag } });
    loseNext = (r) => r.url.includes('$batch');
    await expect(
      store.commitStep(key, step(tenantId, 'm1.close'), { meeting: { value: closed, etag } }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
