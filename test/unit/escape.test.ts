import { escapeMarkdown } from '../../src/cards/escape';

describe('user text in cards', () => {
  it('shows links, bold and italics literally', () => {
    expect(escapeMarkdown('[klik](https://x.dk) **fed** _kursiv_')).toBe(
      '\\[klik\\](https://x.dk) \\*\\*fed\\*\\* \\_kursiv\\_',
    );
  });

  it('leaves punctuation Teams does not parse as typed (Teams mobile would show the backslashes)', () => {
    expect(escapeMarkdown('Projektleder (fysisk) #2 + drift!')).toBe('Projektleder (fysisk) #2 + drift!');
    expect(escapeMarkdown('a|b ~c~ <d> {e} `f`')).toBe('a|b ~c~ <d> {e} `f`');
  });

  it('does not turn a line into a list item', () => {
    expect(escapeMarkdown('- punkt\n1. punkt\n+ punkt\n* punkt\n2) punkt')).toBe(
      '\\- punkt\n1\\. punkt\n\\+ punkt\n\\* punkt\n2\\) punkt',
    );
    expect(escapeMarkdown('2026. Et godt år - og mere')).toBe('2026\\. Et godt år - og mere');
  });

  it('keeps a typed backslash before a markdown character', () => {
    expect(escapeMarkdown('\\*ikke fed\\*')).toBe('\\\\\\*ikke fed\\\\\\*');
  });

  it('keeps Danish letters, emoji and ordinary punctuation', () => {
    expect(escapeMarkdown('Søren, Æble & Ål – 100 % 🙂.')).toBe('Søren, Æble & Ål – 100 % 🙂.');
  });
});
