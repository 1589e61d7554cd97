/** How many conversations' last refresh requests are remembered (an older one's card is read again). */
const MAX_REMEMBERED = 5_000;

/**
 * Numbers the refresh requests of shared cards per conversation, to tell whether a turn's view is
 * still the latest: a turn takes `mark()` before it reads; when it asks for a refresh, its view
 * holds every change that asked for one before (each asks after its write), unless another refresh
 * in the same conversation was asked for after the mark (that change may be missing from the view).
 * Per conversation, not per card: a card posted anew under a new id stays covered.
 */
export class RefreshRequests {
  /** Per conversation: the number of its last request, oldest first. */
  private readonly last = new Map<string, number>();
  private count = 0;
  /** The newest number dropped from `last` (a conversation not remembered may have asked up to then). */
  private forgottenUpTo = 0;

  constructor(private readonly max = MAX_REMEMBERED) {}

  /** The mark to take before reading the state a refresh will show. */
  mark(): number {
    return this.count;
  }

  /** Records a request in `conversation`; true when a view read after `since` holds every requested change. */
  request(conversation: string, since: number | undefined): boolean {
    const previous = this.last.get(conversation) ?? this.forgottenUpTo;
    this.last.delete(conversation);
    this.last.set(conversation, ++this.count);
    while (this.last.size > this.max) {
      const [oldest, n] = this.last.entries().next().value!;
      this.last.delete(oldest);
      this.forgottenUpTo = Math.max(this.forgottenUpTo, n);
    }
    return since !== undefined && previous <= since;
  }

  /**
   * Something changed that asks for no refresh in its chat (a group or a person's data deleted): no
   * view read before now stands for a card; the next refresh of every card reads.
   */
  distrustAll(): void {
    this.last.clear();
    this.forgottenUpTo = ++this.count;
  }
}
