import { MAX_WAITING_REPLIES, ReplyQueue } from '../../src/bot/outbox/reply-queue';
import { capturedLog } from '../support/log-lines';

describe('the reply queue of a conversation', () => {
  it('keeps at most the bound waiting: beyond it a newer answer to the same request replaces the waiting one, others are dropped with one warning', async () => {
    const { log, lines } = capturedLog('info');
    const queue = new ReplyQueue(log);
    const sent: string[] = [];
    const send = (what: string) => async (): Promise<void> => void sent.push(what);
    for (let i = 0; i < MAX_WAITING_REPLIES + 10; i++) queue.add('chat', `person ${i}`, send(`answer ${i}`));
    queue.add('chat', 'person 5', send('answer 5, asked again'));
    queue.add('other chat', 'person 1', send('answer in the other chat'));
    await queue.idle();
    expect(sent).toHaveLength(MAX_WAITING_REPLIES + 1);
    expect(sent).toContain('answer 5, asked again');
    expect(sent).not.toContain('answer 5');
    expect(sent).toContain('answer in the other chat');
    expect(sent).not.toContain(`answer ${MAX_WAITING_REPLIES}`);
    expect(lines.filter((l) => l.includes('"event":"reply.dropped"'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('"event":"reply.dropped.total"'))[0]).toContain('"dropped":10');
  });

  it('sends in order, one at a time, and keeps going after a failed send', async () => {
    const { log, lines } = capturedLog('info');
    const queue = new ReplyQueue(log);
    const sent: number[] = [];
    let running = 0;
    for (let i = 0; i < 5; i++) {
      queue.add('chat', `k${i}`, async () => {
        expect(++running).toBe(1);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        if (i === 2) throw new Error('Teams said no');
        sent.push(i);
      });
    }
    await queue.idle();
    expect(sent).toEqual([0, 1, 3, 4]);
    expect(lines.filter((l) => l.includes('reply.failed'))).toHaveLength(1);
  });
});
