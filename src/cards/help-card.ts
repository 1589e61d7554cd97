import template from '../../cards/help.json';
import type { Language } from '../domain/types';
import { t } from '../i18n';
import { render, type RenderedCard } from './render';

const COMMANDS = [
  'help',
  'setup',
  'status',
  'invite',
  'start',
  'remind',
  'summary',
  'myData',
  'deleteGroup',
] as const;

/** What the bot does and its commands. */
export function helpCard(lang: Language): RenderedCard {
  const model = {
    title: t(lang, 'help.title'),
    intro: t(lang, 'help.intro'),
    commandsTitle: t(lang, 'help.commands'),
    commands: COMMANDS.map((c) => t(lang, `help.cmd.${c}`)),
    join: t(lang, 'help.join'),
  };
  return { card: render(template, model), summary: t(lang, 'help.summary') };
}
