/** Teams' click times (issue 20 point 6): what "older" means for a late copy of a click. */
import { clickTime, isOlder } from '../../src/domain/clicks';

describe('clickTime', () => {
  it('orders Teams timestamps of any precision and zone as the times they name', () => {
    const times = [
      '2026-12-03T13:00:00Z',
      '2026-12-03T13:00:00.045Z',
      '2026-12-03T13:00:00.4512345Z',
      '2026-12-03T13:00:00.5Z',
      '2026-12-03T14:00:01+01:00',
    ].map(clickTime);
    expect(times).toEqual([
      '2026-12-03T13:00:00.0000000Z',
      '2026-12-03T13:00:00.0450000Z',
      '2026-12-03T13:00:00.4512345Z',
      '2026-12-03T13:00:00.5000000Z',
      '2026-12-03T13:00:01.0000000Z',
    ]);
    expect([...times].sort()).toEqual(times);
  });

  it('is undefined for what is not a time', () => {
    for (const raw of [undefined, 42, '', 'yesterday', '2026-13-45T99:00:00Z', '2026-12-03 13:00:00'])
      expect(clickTime(raw)).toBeUndefined();
  });
});

describe('isOlder', () => {
  it('is true only when both times are known and the first came before', () => {
    const [early, late] = [clickTime('2026-12-03T13:00:00.1Z'), clickTime('2026-12-03T13:00:00.2Z')];
    expect(isOlder(early, late)).toBe(true);
    expect(isOlder(late, early)).toBe(false);
    expect(isOlder(late, late)).toBe(false);
    expect(isOlder(undefined, late)).toBe(false);
    expect(isOlder(early, undefined)).toBe(false);
  });
});
