import { MAX_GROUP_BUTTONS } from '../../src/cards/choose-group-card';
import { cardGallery } from '../support/card-gallery';

type Node = Record<string, unknown>;

function nodes(card: unknown, keep: (n: Node) => boolean): Node[] {
  const out: Node[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (keep(n as Node)) out.push(n as Node);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

const isAction = (n: Node): boolean => typeof n.type === 'string' && n.type.startsWith('Action.');

/** What Teams (not the Adaptive Cards designer) does with these cards: cards-reference.md, cards-format.md. */
describe.each(['da', 'en'] as const)('cards as Teams shows them (%s)', (lang) => {
  const all = Object.entries(cardGallery(lang, true)).flatMap(([name, cards]) =>
    cards.map((c) => [name, c.card] as const),
  );

  it('wraps every choice list, so long answers and roles can be read in full', () => {
    const sets = all.flatMap(([, card]) => nodes(card, (n) => n.type === 'Input.ChoiceSet'));
    expect(sets.length).toBeGreaterThan(5);
    expect(sets.filter((s) => s.wrap !== true)).toEqual([]);
  });

  it('uses no button style Teams does not support', () => {
    const styled = all.flatMap(([, card]) => nodes(card, (n) => isAction(n) && n.style === 'positive'));
    expect(styled).toEqual([]);
  });

  it('keeps the bot’s own button labels short enough not to be cut', () => {
    const max = lang === 'da' ? 18 : 20;
    const titles = all
      .filter(([name]) => name !== 'choose-group')
      .flatMap(([, card]) => nodes(card, isAction).map((a) => String(a.title)));
    expect(titles.length).toBeGreaterThan(10);
    expect(titles.filter((t) => [...t].length > max)).toEqual([]);
  });

  it('offers many groups as a list and one button, never one button per group', () => {
    const many = cardGallery(lang, false)['choose-group'];
    const few = nodes(many[0].card, isAction);
    expect(few.map((a) => a.title)).toEqual(['Søbakken', 'Nørremarken']);
    const list = many[1].card;
    expect(nodes(list, isAction)).toHaveLength(1);
    expect(nodes(list, isAction).length).toBeLessThanOrEqual(MAX_GROUP_BUTTONS);
    const choices = nodes(list, (n) => n.type === 'Input.ChoiceSet')[0].choices as { title: string }[];
    expect(choices.map((c) => c.title)).toContain('Gruppe 11');
  });
});

describe('"Åbn overblik" before the Overblik tab is in the chat', () => {
  it('says how to add the tab instead of offering a link that leads nowhere', () => {
    const [withLink, , withHint] = cardGallery('da', false).status;
    const links = (c: unknown): unknown[] => nodes(c, (n) => n.type === 'Action.OpenUrl');
    expect(links(withLink.card)).toHaveLength(1);
    expect(links(withHint.card)).toHaveLength(0);
    expect(JSON.stringify(withHint.card)).toContain('gem fanen Overblik');
  });
});
