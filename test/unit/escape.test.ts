import { escapeMarkdown, paragraphsOf } from '../../src/cards/escape';

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

  it('splits a text into paragraphs and keeps its line breaks', () => {
    expect(paragraphsOf('Hej alle\n\n\nVi ses\nKaren\n\n  ')).toEqual(['Hej alle', 'Vi ses\n\nKaren']);
  });
});
