import { COMMAND_NAMES, parseCommand, stripMentions } from '../../src/bot/commands';
import { helpCard } from '../../src/cards/help-card';
import { LANGUAGES } from '../../src/domain/types';
import { cardText } from '../support/cards';

describe('chat commands', () => {
  it.each([
    ['<at>Erfaringsgruppe</at> hjælp', 'help', ''],
    ['<at>Erfaringsgruppe</at>  HELP ', 'help', ''],
    ['<at>Erfaringsgruppe</at> opret', 'setup', ''],
    ['<at>Erfaringsgruppe</at> opsæt', 'setup', ''],
    ['setup', 'setup', ''],
    ['<at>Erfaringsgruppe</at> status', 'status', ''],
    ['<at>Erfaringsgruppe</at> inviter 1', 'invite', '1'],
    ['Invitér møde 2', 'invite', '2'],
    ['invite 3', 'invite', '3'],
    ['start 2', 'start', '2'],
    ['vejledning 1', 'guide', '1'],
    ['Guide møde 2', 'guide', '2'],
    ['opsummering tema 2', 'summary', '2'],
    ['Summary theme 4', 'summary', '4'],
    ['opsummering', 'summary', ''],
  ])('%s → %s %s', (text, name, arg) => {
    expect(parseCommand(text)).toEqual({ name, arg });
  });

  it('does not mistake ordinary chat for a command', () => {
    expect(parseCommand('<at>Erfaringsgruppe</at> hvornår ses vi?')).toBeUndefined();
    expect(parseCommand('')).toBeUndefined();
  });

  it('removes every mention', () => {
    expect(stripMentions('<at>Erfaringsgruppe</at>&nbsp;status <at>Karen</at>')).toBe('status');
  });

  it.each(LANGUAGES)('help in %s names every command by a word the bot understands', (lang) => {
    const text = cardText(helpCard(lang).card);
    const named = [...text.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => parseCommand(m[1])?.name);
    for (const c of COMMAND_NAMES) expect(named).toContain(c);
  });
});
