import type { AppDeps } from './context';

/** Per app instance: the last roster change queued per group (its promise settles when it is done). */
const queues = new WeakMap<AppDeps, Map<string, Promise<unknown>>>();

/**
 * Runs `step` after the group's roster changes already queued on this instance, one at a time.
 * Six people clicking "Jeg er med" at once then make six reads and six writes, instead of racing
 * for the group row's ETag and reading it again after every lost race (up to 21 of each). The
 * ETag still guards a change made by another instance.
 */
export function oneAtATime<T>(deps: AppDeps, groupKey: string, step: () => Promise<T>): Promise<T> {
  let perGroup = queues.get(deps);
  if (!perGroup) queues.set(deps, (perGroup = new Map()));
  const before = perGroup.get(groupKey) ?? Promise.resolve();
  const run = before.then(step, step);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  perGroup.set(groupKey, settled);
  void settled.then(() => {
    if (perGroup.get(groupKey) === settled) perGroup.delete(groupKey);
  });
  return run;
}
