import { TurnTracker } from '../../src/app/turns';

describe('turns in progress', () => {
  it("lets a deletion wait for the group's other turns, not for other groups' turns", async () => {
    const turns = new TurnTracker();
    const leaveDeletion = turns.enter('g-1');
    const leaveAnswer = turns.enter('g-1');
    const leaveOther = turns.enter('g-2');
    const order: string[] = [];
    const waiting = turns.idle('g-1', 1).then(() => order.push('second sweep'));
    await Promise.resolve();
    order.push('answer written');
    leaveAnswer();
    await waiting;
    expect(order).toEqual(['answer written', 'second sweep']);
    leaveOther();
    leaveDeletion();
  });

  it('does not wait when the group has no other turn, and counts a turn that leaves twice once', async () => {
    const turns = new TurnTracker();
    const leave = turns.enter('g-1');
    const other = turns.enter('g-1');
    other();
    other();
    await expect(turns.idle('g-1', 1)).resolves.toBeUndefined();
    leave();
    await expect(turns.idle('g-1', 0)).resolves.toBeUndefined();
  });
});
