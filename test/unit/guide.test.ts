import { guideCard } from '../../src/cards/guide-card';
import { guideSteps, meetingMinutes } from '../../src/domain/guide';
import { MEETING_NUMBERS } from '../../src/domain/themes';
import { LANGUAGES, type Group } from '../../src/domain/types';
import { cardText } from '../support/cards';
import { sampleSnapshot } from '../support/sample-programme';

const sum = (steps: { minutes: number }[]): number => steps.reduce((s, x) => s + x.minutes, 0);

describe("the coordinator's guide", () => {
  it.each([120, 90, 105, 60, 47, 30, 240])('shares %i minutes out over the steps, to the minute', (total) => {
    for (const n of MEETING_NUMBERS) {
      const steps = guideSteps(n, total);
      expect(sum(steps)).toBe(total);
      expect(steps.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('uses whole five-minute blocks when the length allows it', () => {
    for (const s of guideSteps(1, 90)) expect(s.minutes % 5).toBe(0);
  });

  it("takes the invitation's length, or the method's two hours", () => {
    expect(meetingMinutes('13:00', '14:30')).toBe(90);
    expect(meetingMinutes(undefined, undefined)).toBe(120);
  });

  it('has a title and advice for every step of every meeting, in both languages', () => {
    const group: Group = sampleSnapshot({ longest: false, language: 'da' }).group.value;
    for (const lang of LANGUAGES)
      for (const n of MEETING_NUMBERS) {
        const text = cardText(
          guideCard(lang, { group, meeting: n, coordinator: true, minutes: 120, steps: guideSteps(n, 120) })
            .card,
        );
        expect(text).not.toMatch(/guide\.|theme\.|\{\w+\}/);
        expect(text).toMatch(lang === 'da' ? /undersøger/ : /curious enquirer/);
      }
  });
});
