import { belongsToGroup, coordinatorNames, isCoordinator, memberName } from '../../src/domain/roles';
import { readMeetingNumber } from '../../src/domain/themes';
import { sampleGroup } from '../support/card-gallery';

/** Who may do what in a group, and which meeting a card or command names. */
describe('roles in a group', () => {
  const group = sampleGroup();
  const member = group.members[0];

  it('tells a coordinator from a member and a stranger', () => {
    expect(isCoordinator(group, 'c')).toBe(true);
    expect(isCoordinator(group, member.userId)).toBe(false);
    expect(belongsToGroup(group, member.userId)).toBe(true);
    expect(belongsToGroup(group, 'c')).toBe(true);
    expect(belongsToGroup(group, 'stranger')).toBe(false);
  });

  it('names people as the roster knows them, and says who to ask', () => {
    expect(memberName(group, { userId: member.userId, name: 'Teams-navn' })).toBe(member.name);
    expect(memberName(group, { userId: 'stranger', name: 'Ny Person' })).toBe('Ny Person');
    expect(coordinatorNames(group)).toBe(group.coordinators[0].name);
  });

  it('reads a meeting number 1–4 from a number or a digit, nothing else', () => {
    expect(readMeetingNumber(2)).toBe(2);
    expect(readMeetingNumber(' 4 ')).toBe(4);
    for (const bad of [0, 5, 1.5, '12', 'x', null, undefined, ''])
      expect(readMeetingNumber(bad)).toBeUndefined();
  });
});
