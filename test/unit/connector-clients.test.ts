import { KeptClients } from '../../src/bot/connector-clients';

describe('connector clients kept for reuse', () => {
  it('makes a client once per key, also when sends ask for it at the same time', async () => {
    const clients = new KeptClients<{ made: number }>();
    let made = 0;
    const make = async (): Promise<{ made: number }> => ({ made: ++made });
    const [a, b] = await Promise.all([clients.get('x', make), clients.get('x', make)]);
    const c = await clients.get('y', make);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(made).toBe(2);
  });

  it('does not keep a client that failed to be made, so the next send tries again', async () => {
    const clients = new KeptClients<string>();
    await expect(clients.get('x', () => Promise.reject(new Error('no credentials')))).rejects.toThrow(
      'no credentials',
    );
    await expect(clients.get('x', async () => 'client')).resolves.toBe('client');
  });

  it('keeps at most 32 clients, letting go of the one used longest ago', async () => {
    const clients = new KeptClients<string>();
    for (let i = 0; i < 32; i += 1) await clients.get(`url-${i}`, async () => `client-${i}`);
    await clients.get('url-0', async () => 'unused');
    await clients.get('url-32', async () => 'client-32');
    await expect(clients.get('url-0', async () => 'new')).resolves.toBe('client-0');
    await expect(clients.get('url-1', async () => 'new')).resolves.toBe('new');
  });
});
