/**
 * A filtered query of one table sent through its TableClient's own pipeline (auth, retries, agent,
 * added policies), its rows parsed once into `Row`s as the SDK's `listEntities` returns them. The
 * SDK deserialises every page twice (its generated client's mappers, then the Tables serializer),
 * which was the larger part of a turn's read in the burst's profile (docs/performance.md).
 */
import { type TableClient } from '@azure/data-tables';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import type { Row } from './columns';
import { httpClient } from './table-batch';

const NAMES: Record<string, string> = {
  PartitionKey: 'partitionKey',
  RowKey: 'rowKey',
  'odata.etag': 'etag',
  Timestamp: 'timestamp',
};

/** A value with its `@odata.type`, as the SDK converts it (the store itself writes only texts and numbers). */
function typed(value: unknown, type: unknown): unknown {
  if (type === 'Edm.DateTime') return new Date(String(value));
  if (type === 'Edm.Int64') return BigInt(String(value));
  if (type === 'Edm.Binary') return new Uint8Array(Buffer.from(String(value), 'base64'));
  if (type === 'Edm.Guid') return { value, type: 'Guid' };
  return value;
}

/** One entity of the service's JSON as a `Row`. */
function toRow(entity: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key.endsWith('@odata.type')) continue;
    const type = entity[`${key}@odata.type`];
    row[NAMES[key] ?? key] = type === undefined ? value : typed(value, type);
  }
  return row as Row;
}

/**
 * Every row of `client`'s table that `filter` matches (all pages), in the service's order;
 * `pageSize` only for tests of the paging.
 */
export async function queryRows(client: TableClient, filter: string, pageSize?: number): Promise<Row[]> {
  const rows: Row[] = [];
  let next: { pk: string; rk?: string } | undefined;
  do {
    const query = new URLSearchParams({ $filter: filter });
    if (pageSize) query.set('$top', String(pageSize));
    if (next) query.set('NextPartitionKey', next.pk);
    if (next?.rk) query.set('NextRowKey', next.rk);
    const request = createPipelineRequest({
      url: `${client.url}/${client.tableName}()?${query.toString().replace(/\+/g, '%20')}`,
      method: 'GET',
      allowInsecureConnection: client.url.startsWith('http:'),
      headers: createHttpHeaders({
        Accept: 'application/json;odata=minimalmetadata',
        DataServiceVersion: '3.0',
        'x-ms-version': '2019-02-02',
      }),
    });
    const response = await client.pipeline.sendRequest(httpClient(), request);
    const text = response.bodyAsText ?? '';
    if (response.status !== 200) {
      const code = /"code"\s*:\s*"([^"]+)"/.exec(text)?.[1];
      throw new RestError(`Query failed (${response.status})`, { statusCode: response.status, code });
    }
    // The client's pipeline (core-client's deserialisation policy) has parsed the JSON already.
    const parsed = (response as { parsedBody?: unknown }).parsedBody ?? JSON.parse(text);
    for (const entity of (parsed as { value: Record<string, unknown>[] }).value) rows.push(toRow(entity));
    const pk = response.headers.get('x-ms-continuation-NextPartitionKey');
    next = pk ? { pk, rk: response.headers.get('x-ms-continuation-NextRowKey') } : undefined;
  } while (next);
  return rows;
}
