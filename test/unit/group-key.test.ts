import { groupKeyOf } from '../../src/store/keys';

/** A reply in a channel thread belongs to the channel's group, whichever edge computes the key. */
describe('group key of a conversation', () => {
  const channel = '19:abc@thread.tacv2';

  it('folds a channel thread into its channel', () => {
    expect(groupKeyOf('t', `${channel};messageid=1732612345678`)).toBe(groupKeyOf('t', channel));
  });

  it('keeps different chats and tenants apart', () => {
    expect(groupKeyOf('t', channel)).not.toBe(groupKeyOf('t', '19:other@thread.v2'));
    expect(groupKeyOf('t', channel)).not.toBe(groupKeyOf('u', channel));
  });
});
