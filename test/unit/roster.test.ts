import type { TurnContext } from 'botbuilder';
import { RosterDirectory, type RosterPage, type RosterPages } from '../../src/bot/roster';

const context = { activity: { conversation: { id: '19:chat@thread.v2;messageid=1' } } } as TurnContext;
const page: RosterPage = { members: [{ aadObjectId: 'karen', userPrincipalName: 'karen@kilden.example' }] };

/** A budget the test ends by hand: no clock involved. */
function budget(): { end: () => void; wait: () => Promise<void> } {
  let end = (): void => undefined;
  const waiting = new Promise<void>((resolve) => (end = resolve));
  return { end: () => end(), wait: () => waiting };
}

describe("the chat's roster for the meeting link's attendees", () => {
  it('gives the sign-in names Teams returns within the budget', async () => {
    const roster = new RosterDirectory(Date.now, async () => page, budget().wait);
    expect([...(await roster.load(context))]).toEqual([['karen', 'karen@kilden.example']]);
  });

  it('goes on without attendees when Teams does not answer within the budget', async () => {
    const never: RosterPages = () => new Promise<RosterPage>(() => undefined);
    const limit = budget();
    const roster = new RosterDirectory(Date.now, never, limit.wait);
    const names = roster.load(context);
    limit.end();
    expect((await names).size).toBe(0);
  });

  it('keeps a roster that came after the budget, for the cards posted after the turn and the next clicks', async () => {
    let answer = (_: RosterPage): void => undefined;
    const late: RosterPages = () => new Promise<RosterPage>((resolve) => (answer = resolve));
    const limit = budget();
    let asked = 0;
    const roster = new RosterDirectory(Date.now, (c, t) => (asked++, late(c, t)), limit.wait);
    const names = roster.load(context);
    limit.end();
    expect((await names).size).toBe(0);
    expect(roster.cached('19:chat@thread.v2')?.size).toBe(0);
    answer(page);
    await new Promise((resolve) => setImmediate(resolve));
    expect([...roster.cached('19:chat@thread.v2')!]).toEqual([['karen', 'karen@kilden.example']]);
    expect([...(await roster.load(context))]).toEqual([['karen', 'karen@kilden.example']]);
    expect(asked).toBe(1);
  });

  it('asks Teams again a minute after a roster it did not get, not at every click', async () => {
    let now = 0;
    let asked = 0;
    const failing: RosterPages = async () => {
      asked++;
      throw new Error('403');
    };
    const roster = new RosterDirectory(() => now, failing, budget().wait);
    await roster.load(context);
    await roster.load(context);
    expect(asked).toBe(1);
    now += 61_000;
    await roster.load(context);
    expect(asked).toBe(2);
  });
});
