/**
 * The store's own `$batch` (src/store/table-batch.ts) on Azurite: all or nothing, the ETags it
 * returns are the rows' own, a refused action fails with the status the store's guards read
 * (412 stale ETag, 409 row exists, 404 row gone), and keys and texts of any kind round-trip.
 */
import { randomUUID } from 'node:crypto';
import { RestError, TableClient } from '@azure/data-tables';
import { submitBatch } from '../../src/store/table-batch';
import { testConnectionString } from '../support/azurite';

let table: TableClient;
let trips = 0;
beforeAll(async () => {
  table = TableClient.fromConnectionString(testConnectionString(), `batch${randomUUID().slice(0, 8)}`, {
    allowInsecureConnection: true,
    additionalPolicies: [
      { position: 'perRetry', policy: { name: 'count', sendRequest: (r, next) => (trips++, next(r)) } },
    ],
  });
  await table.createTable();
});

async function rows(pk: string): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const filter = `PartitionKey eq '${pk.replace(/'/g, "''")}'`;
  for await (const e of table.listEntities({ queryOptions: { filter } })) {
    const { partitionKey, rowKey, etag, timestamp, ...rest } = e;
    expect([etag, timestamp]).toEqual([expect.any(String), expect.any(String)]);
    found.push({ partitionKey, rowKey, ...rest });
  }
  return found;
}

async function statusOf(run: Promise<unknown>): Promise<number | undefined> {
  try {
    await run;
    return undefined;
  } catch (err) {
    return err instanceof RestError ? err.statusCode : -1;
  }
}

it('writes every kind of action in one round trip, with the ETags the rows then have', async () => {
  const pk = `grp'${randomUUID()}`;
  await table.createEntity({ partitionKey: pk, rowKey: 'meeting|1', status: 'open', n: 1 });
  await table.createEntity({ partitionKey: pk, rowKey: 'gone', x: 'y' });
  await table.createEntity({ partitionKey: pk, rowKey: 'standing|u', at: '' });
  const meeting = await table.getEntity(pk, 'meeting|1');
  const before = trips;
  const done = await submitBatch(table, [
    ['create', { partitionKey: pk, rowKey: "answer|1|Æ ø å'", text: 'Linje 1\n"citat" – æøå 🙂', n: 3 }],
    [
      'update',
      { partitionKey: pk, rowKey: 'meeting|1', status: 'revealed', n: 2 },
      'Replace',
      { etag: meeting.etag! },
    ],
    ['update', { partitionKey: pk, rowKey: 'standing|u', erased: 'no' }, 'Merge'],
    ['upsert', { partitionKey: pk, rowKey: 'gate|1', at: '' }, 'Replace'],
    ['delete', { partitionKey: pk, rowKey: 'gone' }],
  ]);
  expect(trips - before).toBe(1);
  expect(await rows(pk)).toEqual([
    { partitionKey: pk, rowKey: "answer|1|Æ ø å'", text: 'Linje 1\n"citat" – æøå 🙂', n: 3 },
    { partitionKey: pk, rowKey: 'gate|1', at: '' },
    { partitionKey: pk, rowKey: 'meeting|1', status: 'revealed', n: 2 },
    { partitionKey: pk, rowKey: 'standing|u', at: '', erased: 'no' },
  ]);
  expect(done.etagOf('gate|1')).toBe((await table.getEntity(pk, 'gate|1')).etag);
  expect(done.etagOf("answer|1|Æ ø å'")).toBe((await table.getEntity(pk, "answer|1|Æ ø å'")).etag);
  expect(done.etagOf('gone')).toBeUndefined();
});

it('changes nothing when one action is refused, and says why with its status', async () => {
  const pk = randomUUID();
  await table.createEntity({ partitionKey: pk, rowKey: 'a', v: 'first' });
  const stale = (await table.getEntity(pk, 'a')).etag!;
  await table.updateEntity({ partitionKey: pk, rowKey: 'a', v: 'second' }, 'Replace');
  const write = { partitionKey: pk, rowKey: 'b', v: 'new' };
  expect(
    await statusOf(
      submitBatch(table, [
        ['create', write],
        ['update', { partitionKey: pk, rowKey: 'a', v: 'x' }, 'Replace', { etag: stale }],
      ]),
    ),
  ).toBe(412);
  expect(
    await statusOf(
      submitBatch(table, [
        ['create', write],
        ['create', { partitionKey: pk, rowKey: 'a' }],
      ]),
    ),
  ).toBe(409);
  expect(
    await statusOf(
      submitBatch(table, [
        ['create', write],
        ['update', { partitionKey: pk, rowKey: 'none' }, 'Merge'],
      ]),
    ),
  ).toBe(404);
  expect(await rows(pk)).toEqual([{ partitionKey: pk, rowKey: 'a', v: 'second' }]);
});

it("writes a row read back (its ETag, Timestamp and metadata are the service's, not columns)", async () => {
  const pk = randomUUID();
  await table.createEntity({ partitionKey: pk, rowKey: 'a', v: 'first' });
  const read = await table.getEntity<{ v: string }>(pk, 'a');
  await submitBatch(table, [
    ['update', { ...read, partitionKey: pk, rowKey: 'a', v: 'second' }, 'Replace', { etag: read.etag! }],
  ]);
  expect(await rows(pk)).toEqual([{ partitionKey: pk, rowKey: 'a', v: 'second' }]);
});

it('refuses a column the store does not write (a date) before anything is sent', async () => {
  const before = trips;
  const row = { partitionKey: randomUUID(), rowKey: 'a', at: new Date() };
  await expect(submitBatch(table, [['create', row]])).rejects.toThrow('Column at is not a text or a number');
  expect(trips).toBe(before);
});
