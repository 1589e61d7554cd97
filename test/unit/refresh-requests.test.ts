import { RefreshRequests } from '../../src/bot/outbox/refresh-requests';

/** When a turn's own view may stand for a shared card's state, and when the card must be read again. */
describe('refresh requests', () => {
  it("trusts a turn's view only when no other refresh in the chat was asked for after it read", () => {
    const requests = new RefreshRequests();
    const first = requests.mark();
    const second = requests.mark();
    // The second turn asks first: nobody asked after it read.
    expect(requests.request('chat', second)).toBe(true);
    // The first turn read before that request: the other answer may be missing from its view.
    expect(requests.request('chat', first)).toBe(false);
    // A turn that read after both requests sees both answers.
    expect(requests.request('chat', requests.mark())).toBe(true);
    // A refresh without a view always reads.
    expect(requests.request('chat', undefined)).toBe(false);
  });

  it('keeps chats apart', () => {
    const requests = new RefreshRequests();
    const mark = requests.mark();
    expect(requests.request('chat A', requests.mark())).toBe(true);
    expect(requests.request('chat B', mark)).toBe(true);
  });

  it('reads again for a chat it no longer remembers, if that chat may have asked after the mark', () => {
    const requests = new RefreshRequests(2);
    const mark = requests.mark();
    requests.request('chat A', undefined);
    requests.request('chat B', undefined);
    requests.request('chat C', undefined); // chat A is forgotten
    expect(requests.request('chat A', mark)).toBe(false);
    expect(requests.request('chat D', requests.mark())).toBe(true);
  });

  it('trusts no view read before a deletion', () => {
    const requests = new RefreshRequests();
    const before = requests.mark();
    requests.distrustAll(); // `slet gruppe` or `slet mine data`: no refresh reports what it removed
    expect(requests.request('chat', before)).toBe(false);
    expect(requests.request('chat', requests.mark())).toBe(true);
  });
});
