import { itemIdOf, legacyItemId, newItemIds, poolItems, rankItems, topItems } from '../../src/domain/items';
import { canTake, whyNotStart } from '../../src/domain/meeting';
import type { Answer, Meeting, Member, Vote } from '../../src/domain/types';

const members: Member[] = ['Jens', 'Aisha', 'Søren'].map((name, i) => ({
  userId: `u${i}`,
  name,
  roleCategory: 'andet',
  roleTitle: 'x',
  joinedAt: '',
}));
const answers: Answer[] = [
  { meeting: 1, userId: 'u2', name: 'Søren', fields: ['S1', 'S2', 'S3'], updatedAt: '' },
  { meeting: 1, userId: 'u0', name: 'Jens', fields: ['J1', '', 'J3'], updatedAt: '' },
];
const vote = (userId: string, choices: string[]): Vote => ({ meeting: 1, userId, name: userId, choices });

describe('pooled answers', () => {
  it('lists a named group by join order, then by field, leaving out empty fields', () => {
    expect(poolItems(1, answers, members, 'named').map((i) => i.text)).toEqual([
      'J1',
      'J3',
      'S1',
      'S2',
      'S3',
    ]);
  });

  it('orders an anonymous group by opaque id, not by who answered or when', () => {
    const keyed = answers.map((a) => ({ ...a, ids: newItemIds() }));
    const anonymous = poolItems(1, keyed, members, 'anonymous');
    const reversed = poolItems(1, [...keyed].reverse(), [...members].reverse(), 'anonymous');
    expect(anonymous.map((i) => i.text)).toEqual(reversed.map((i) => i.text));
    expect(anonymous.map((i) => i.id)).toEqual([...anonymous.map((i) => i.id)].sort());
  });

  it('orders older anonymous answers (ids hashed from their author) by text, never by that hash', () => {
    const anonymous = poolItems(1, answers, members, 'anonymous');
    expect(anonymous.map((i) => i.text)).toEqual(['J1', 'J3', 'S1', 'S2', 'S3']);
    const byHash = [...anonymous].sort((x, y) => (x.id < y.id ? -1 : 1)).map((i) => i.text);
    expect(anonymous.map((i) => i.text)).not.toEqual(byHash);
  });

  it('gives every field a random id, and reads older answers by their stored hash', () => {
    const ids = newItemIds();
    expect(new Set([...ids, ...newItemIds()]).size).toBe(6);
    expect(itemIdOf({ ...answers[0], ids }, 2)).toBe(ids[1]);
    expect(itemIdOf(answers[0], 1)).toBe(legacyItemId(1, 'u2', 1));
  });
});

describe('ranking at close', () => {
  const items = poolItems(1, answers, members, 'named');
  const id = (text: string): string => items.find((i) => i.text === text)!.id;

  it('puts the most chosen first and breaks ties by the order of the answers card', () => {
    const ranked = rankItems(items, [
      vote('a', [id('S2'), id('J3')]),
      vote('b', [id('S2'), id('S1')]),
      vote('c', [id('J3')]),
    ]);
    expect(ranked.map((r) => `${r.text}:${r.votes}`)).toEqual(['J3:2', 'S2:2', 'S1:1', 'J1:0', 'S3:0']);
  });

  it('counts a choice once per member, and keeps only items that got votes in the top', () => {
    const ranked = rankItems(items, [vote('a', [id('S3'), id('S3')])]);
    expect(ranked[0]).toMatchObject({ text: 'S3', votes: 1 });
    expect(topItems(1, ranked).map((r) => r.text)).toEqual(['S3']);
    expect(topItems(1, rankItems(items, []))).toEqual([]);
  });
});

describe('the meeting steps', () => {
  const m = (number: number, status: Meeting['status']): Meeting => ({
    number,
    status,
    date: '',
    start: '',
    end: '',
    location: '',
    text: '',
    updatedAt: '',
  });

  it('starts a meeting only in order, once, and with at least three members', () => {
    expect(whyNotStart(1, [], 3)).toBeUndefined();
    expect(whyNotStart(1, [], 2)?.reason).toBe('tooFewMembers');
    expect(whyNotStart(2, [m(1, 'voting')], 6)?.reason).toBe('previousNotClosed');
    expect(whyNotStart(2, [m(1, 'closed')], 6)).toBeUndefined();
    expect(whyNotStart(1, [m(1, 'running')], 6)?.reason).toBe('alreadyStarted');
    expect(whyNotStart(1, [m(1, 'invited')], 6)).toBeUndefined();
  });

  it('answers only while running, closes from revealed or voting', () => {
    expect(canTake('answer', m(1, 'running'))).toBe(true);
    expect(canTake('answer', m(1, 'revealed'))).toBe(false);
    expect(canTake('close', m(1, 'revealed'))).toBe(true);
    expect(canTake('close', m(1, 'running'))).toBe(false);
    expect(canTake('vote', undefined)).toBe(false);
  });
});
