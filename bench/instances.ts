/**
 * `npm run bench -- --instances 2`: the bot as one instance and as two on one storage (Azurite)
 * behind a round-robin proxy, as App Service spreads requests over a scale-out; every group of one
 * tenant through meeting 1. The fake connector records every send; reported: the sends that came
 * in over Teams' limits per conversation and per tenant (must be 0) and how many times each card
 * a step posts was posted (must be 1), for one instance and for several.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/log';
import { startBot, type RunningBot } from '../src/runtime';
import { startAzurite } from '../src/store/azurite';
import { azuriteConnectionString } from '../src/store/connect';
import { invoke } from '../test/support/activities';
import { overLimits, startFakeConnector, type ConnectorCall } from './fake-connector';
import { finishMeeting, formGroup, newGroup, startAndAnswer, type Send } from './programme';

/** What one run (one number of instances) measured. */
export interface InstancesFigures {
  instances: number;
  groups: number;
  sends: number;
  sendsOverLimits: { conversation: number; tenant: number };
  /** How many times each card a step posted was posted: the most, and on average. */
  cardsPostedPerStep: { max: number; mean: number };
  throttled429: number;
  serverErrors: number;
  seconds: number;
}

/** A round-robin HTTP proxy in front of the bots' /api/messages (node:http, nothing else). */
async function roundRobin(targets: string[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = targets[next++ % targets.length];
      fetch(`${target}${req.url ?? ''}`, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
      })
        .then(async (answer) => {
          res.statusCode = answer.status;
          res.setHeader('content-type', answer.headers.get('content-type') ?? 'application/json');
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => {
          res.statusCode = 502;
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Posts of the same card into the same chat, per card: each step's card should be posted once. */
function copiesPerCard(posts: readonly ConnectorCall[]): { max: number; mean: number } {
  const copies = new Map<string, number>();
  for (const p of posts)
    if (p.card)
      copies.set(`${p.conversationId}|${p.card}`, (copies.get(`${p.conversationId}|${p.card}`) ?? 0) + 1);
  const counts = [...copies.values()];
  const mean = counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length);
  return { max: Math.max(0, ...counts), mean: Math.round(mean * 100) / 100 };
}

/** Runs `groups` groups of one tenant through meeting 1 on `n` instances of the bot on one storage. */
async function runWith(n: number, groups: number, connectionString: string): Promise<InstancesFigures> {
  const started = performance.now();
  const connector = await startFakeConnector({ dropBodies: false });
  const config = parseConfig({
    PORT: '0',
    AZURE_STORAGE_CONNECTION_STRING: connectionString,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    PLAYGROUND: 'off',
    REMINDERS: 'off',
  });
  const scope = `instances-${process.pid}-${n}`;
  const bots: RunningBot[] = [];
  for (let i = 0; i < n; i++)
    bots.push(
      await startBot(config, createLogger(config.logLevel), { host: '127.0.0.1', outboxScope: scope }),
    );
  const proxy = await roundRobin(bots.map((b) => b.url));
  let serverErrors = 0;
  const send: Send = async (_type, activity) => {
    const res = await fetch(`${proxy.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.text();
    if (res.status >= 500) serverErrors++;
    return res.status;
  };
  const store = bots[0].store;
  const all = Array.from({ length: groups }, () => newGroup(connector.serviceUrl));
  await Promise.all(
    all.map(async (g) => {
      await formGroup(send, g);
      await startAndAnswer(send, g, 1, store);
      // A burst of corrections: every member at once, spread over the instances by the proxy.
      await Promise.all(
        g.members.map((m, i) =>
          send('submitAnswer', invoke(g.chat, m, 'submitAnswer', { meeting: 1, a1: `Rettet ${i}` })),
        ),
      );
      await finishMeeting(send, g, 1, store);
    }),
  );
  for (const bot of bots) await bot.quiet();
  await Promise.all(bots.map((b) => b.idle()));
  const figures: InstancesFigures = {
    instances: n,
    groups,
    sends: connector.attempts.length,
    sendsOverLimits: overLimits(connector.attempts),
    cardsPostedPerStep: copiesPerCard(connector.posts()),
    throttled429: connector.attempts.filter((a) => a.status === 429).length,
    serverErrors,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  await proxy.close();
  for (const bot of bots) await bot.stop();
  await connector.close();
  return figures;
}

/** One instance, then `instances`, on one Azurite; prints and returns the figures. */
export async function measureInstances(instances: number, groups: number): Promise<InstancesFigures[]> {
  const azurite = await startAzurite({});
  try {
    const cs = azuriteConnectionString(azurite.host, azurite.port);
    const runs: InstancesFigures[] = [];
    for (const n of [...new Set([1, instances])]) {
      process.stderr.write(`  … ${groups} groups of one tenant through meeting 1 on ${n} instance(s)\n`);
      runs.push(await runWith(n, groups, cs));
    }
    console.log(
      '\ninstances  sends  over limits (conversation/tenant)  cards posted per step (max/mean)  429s',
    );
    for (const r of runs)
      console.log(
        `${String(r.instances).padStart(9)}  ${String(r.sends).padStart(5)}  ${`${r.sendsOverLimits.conversation}/${r.sendsOverLimits.tenant}`.padStart(34)}  ${`${r.cardsPostedPerStep.max}/${r.cardsPostedPerStep.mean}`.padStart(32)}  ${String(r.throttled429).padStart(4)}`,
      );
    console.log('\ntargets:');
    for (const r of runs) {
      const over = r.sendsOverLimits.conversation + r.sendsOverLimits.tenant;
      console.log(
        `  ${over === 0 ? 'met   ' : 'MISSED'} sends over Teams' limits = 0 (${r.instances} instance(s)): ${over}`,
      );
      const once = r.cardsPostedPerStep.max === 1;
      console.log(
        `  ${once ? 'met   ' : 'MISSED'} cards posted per step = 1 (${r.instances} instance(s)): ${r.cardsPostedPerStep.max}`,
      );
    }
    return runs;
  } finally {
    await azurite.stop();
  }
}
