/** How long `slet gruppe` waits at most for a group's other turns before its second sweep. */
export const TURN_WAIT_MS = 20_000;

/**
 * Counts the turns in progress per group on this instance, so a deletion can sweep the group's
 * partition again once every turn that read the group before its tombstone has written what it was
 * going to write. Turns that start after the tombstone see it and write nothing.
 */
export class TurnTracker {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  /** Marks a turn of the group as started; call the returned function when it is done. */
  enter(groupKey: string): () => void {
    this.running.set(groupKey, (this.running.get(groupKey) ?? 0) + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const n = (this.running.get(groupKey) ?? 1) - 1;
      if (n > 0) this.running.set(groupKey, n);
      else this.running.delete(groupKey);
      for (const wake of this.waiting.get(groupKey) ?? []) wake();
    };
  }

  /** Resolves when at most `own` turns of the group are running (the caller's own), or after `maxMs`. */
  async idle(groupKey: string, own = 1, maxMs = TURN_WAIT_MS): Promise<void> {
    const deadline = Date.now() + maxMs;
    while ((this.running.get(groupKey) ?? 0) > own && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        const wake = (): void => {
          clearTimeout(timer);
          this.waiting.set(
            groupKey,
            (this.waiting.get(groupKey) ?? []).filter((w) => w !== wake),
          );
          resolve();
        };
        this.waiting.set(groupKey, [...(this.waiting.get(groupKey) ?? []), wake]);
      });
    }
  }
}
