import template from '../../cards/help.json';
import type { Language } from '../domain/types';
import { t } from '../i18n';
import { render, type RenderedCard } from './render';

/** Every chat command, in the order a group meets them (a test checks none is missing). */
const COMMANDS = [
  'help',
  'setup',
  'status',
  'invite',
  'guide',
  'start',
  'remind',
  'summary',
  'across',
  'myData',
  'deleteMyData',
  'deleteGroup',
] as const;

/** What the bot does and its commands. */
export function helpCard(lang: Language): RenderedCard {
  const model = {
    title: t(lang, 'help.title'),
    intro: t(lang, 'help.intro'),
    purpose: t(lang, 'help.purpose'),
    commandsTitle: t(lang, 'help.commands'),
    commands: COMMANDS.map((c) => t(lang, `help.cmd.${c}`)),
    join: t(lang, 'help.join'),
  };
  return { card: render(template, model), summary: t(lang, 'help.summary') };
}
