import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Group } from '../domain/types';
import { StorageUnavailableError } from './group-store';
import { ACTIVITIES_TABLE, COORDINATORS_TABLE, GROUPS_TABLE, OUTBOX_TABLE } from './keys';
import { ObservedGroupStore } from './observed-store';
import type { Tables } from './table-access';
import { TableGroupStore } from './table-group-store';

/** Where the tables live: a connection string (Azurite, keys) or an account URL (managed identity). */
export type StorageTarget = { connectionString: string } | { accountUrl: string };

/** The well-known Azurite development account, for a connection string to a local endpoint. */
export function azuriteConnectionString(host: string, port: number): string {
  return (
    'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;' +
    'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
    `TableEndpoint=http://${host}:${port}/devstoreaccount1;`
  );
}

/** The outbox scope of a bot whose instances all share its leases. */
export const DEFAULT_OUTBOX_SCOPE = 'bot';

/** Short retries: a click must get an answer (or a polite "try again") within a few seconds. */
const CLIENT_OPTIONS: TableServiceClientOptions = {
  retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
};

/** One HTTP round trip to storage, as `onRequest` sees it. */
export interface StorageRequest {
  method: string;
  url: string;
  /** The request's body when it is text (a transaction's batch names the rows it writes). */
  body?: string;
}

/**
 * Options for measuring and testing: `onRequest` is called for every HTTP round trip to storage
 * (retries included) and the request waits for it (tests hold writes with it to force a race).
 */
export interface StoreOptions {
  onRequest?: (request: StorageRequest) => void | Promise<void>;
  /**
   * Sees each round trip's answer (status); what it throws replaces the answer, as a connection
   * reset after storage did the work would (tests make an answer get lost with it).
   */
  onAnswer?: (request: StorageRequest, status: number) => void | Promise<void>;
  /** Sees every group row the store reads or writes (a cache of stored groups keeps current with it). */
  onGroup?: (group: Group) => void;
  /**
   * Which bots share the outbox's leases (default: one). Instances of one bot share it; the tests'
   * bots, which share one Azurite but are separate bots, each have their own.
   */
  outboxScope?: string;
}

function insecure(target: StorageTarget): boolean {
  return 'connectionString' in target
    ? /DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true|TableEndpoint=http:/i.test(
        target.connectionString,
      )
    : target.accountUrl.startsWith('http:');
}

function client(target: StorageTarget, table: string, options: StoreOptions, agent: HttpAgent): TableClient {
  const { onRequest, onAnswer } = options;
  const policies: TableServiceClientOptions['additionalPolicies'] =
    onRequest || onAnswer
      ? [
          {
            position: 'perRetry',
            policy: {
              name: 'countRoundTrips',
              sendRequest: async (request, next) => {
                const body = typeof request.body === 'string' ? request.body : undefined;
                const seen = { method: request.method, url: request.url, body };
                await onRequest?.(seen);
                const response = await next(request);
                await onAnswer?.(seen, response.status);
                return response;
              },
            },
          },
        ]
      : [];
  const clientOptions = { ...CLIENT_OPTIONS, additionalPolicies: policies, agent };
  if ('connectionString' in target) {
    return TableClient.fromConnectionString(target.connectionString, table, {
      ...clientOptions,
      allowInsecureConnection: insecure(target),
    });
  }
  return new TableClient(target.accountUrl, table, new DefaultAzureCredential(), clientOptions);
}

async function ensureTable(c: TableClient): Promise<void> {
  try {
    await c.createTable();
  } catch (err) {
    throw new StorageUnavailableError(err);
  }
}

/**
 * Opens the store, creating its tables when they are missing. `close()` ends its keep-alive
 * connections: a storage server that is stopping (the embedded Azurite) waits for them to end.
 */
export async function openTableStore(
  target: StorageTarget,
  options: StoreOptions = {},
): Promise<TableGroupStore & { close(): void }> {
  const agent = insecure(target) ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
  const tables: Tables = {
    groups: client(target, GROUPS_TABLE, options, agent),
    coordinators: client(target, COORDINATORS_TABLE, options, agent),
    activities: client(target, ACTIVITIES_TABLE, options, agent),
    outbox: client(target, OUTBOX_TABLE, options, agent),
  };
  for (const table of Object.values(tables)) await ensureTable(table);
  const scope = options.outboxScope ?? DEFAULT_OUTBOX_SCOPE;
  const store = options.onGroup
    ? new ObservedGroupStore(tables, options.onGroup, scope)
    : new TableGroupStore(tables, scope);
  return Object.assign(store, { close: () => agent.destroy() });
}
