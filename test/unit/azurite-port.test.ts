import { createServer } from 'node:net';
import { choosePort } from '../../src/store/azurite';

describe('embedded Azurite port', () => {
  it('takes the preferred port when it is free and another one when it is taken', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const taken = (busy.address() as { port: number }).port;
    const other = await choosePort('127.0.0.1', taken);
    expect(other).not.toBe(taken);
    expect(other).toBeGreaterThan(0);
    await new Promise<void>((resolve) => busy.close(() => resolve()));
    expect(await choosePort('127.0.0.1', taken)).toBe(taken);
  });
});
