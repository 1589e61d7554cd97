import { escapeMarkdown, escapeParagraphs } from '../../src/cards/escape';

describe('user text in cards', () => {
  it('shows links, emphasis and headings literally', () => {
    expect(escapeMarkdown('[klik](http://x.dk) **fed** _kursiv_ # overskrift')).toBe(
      '\\[klik\\]\\(http://x.dk\\) \\*\\*fed\\*\\* \\_kursiv\\_ \\# overskrift',
    );
  });

  it('does not turn a line into a list item', () => {
    expect(escapeMarkdown('- punkt\n1. punkt')).toBe('\\- punkt\n1\\. punkt');
  });

  it('keeps Danish letters, emoji and ordinary punctuation', () => {
    expect(escapeMarkdown('Søren, Æble & Ål – 100 % 🙂.')).toBe('Søren, Æble & Ål – 100 % 🙂.');
  });

  it('keeps paragraphs as paragraphs', () => {
    expect(escapeParagraphs('Hej alle\n\nVi ses\nKaren')).toBe('Hej alle\n\nVi ses\n\nKaren');
  });
});
