/**
 * The store's own query (src/store/table-query.ts) on Azurite: the rows a filter matches, with
 * their ETags, exactly as the SDK's `listEntities` returns them, over every page.
 */
import { randomUUID } from 'node:crypto';
import { RestError, TableClient } from '@azure/data-tables';
import type { Row } from '../../src/store/columns';
import { queryRows } from '../../src/store/table-query';
import { testConnectionString } from '../support/azurite';

let table: TableClient;
let trips = 0;
beforeAll(async () => {
  table = TableClient.fromConnectionString(testConnectionString(), `query${randomUUID().slice(0, 8)}`, {
    allowInsecureConnection: true,
    additionalPolicies: [
      { position: 'perRetry', policy: { name: 'count', sendRequest: (r, next) => (trips++, next(r)) } },
    ],
  });
  await table.createTable();
});

async function listed(filter: string): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const e of table.listEntities<Row>({ queryOptions: { filter } })) rows.push(e as Row);
  return rows;
}

it('returns the rows a filter matches as the SDK does, ETags, texts and numbers alike, over every page', async () => {
  const pk = `grp'${randomUUID()}`;
  const texts = ["Æ ø å'", 'Linje 1\n"citat" – 🙂', '+ 100 % & = ?', ''];
  for (const [i, text] of texts.entries())
    await table.createEntity({ partitionKey: pk, rowKey: `answer|1|${i}'`, text, n: i, half: i + 0.5 });
  await table.createEntity({ partitionKey: pk, rowKey: 'meeting|1', status: 'open' });
  await table.createEntity({ partitionKey: `other${pk}`, rowKey: 'answer|1|0', text: 'not this group' });
  const filter = `PartitionKey eq '${pk.replace(/'/g, "''")}' and RowKey ge 'answer|' and RowKey lt 'answer}'`;
  const sdk = await listed(filter);
  expect(sdk.map((r) => r.text)).toEqual(texts);
  const ours = await queryRows(table, filter);
  expect(ours).toEqual(sdk);
  expect(ours.every((r) => /^W\/"datetime'/.test(r.etag ?? ''))).toBe(true);
  const before = trips;
  expect(await queryRows(table, filter, 3)).toEqual(sdk);
  expect(trips - before).toBe(2);
  expect(await queryRows(table, `PartitionKey eq 'none${randomUUID()}'`)).toEqual([]);
});

it('fails with the service status when the table is not there', async () => {
  const gone = TableClient.fromConnectionString(testConnectionString(), `gone${randomUUID().slice(0, 8)}`, {
    allowInsecureConnection: true,
  });
  const err = await queryRows(gone, "PartitionKey eq 'x'").catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RestError);
  expect((err as RestError).statusCode).toBe(404);
});
