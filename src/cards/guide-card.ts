import template from '../../cards/guide.json';
import type { GuideView } from '../app/guide';
import type { GuideStepId } from '../domain/guide';
import { MAX_CHOICES } from '../domain/items';
import { minutesOf } from '../domain/schedule';
import type { MeetingNumber } from '../domain/themes';
import type { Language } from '../domain/types';
import { t } from '../i18n';
import { formatDuration, formatTime, formatWhen } from '../i18n/format';
import { themeTitle } from './meeting-cards';
import { render, type RenderedCard } from './render';
import { plainRun, type Inlines } from './rich-text';

/** Model of cards/guide.json. */
export interface GuideCardModel {
  title: string;
  /** The group's name (a person's text) as one subtle run. */
  groupName: Inlines;
  description: string;
  facts: { title: string; value: string }[];
  note: string;
  stance: string;
  stepsTitle: string;
  steps: { title: string; time: string; advice: string }[];
}

const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Meetings 3 and 4 add a theme-specific question to reading the answers aloud. */
function withProbe(lang: Language, n: MeetingNumber, step: GuideStepId, advice: string): string {
  return step === 'read' && (n === 3 || n === 4) ? `${advice} ${t(lang, `guide.probe.${n}`)}` : advice;
}

/** `vejledning N`: the coordinator's running order with minutes and advice, or a member's short description. */
export function guideCard(lang: Language, view: GuideView): RenderedCard {
  const n = view.meeting;
  const theme = themeTitle(lang, n);
  const title = t(lang, 'guide.title', { n, theme });
  const base = { title, groupName: plainRun(view.group.name), stepsTitle: t(lang, 'guide.stepsTitle') };
  if (!view.coordinator) {
    const description = t(lang, 'guide.member', { n, theme, about: t(lang, `theme.${n}.about`) });
    const model: GuideCardModel = { ...base, description, facts: [], note: '', stance: '', steps: [] };
    return { card: render(template, model), summary: t(lang, 'guide.summary', { n, theme }) };
  }
  const vars = {
    n,
    max: MAX_CHOICES,
    story: t(lang, `guide.story.${n}`),
    learn: t(lang, 'theme.2.learn'),
  };
  let at = view.invited ? minutesOf(view.invited.start) : 0;
  const steps = view.steps.map((s) => {
    const length = t(lang, 'guide.minutes', { minutes: s.minutes });
    const span = t(lang, 'guide.clock', {
      from: formatTime(lang, clock(at)),
      to: formatTime(lang, clock(at + s.minutes)),
    });
    at += s.minutes;
    return {
      title: t(lang, `guide.step.${s.id}.title`),
      time: view.invited ? `${span} · ${length}` : length,
      advice: withProbe(lang, n, s.id, t(lang, `guide.step.${s.id}.advice`, vars)),
    };
  });
  const before = {
    title: t(lang, 'guide.before.title'),
    time: '',
    advice: [
      t(lang, 'guide.before.room'),
      t(lang, 'guide.before.phone'),
      ...(n > 1 ? [t(lang, 'guide.before.agreements')] : []),
    ].join('\n'),
  };
  const facts = [
    ...(view.invited
      ? [
          {
            title: t(lang, 'invite.when'),
            value: formatWhen(lang, view.invited.date, view.invited.start, view.invited.end),
          },
        ]
      : []),
    { title: t(lang, 'guide.length'), value: formatDuration(lang, view.minutes) },
  ];
  const model: GuideCardModel = {
    ...base,
    description: '',
    facts,
    note: view.invited ? '' : t(lang, 'guide.noInvitation'),
    stance: t(lang, 'guide.stance'),
    steps: [before, ...steps],
  };
  return { card: render(template, model), summary: t(lang, 'guide.summary', { n, theme }) };
}
