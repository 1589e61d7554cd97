/**
 * Sends handed to the lease holder, on Azurite: a hand-over row stays in the outbox table until
 * what its send queued is out, so a holder stopped in between leaves it for the next holder; a
 * row read again by a later look is not sent twice.
 */
import { randomUUID } from 'node:crypto';
import type { OutboxAccess } from '../../src/app/outbox';
import { HandOvers, refreshKey, type HandedJob, type RefreshJob } from '../../src/bot/outbox/hand-overs';
import { createLogger } from '../../src/log';
import { openTableStore } from '../../src/store/connect';
import type { TableGroupStore } from '../../src/store/table-group-store';
import { testConnectionString } from '../support/azurite';

let store: TableGroupStore;
beforeAll(async () => {
  store = await openTableStore({ connectionString: testConnectionString() }, { outboxScope: randomUUID() });
});

const access = (): OutboxAccess =>
  ({
    dropHandOver: (tenant: string, key: string, etag: string) => store.dropHandOver(tenant, key, etag),
  }) as unknown as OutboxAccess;

async function handOversOf(
  tenant: string,
): Promise<Awaited<ReturnType<TableGroupStore['scanOutbox']>>[number]['handOvers']> {
  return (await store.scanOutbox()).find((t) => t.tenantId === tenant)?.handOvers ?? [];
}

it('keeps a handed-over refresh until the card it queued is sent, and sends it once', async () => {
  const tenant = randomUUID();
  const job: RefreshJob = {
    kind: 'refresh',
    groupKey: `${tenant}|19:x@thread.v2`,
    card: 'groupCard',
    reference: { conversation: { id: '19:x@thread.v2' } as never },
  };
  const key = refreshKey(job);
  await store.handOver(tenant, key, JSON.stringify(job));

  // The send only queues the card (as a refresh does): it goes out when the test lets it.
  const sent: HandedJob[] = [];
  let letOut!: () => void;
  const out = new Promise<void>((resolve) => (letOut = resolve));
  const queued: Promise<void>[] = [];
  const send = async (_tenant: string, handed: HandedJob): Promise<void> => {
    queued.push(out.then(() => void sent.push(handed)));
  };
  const handOvers = new HandOvers(access(), createLogger('silent'), send, {
    idle: () => Promise.all(queued).then(() => undefined),
  });

  const found = await handOversOf(tenant);
  expect(found.map((h) => h.key)).toEqual([key]);
  const run = handOvers.run(tenant, found);
  await new Promise((resolve) => setTimeout(resolve, 100));
  // Queued, not sent: a stop now must leave the row for the next holder.
  expect(sent).toEqual([]);
  expect((await handOversOf(tenant)).map((h) => h.key)).toEqual([key]);
  // A later look reads the row again: it is not sent twice.
  const again = handOvers.run(tenant, await handOversOf(tenant));

  letOut();
  await Promise.all([run, again]);
  expect(sent).toEqual([job]);
  expect(await handOversOf(tenant)).toEqual([]);
});
