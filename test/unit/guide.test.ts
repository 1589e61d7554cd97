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

  it('gives meetings of two hours or more a ten-minute break after reading aloud, and shorter ones none', () => {
    const ids = (n: 1 | 2 | 3 | 4, total: number): string[] => guideSteps(n, total).map((s) => s.id);
    expect(guideSteps(1, 120).find((s) => s.id === 'pause')?.minutes).toBe(10);
    expect(ids(1, 120).indexOf('pause')).toBe(ids(1, 120).indexOf('read') + 1);
    expect(ids(1, 90)).not.toContain('pause');
  });

  it("gives the common project 30–40 minutes of the method's two hours, at the end of meeting 4", () => {
    const steps = guideSteps(4, 120);
    const project = steps.find((s) => s.id === 'project')!;
    expect(project.minutes).toBeGreaterThanOrEqual(30);
    expect(project.minutes).toBeLessThanOrEqual(40);
    expect(steps.at(-1)?.id).toBe('project');
    expect(steps.at(-2)?.id).toBe('closeLast');
  });

  it('lists what to do before the meeting and asks theme-specific questions in meetings 3 and 4', () => {
    const group: Group = sampleSnapshot({ longest: false, language: 'da' }).group.value;
    const text = (n: 1 | 2 | 3 | 4): string =>
      cardText(
        guideCard('da', { group, meeting: n, coordinator: true, minutes: 120, steps: guideSteps(n, 120) })
          .card,
      );
    expect(text(1)).toContain('Før mødet');
    expect(text(1)).toContain('ikke alle har Teams på telefonen');
    expect(text(1)).not.toContain('aftalerne fra sidste møde');
    expect(text(2)).toContain('aftalerne fra sidste møde');
    expect(text(3)).toContain(
      'Hvilke strukturer er formelle, og hvilke er uformelle? Hvem tager initiativet?',
    );
    expect(text(4)).toContain('Hvem i organisationen skal høre det her – og hvem bringer det videre?');
    expect(text(4)).toContain('Fra gode råd til fælles projekt');
    expect(text(2)).not.toContain('Spørg også');
    expect(text(1)).toContain('Som koordinator er du undersøger');
  });
});
