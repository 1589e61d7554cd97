import type { TurnContext } from 'botbuilder';
import { delayBeforeNextSend } from '../../src/bot/outbox/rate-limit';
import { ConversationGoneError } from '../../src/bot/outbox/connector-errors';
import { Outbox } from '../../src/bot/outbox/outbox';
import type { Timer } from '../../src/bot/outbox/pacer';
import { createLogger } from '../../src/log';

describe("Teams' per-conversation limits", () => {
  it('lets 7 sends through in a second and makes the 8th wait', () => {
    const sent = [0, 10, 20, 30, 40, 50, 60];
    expect(delayBeforeNextSend(sent.slice(0, 6), 100, undefined, 0)).toBe(0);
    expect(delayBeforeNextSend(sent, 100, undefined, 0)).toBe(900);
  });

  it('keeps a safety margin for network latency', () => {
    expect(delayBeforeNextSend([0, 10, 20, 30, 40, 50, 60], 100)).toBe(1100);
  });

  it('holds 8 in 2 s and 60 in 30 s as well', () => {
    const eight = [0, 200, 1300, 1400, 1500, 1600, 1700, 1800];
    expect(delayBeforeNextSend(eight, 1900, undefined, 0)).toBe(100);
    const sixty = Array.from({ length: 60 }, (_, i) => i * 400);
    expect(delayBeforeNextSend(sixty, 24_000, undefined, 0)).toBe(6000);
  });
});

/** A virtual clock: sleeping advances time instantly. */
function virtualTimer(): Timer & { t: number } {
  const timer = { t: 0, now: () => timer.t, sleep: async (ms: number) => void (timer.t += ms) };
  return timer;
}

function fakeContext(
  conversationId: string,
  sends: { at: number; conversationId: string }[],
  timer: { t: number },
): TurnContext {
  return {
    activity: { conversation: { id: conversationId } },
    sendActivity: async () => {
      sends.push({ at: timer.t, conversationId });
      return { id: `a${sends.length}` };
    },
    updateActivity: async () => {
      sends.push({ at: timer.t, conversationId });
    },
  } as unknown as TurnContext;
}

describe('the outbox', () => {
  it('never sends more than 7 messages in any second of one conversation', async () => {
    const timer = virtualTimer();
    const sends: { at: number; conversationId: string }[] = [];
    const outbox = new Outbox(createLogger('silent'), { timer });
    const context = fakeContext('c1', sends, timer);
    const card = { card: {}, summary: 's' };
    for (let i = 0; i < 30; i++) {
      if (i % 2) void outbox.postCard(context, card);
      else outbox.refreshCard(context, `x${i}`, async () => card);
    }
    await outbox.idle();
    expect(sends).toHaveLength(30);
    for (const s of sends)
      expect(sends.filter((o) => o.at > s.at - 1000 && o.at <= s.at).length).toBeLessThanOrEqual(7);
    for (const s of sends)
      expect(sends.filter((o) => o.at > s.at - 2000 && o.at <= s.at).length).toBeLessThanOrEqual(8);
  });

  it('retries a throttled send after Retry-After and gives up on other errors', async () => {
    const timer = virtualTimer();
    let calls = 0;
    const throttled = Object.assign(new Error('Too many requests'), {
      statusCode: 429,
      response: { headers: { get: (n: string) => (n === 'retry-after' ? '2' : undefined) } },
    });
    const context = {
      activity: { conversation: { id: 'c2' } },
      sendActivity: async () => {
        calls++;
        if (calls === 1) throw throttled;
        return { id: 'ok' };
      },
    } as unknown as TurnContext;
    const outbox = new Outbox(createLogger('silent'), { timer });
    await expect(outbox.postCard(context, { card: {}, summary: '' })).resolves.toBe('ok');
    expect(calls).toBe(2);
    expect(timer.t).toBeGreaterThanOrEqual(2000);

    const broken = {
      activity: { conversation: { id: 'c3' } },
      sendActivity: async () => {
        throw Object.assign(new Error('Bad Request'), { statusCode: 400 });
      },
    } as unknown as TurnContext;
    await expect(outbox.postCard(broken, { card: {}, summary: '' })).rejects.toThrow('Bad Request');
    const removed = {
      ...broken,
      sendActivity: async () =>
        Promise.reject(
          Object.assign(new Error('Forbidden'), { statusCode: 403, code: 'BotNotInConversationRoster' }),
        ),
    };
    await expect(
      outbox.postCard(removed as unknown as TurnContext, { card: {}, summary: '' }),
    ).rejects.toBeInstanceOf(ConversationGoneError);
  });
});

describe('refreshing a shared card', () => {
  it('makes one update for many changes at once, showing the state after the last change', async () => {
    const timer = virtualTimer();
    const updates: unknown[] = [];
    const context = {
      activity: { conversation: { id: 'c4' } },
      updateActivity: async (a: { attachments: { content: unknown }[] }) =>
        void updates.push(a.attachments[0].content),
    } as unknown as TurnContext;
    const outbox = new Outbox(createLogger('silent'), { timer });
    let roster = 0;
    const render = async (): Promise<{ card: Record<string, unknown>; summary: string }> => ({
      card: { roster },
      summary: '',
    });
    for (let i = 0; i < 6; i++) {
      roster++;
      outbox.refreshCard(context, 'group-card', render);
    }
    await outbox.idle();
    expect(updates).toEqual([{ roster: 6 }]);

    roster++;
    outbox.refreshCard(context, 'group-card', render);
    await outbox.idle();
    expect(updates).toEqual([{ roster: 6 }, { roster: 7 }]);
  });
});

describe('pacing under a busy event loop', () => {
  it('keeps arrivals within the limits even when sends leave late and slowly', async () => {
    const timer = virtualTimer();
    const arrivals: number[] = [];
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const context = {
      activity: { conversation: { id: 'c5' } },
      sendActivity: async () => {
        const lag = Math.floor(random() * 400);
        timer.t += lag;
        arrivals.push(timer.t);
        timer.t += 5;
        return { id: 'x' };
      },
    } as unknown as TurnContext;
    const outbox = new Outbox(createLogger('silent'), { timer });
    await Promise.all(Array.from({ length: 40 }, () => outbox.postCard(context, { card: {}, summary: '' })));
    expect(arrivals).toHaveLength(40);
    for (const at of arrivals)
      expect(arrivals.filter((x) => x > at - 1000 && x <= at).length).toBeLessThanOrEqual(7);
    for (const at of arrivals)
      expect(arrivals.filter((x) => x > at - 2000 && x <= at).length).toBeLessThanOrEqual(8);
  });
});

/** A virtual clock for concurrent sleepers: time jumps to the earliest wake-up once everyone waits. */
function sharedTimer(): Timer & { t: number; drive<T>(work: Promise<T>): Promise<T> } {
  const sleepers: { at: number; wake: () => void }[] = [];
  const timer = {
    t: 0,
    now: () => timer.t,
    sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ at: timer.t + ms, wake })),
    async drive<T>(work: Promise<T>): Promise<T> {
      let done = false;
      const result = work.finally(() => (done = true));
      while (!done) {
        await new Promise((r) => setImmediate(r));
        if (done || sleepers.length === 0) continue;
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift()!;
        timer.t = Math.max(timer.t, next.at);
        next.wake();
      }
      return result;
    },
  };
  return timer;
}

describe("Teams' limits across conversations", () => {
  const card = { card: {}, summary: 's' };
  const tenantContext = (
    conversationId: string,
    sends: { at: number; conversationId: string }[],
    timer: { t: number },
  ): TurnContext => {
    const context = fakeContext(conversationId, sends, timer);
    (context.activity.conversation as { tenantId?: string }).tenantId = 'tenant-1';
    return context;
  };

  it('keeps a fan-out to many chats of one tenant under 30 requests in any second', async () => {
    const timer = sharedTimer();
    const sends: { at: number; conversationId: string }[] = [];
    const outbox = new Outbox(createLogger('silent'), { timer });
    await timer.drive(
      Promise.all(
        Array.from({ length: 40 }, (_, c) =>
          Promise.all([1, 2, 3].map(() => outbox.postCard(tenantContext(`chat-${c}`, sends, timer), card))),
        ),
      ),
    );
    expect(sends).toHaveLength(120);
    const busiest = Math.max(
      ...sends.map((s) => sends.filter((o) => o.at > s.at - 1000 && o.at <= s.at).length),
    );
    expect(busiest).toBeLessThan(30);
  });

  it('counts the threads of a channel as one conversation (without ;messageid=)', async () => {
    const timer = sharedTimer();
    const sends: { at: number; conversationId: string }[] = [];
    const outbox = new Outbox(createLogger('silent'), { timer });
    await timer.drive(
      Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          outbox.postCard(tenantContext(`19:channel@thread.tacv2;messageid=${i % 4}`, sends, timer), card),
        ),
      ),
    );
    expect(sends).toHaveLength(16);
    for (const s of sends)
      expect(sends.filter((o) => o.at > s.at - 1000 && o.at <= s.at).length).toBeLessThanOrEqual(7);
  });
});
