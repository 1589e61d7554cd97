import template from '../../cards/help.json';
import { COMMAND_NAMES } from '../domain/commands';
import type { Language } from '../domain/types';
import { t } from '../i18n';
import { render, type RenderedCard } from './render';

/** What the bot does and its commands. */
export function helpCard(lang: Language): RenderedCard {
  const model = {
    title: t(lang, 'help.title'),
    intro: t(lang, 'help.intro'),
    purpose: t(lang, 'help.purpose'),
    commandsTitle: t(lang, 'help.commands'),
    commands: COMMAND_NAMES.map((c) => t(lang, `help.cmd.${c}`)),
    join: t(lang, 'help.join'),
  };
  return { card: render(template, model), summary: t(lang, 'help.summary') };
}
