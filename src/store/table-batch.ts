/**
 * One entity group transaction (`$batch`) sent through a TableClient's own pipeline (its auth,
 * retries, agent and added policies), built as text here. The SDK's `submitTransaction` builds a new
 * TableClient and runs every operation through a serialising pipeline of its own before the batch
 * goes out, which was the largest single cost of an answer (docs/performance.md). The request is
 * the one the SDK sends for the same actions; the rows are flat strings and numbers (src/store/columns).
 */
import { randomUUID } from 'node:crypto';
import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
} from '@azure/core-rest-pipeline';

const CRLF = '\r\n';
let http: HttpClient | undefined;

/** The one HTTP client the store's own requests go out with (the pipeline's agent policy picks the agent). */
export const httpClient = (): HttpClient => (http ??= createDefaultHttpClient());

/** What storage answered for each action, in the order they were given. */
export interface BatchResult {
  /** The ETag a written row has now (undefined for a delete). */
  etagOf(rowKey: string): string | undefined;
}

/** A row's address in a sub-request's URL (quotes doubled, then percent-encoded as the SDK does). */
function rowUrl(client: TableClient, partitionKey: string, rowKey: string): string {
  const key = (s: string): string => encodeURIComponent(s.replace(/'/g, "''"));
  return `${client.url}/${client.tableName}(PartitionKey='${key(partitionKey)}',RowKey='${key(rowKey)}')`;
}

const NAMES: Record<string, string> = { partitionKey: 'PartitionKey', rowKey: 'RowKey' };

/**
 * A row as the service reads it (the SDK's names for keys; the store writes texts and numbers
 * only). A row read back carries its ETag, Timestamp and OData metadata: the service's, left out.
 */
function wire(entity: object): string {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entity)) {
    if (name === 'etag' || name === 'timestamp' || name.startsWith('odata.')) continue;
    if (value !== null && value !== undefined && !['string', 'number', 'boolean'].includes(typeof value))
      throw new Error(`Column ${name} is not a text or a number`);
    out[NAMES[name] ?? name] = value;
  }
  return JSON.stringify(out);
}

/** The start line, headers and body of one action. */
function subRequest(client: TableClient, action: TransactionAction): string[] {
  const [verb, entity] = action;
  const json = ['Content-Type: application/json', 'DataServiceVersion: 3.0', 'Accept: application/json'];
  const body = wire(entity);
  const at = rowUrl(client, entity.partitionKey, entity.rowKey);
  if (verb === 'create')
    return [
      `POST ${client.url}/${client.tableName} HTTP/1.1`,
      'Content-Type: application/json;odata=nometadata',
      'Accept: application/json;odata=minimalmetadata',
      'DataServiceVersion: 3.0',
      'Prefer: return-no-content',
      '',
      body,
    ];
  if (verb === 'delete')
    return [
      `DELETE ${at} HTTP/1.1`,
      'Accept: application/json;odata=minimalmetadata',
      'DataServiceVersion: 3.0',
      'If-Match: *',
      '',
    ];
  const mode = action[2] ?? 'Merge';
  const method = mode === 'Merge' ? 'PATCH' : 'PUT';
  const etag = verb === 'update' ? (action[3]?.etag ?? '*') : undefined;
  return [`${method} ${at} HTTP/1.1`, ...json, ...(etag ? [`If-Match: ${etag}`] : []), '', body];
}

/** The multipart body of a transaction with these ids. */
export function batchBody(
  client: TableClient,
  actions: TransactionAction[],
  batch: string,
  changeset: string,
): string {
  const parts = actions.map((action) =>
    [
      `--changeset_${changeset}`,
      'content-type: application/http',
      'content-transfer-encoding: binary',
      '',
      ...subRequest(client, action),
    ].join(CRLF),
  );
  return [
    `--batch_${batch}`,
    `content-type: multipart/mixed; boundary=changeset_${changeset}`,
    '',
    ...parts,
    `--changeset_${changeset}--`,
    `--batch_${batch}--`,
    '',
  ].join(CRLF);
}

/** Storage's refusal of a transaction (or of one of its actions) as the SDK's error, with its status. */
function refusal(status: number, text: string): RestError {
  const code = /"code"\s*:\s*"([^"]+)"/.exec(text)?.[1];
  const message = /"value"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? `Transaction failed (${status})`;
  return new RestError(message, { statusCode: status, code });
}

/**
 * Commits the actions (one partition) all or nothing in one round trip. A refused action throws
 * a RestError with its status (412 a stale ETag, 409 a row that exists, 404 one that does not).
 */
export async function submitBatch(client: TableClient, actions: TransactionAction[]): Promise<BatchResult> {
  const batch = randomUUID();
  const changeset = randomUUID();
  const request = createPipelineRequest({
    url: `${client.url}/$batch`,
    method: 'POST',
    // The client was opened for this URL: plain HTTP only for a local emulator (src/store/connect.ts).
    allowInsecureConnection: client.url.startsWith('http:'),
    body: batchBody(client, actions, batch, changeset),
    headers: createHttpHeaders({
      accept: 'application/json',
      'x-ms-version': '2019-02-02',
      DataServiceVersion: '3.0;',
      MaxDataServiceVersion: '3.0;NetFx',
      'Content-Type': `multipart/mixed; boundary=batch_${batch}`,
      'Accept-Charset': 'UTF-8',
    }),
  });
  const response = await client.pipeline.sendRequest(httpClient(), request);
  const text = response.bodyAsText ?? '';
  if (response.status < 200 || response.status >= 300) throw refusal(response.status, text);
  const parts = text.split('--changesetresponse_').slice(1, -1);
  const etags = parts.map((part) => {
    const status = Number(/HTTP\/1\.1 (\d+)/.exec(part)?.[1]);
    if (!(status >= 200 && status < 300)) throw refusal(status || 500, part);
    return /\r?\nETag: ([^\r\n]*)/i.exec(part)?.[1];
  });
  if (etags.length !== actions.length) throw refusal(500, text);
  return { etagOf: (rowKey) => etags[actions.findIndex(([, e]) => e.rowKey === rowKey)] };
}
