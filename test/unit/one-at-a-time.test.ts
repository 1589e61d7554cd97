import type { AppDeps } from '../../src/app/context';
import { oneAtATime } from '../../src/app/one-at-a-time';

/** A promise settled from outside, to force each order of events. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (err: Error) => void } {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('roster changes of one group on one instance', () => {
  const deps = {} as AppDeps;

  it('run one after another, in the order they came, so none reads the roster before the one ahead has written it', async () => {
    const started: string[] = [];
    const first = deferred();
    const a = oneAtATime(deps, 'g1', async () => {
      started.push('a');
      await first.promise;
      return 'a';
    });
    const b = oneAtATime(deps, 'g1', async () => (started.push('b'), 'b'));
    const c = oneAtATime(deps, 'g1', async () => (started.push('c'), 'c'));
    await flush();
    expect(started).toEqual(['a']);
    first.resolve();
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'c']);
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('do not wait for another group’s', async () => {
    const held = deferred();
    const started: string[] = [];
    const other = oneAtATime(deps, 'g2', async () => {
      started.push('g2');
      await held.promise;
    });
    await oneAtATime(deps, 'g3', async () => void started.push('g3'));
    expect(started).toEqual(['g2', 'g3']);
    held.resolve();
    await other;
  });

  it('go on after one that failed, which still reports its own failure', async () => {
    const failing = deferred();
    const a = oneAtATime(deps, 'g4', () => failing.promise);
    const b = oneAtATime(deps, 'g4', async () => 'b');
    failing.reject(new Error('storage down'));
    await expect(a).rejects.toThrow('storage down');
    await expect(b).resolves.toBe('b');
  });
});
