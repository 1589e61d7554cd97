import { programmeOf, themeSummaryOf } from '../../src/app/summary';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/app/context';
import { summary } from '../../src/app/summary';
import { programmeSummaryCard, themeSummaryCard } from '../../src/cards/summary-cards';
import { openTableStore } from '../../src/store/connect';
import type { GroupStore } from '../../src/store/group-store';
import { groupKeyOf } from '../../src/store/keys';
import { testConnectionString } from '../support/azurite';
import { cardText } from '../support/cards';
import { sampleSnapshot } from '../support/sample-programme';

describe('summaries', () => {
  it('stay under 28 KB with the largest realistic content, and say what was cut', () => {
    const snapshot = sampleSnapshot({ longest: true });
    const card = themeSummaryCard('da', themeSummaryOf(snapshot, 1)!).card;
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
    expect(cardText(card)).toContain('Kortet er for stort til Teams');
    expect(cardText(card)).toContain('Bed om opsummeringen af de enkelte møder');
  });

  it('are not shortened when everything fits', () => {
    const card = themeSummaryCard('da', themeSummaryOf(sampleSnapshot(), 1)!).card;
    expect(cardText(card)).not.toContain('forkortet');
    const whole = programmeSummaryCard('en', programmeOf(sampleSnapshot({ language: 'en' }))).card;
    expect(cardText(whole)).toContain('Common project');
  });

  it('show anonymous answers without names', () => {
    const snapshot = sampleSnapshot({ revealMode: 'anonymous' });
    const text = cardText(themeSummaryCard('da', themeSummaryOf(snapshot, 2)!).card);
    const answersPart = text.slice(text.indexOf('Alle svar'));
    for (const m of snapshot.group.value.members)
      expect(answersPart.split('Prioriteringer')[0]).not.toContain(m.name);
  });

  it('are built from one partition query, however large the group', async () => {
    const real = await openTableStore({ connectionString: testConnectionString() });
    const snapshot = sampleSnapshot({ longest: true });
    const conversationId = `19:${randomUUID()}@thread.v2`;
    const key = groupKeyOf('t', conversationId);
    const group = { ...snapshot.group.value, key, coordinators: [{ userId: 'karen', name: 'Karen Holm' }] };
    await real.createGroup(group);
    for (const m of snapshot.meetings) await real.saveMeeting(key, m.value, undefined);
    for (const a of snapshot.answers) await real.putPersonRow(key, 'answers', a);
    for (const v of snapshot.votes) await real.putPersonRow(key, 'votes', v);
    const calls: string[] = [];
    const counting = new Proxy(real, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function'
          ? (...args: unknown[]) => (calls.push(String(prop)), value.apply(target, args))
          : value;
      },
    }) as GroupStore;
    const actor: Actor = {
      tenantId: 't',
      groupKey: key,
      userId: 'karen',
      name: 'Karen Holm',
      language: 'da',
      chat: 'group',
      conversation: {},
    };
    const deps = { store: counting, now: () => new Date(), timeZone: 'Europe/Copenhagen' };
    const outcome = await summary(
      { ...deps, defaultLanguage: 'da', coordinatorTitle: () => 'Koordinatoren' },
      actor,
      { meeting: '1' },
    );
    expect(outcome.ok).toBe(true);
    expect(calls).toEqual(['loadPartition']);
    const theme = outcome.ok && outcome.value.kind === 'theme' ? outcome.value : undefined;
    expect(theme?.participation?.shared).toHaveLength(snapshot.answers.filter((a) => a.meeting === 1).length);
  });
});
