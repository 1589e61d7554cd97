import template from '../../cards/help.json';
import { COMMAND_NAMES } from '../domain/commands';
import type { Language } from '../domain/types';
import { t } from '../i18n';
import { render, type RenderedCard } from './render';

/** What the bot does and its commands; in a personal chat it speaks to "du", not to the group. */
export function helpCard(lang: Language, personal = false): RenderedCard {
  const model = {
    title: t(lang, 'help.title'),
    intro: t(lang, personal ? 'help.introPersonal' : 'help.intro'),
    purpose: t(lang, personal ? 'help.purposePersonal' : 'help.purpose'),
    commandsTitle: t(lang, 'help.commands'),
    commands: COMMAND_NAMES.map((c) => t(lang, `help.cmd.${c}`)),
    join: t(lang, personal ? 'help.joinPersonal' : 'help.join'),
  };
  return { card: render(template, model), summary: t(lang, 'help.summary') };
}
