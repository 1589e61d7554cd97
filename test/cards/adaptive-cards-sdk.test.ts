import { checkWithSdk, kindOf } from '../support/adaptive-cards-sdk';
import { cardGallery } from '../support/card-gallery';
import { cardToText, messageText } from '../support/card-text';
import { EVERYONE } from '../support/chat-recorder';
import { walkProgramme, type ProgrammeWalk } from '../support/programme-walk';
import { kindOfSeen, sdkFindings, type CardFinding } from '../support/programme-transcript';

/**
 * Microsoft's Adaptive Cards SDK (the renderer of Teams web and desktop) on the bot's cards: first
 * proof that the harness finds what Teams' renderer finds, then every card of a whole programme
 * (Danish with names, English anonymous) and of the card gallery, in every state. Any validation
 * warning fails the test (`npm run transcript` lists the findings by card).
 */

const card = (body: unknown[], actions: unknown[] = [], more: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body,
  actions,
  ...more,
});
const choices = [
  { title: 'Ugentlig opgangsrunde', value: 'p1' },
  { title: 'Fælles velkomst', value: 'p2' },
];

describe('the Adaptive Cards SDK harness', () => {
  it('finds two inputs with one id, also when one is in a ShowCard (as on the project vote card)', () => {
    const vote = { type: 'Input.ChoiceSet', id: 'choice', label: 'Din stemme', choices };
    const decide = { ...vote, label: 'Projektet', isRequired: true, errorMessage: 'Vælg et projekt' };
    const showCard = { type: 'Action.ShowCard', title: 'Vælg projektet', card: card([decide]) };
    expect(checkWithSdk(card([vote], [showCard])).warnings).toEqual(['DuplicateId: Duplicate Id "choice".']);
    expect(checkWithSdk(card([vote, { ...decide, id: 'project' }])).warnings).toEqual([]);
  });

  it('finds a required input without an error message, and one without a label', () => {
    const text = { type: 'Input.Text', id: 'name', label: 'Gruppens navn', isRequired: true };
    expect(checkWithSdk(card([text])).warnings).toEqual([
      'RequiredInputsShouldHaveErrorMessage: Required inputs should have an error message',
    ]);
    expect(
      checkWithSdk(card([{ ...text, label: undefined, errorMessage: 'Skriv et navn' }])).warnings,
    ).toEqual(['RequiredInputsShouldHaveLabel: Required inputs should have a label']);
  });

  it('reports what it cannot read as a warning, and a card it cannot parse at all as an error', () => {
    const odd = checkWithSdk(card([{ type: 'Carousel2' }, { type: 'TextBlock', text: 'x', size: 'Huge' }]));
    expect(odd.warnings.map(kindOf)).toEqual(['Parse UnknownElementType', 'Parse InvalidPropertyValue']);
    expect(checkWithSdk({ type: 'Kort' }).warnings.map(kindOf)).toEqual(['MissingCardType']);
    expect(checkWithSdk(null).errors[0]).toMatch(/^Parse failed: /);
  });

  it('passes a correct card and renders its texts, buttons and refresh, leaving no browser globals behind', () => {
    const good = card(
      [
        { type: 'TextBlock', text: 'Møde 1: Tre gode råd', style: 'heading', wrap: true },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Brug varmemesteren som bro' }] },
        { type: 'Input.Text', id: 'a1', label: 'Råd 1', isRequired: true, errorMessage: 'Skriv et råd' },
      ],
      [{ type: 'Action.Execute', title: 'Gem mine råd', verb: 'submitAnswer' }],
      { refresh: { action: { type: 'Action.Execute', verb: 'refresh' }, userIds: ['29:a', '29:b'] } },
    );
    const report = checkWithSdk(good);
    expect(report).toEqual({ warnings: [], errors: [], rendered: expect.any(String) });
    for (const text of ['Møde 1: Tre gode råd', 'Brug varmemesteren som bro', 'Råd 1', 'Gem mine råd'])
      expect(report.rendered).toContain(text);
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
  });
});

describe('a card as text', () => {
  it('reads top to bottom as a person sees it: markdown rendered, inputs with labels, buttons, forms', () => {
    const form = card(
      [
        {
          type: 'Input.Text',
          id: 'agreements',
          label: 'Aftaler',
          placeholder: 'Hvad aftalte I?',
          isMultiline: true,
        },
      ],
      [{ type: 'Action.Execute', title: 'Afslut', verb: 'closeMeeting' }],
    );
    const status = card(
      [
        { type: 'TextBlock', text: 'Møde 1: **Tre** gode råd', style: 'heading' },
        { type: 'TextBlock', text: 'Tak! Dit svar er gemt.', color: 'Good' },
        { type: 'TextBlock', text: '1\\. Brug \\_varmemesteren\\_ [her](https://x.dk)' },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '**ikke fed**' }] },
        { type: 'FactSet', facts: [{ title: 'Hvor', value: 'Beboerhuset' }] },
        { type: 'TextBlock', text: 'skjult', isVisible: false },
        { type: 'Input.Text', id: 'a1', label: 'Råd 1', isRequired: true, value: 'Mød op' },
        { type: 'Input.ChoiceSet', id: 'c', label: 'Vælg', style: 'expanded', value: 'p2', choices },
        { type: 'Input.ChoiceSet', id: 'm', label: 'Vælg tre', isMultiSelect: true, value: 'p1,p2', choices },
        { type: 'Input.ChoiceSet', id: 'o', label: 'Tovholder', placeholder: 'Vælg en', choices },
        { type: 'Input.Date', id: 'd', label: 'Dato', value: '2027-01-14' },
      ],
      [
        { type: 'Action.Execute', title: 'Vis svarene', verb: 'reveal' },
        { type: 'Action.ShowCard', title: 'Afslut mødet', card: form },
        { type: 'Action.OpenUrl', title: 'Åbn overblik', url: 'https://x.dk' },
      ],
      { refresh: { action: { type: 'Action.Execute', verb: 'refresh' }, userIds: ['29:k', '29:?'] } },
    );
    const names = (id: string) => (id === '29:k' ? 'Karen Holm' : undefined);
    expect(cardToText(status, names).split('\n')).toEqual([
      '# Møde 1: Tre gode råd',
      '✔ Tak! Dit svar er gemt.',
      '1. Brug _varmemesteren_ her (https://x.dk)',
      '**ikke fed**',
      'Hvor: Beboerhuset',
      'Råd 1 *',
      '  ▭ Mød op',
      'Vælg',
      '  ○ Ugentlig opgangsrunde',
      '  ◉ Fælles velkomst',
      'Vælg tre',
      '  ☑ Ugentlig opgangsrunde',
      '  ☑ Fælles velkomst',
      'Tovholder',
      '  ▾ ‹Vælg en›',
      '    (Ugentlig opgangsrunde | Fælles velkomst)',
      'Dato',
      '  ▭ 2027-01-14 (dato)',
      '[Vis svarene] [Afslut mødet ▾] [Åbn overblik ↗]',
      '[Afslut mødet ▾] opens:',
      '  │ Aftaler',
      '  │   ▤ ‹Hvad aftalte I?›',
      '  │ [Afslut]',
      '↻ refresh: Action.Execute "refresh" for Karen Holm, 29:?',
    ]);
    expect(messageText('<at>Mette Bæk</at>, du kan **stadig** nå det')).toBe(
      '@Mette Bæk, du kan stadig nå det',
    );
  });
});

/** Every kind of thing (step action : how it was seen) a whole programme shows with a card. */
const CARD_KINDS = [
  'botAdded:posted',
  'openSetup:answered',
  'setupGroup:answered',
  'setupGroup:updated',
  'help:posted',
  'openJoin:answered',
  'joinGroup:answered',
  'joinGroup:updated',
  'status:posted',
  'invite:posted',
  'saveInvitation:posted',
  'saveInvitation:answered',
  'rsvp:answered',
  'rsvp:updated',
  'guide:posted',
  'start:posted',
  'openAnswerForm:answered',
  'submitAnswer:answered',
  'submitAnswer:updated',
  'reveal:posted',
  'startVoting:posted',
  'openVoting:answered',
  'vote:answered',
  'vote:updated',
  'endVoting:posted',
  'openAgreements:answered',
  'closeMeeting:posted',
  'summary:posted',
  'openInvitation:answered',
  'openProposal:answered',
  'proposeProject:answered',
  'proposeProject:updated',
  'startProjectVote:posted',
  'openBallot:answered',
  'voteProject:answered',
  'openDecision:answered',
  'refresh:answered',
  'voteProject:updated',
  'chooseProject:posted',
  'myData:posted',
];

// A programme is paced to Teams' limits (60 sends in 30 s): about 70 s each, the two side by side.
jest.setTimeout(300_000);

describe('a whole programme through the Adaptive Cards SDK', () => {
  const walks = {} as Record<'da' | 'en', { walk: ProgrammeWalk; findings: CardFinding[] }>;

  beforeAll(async () => {
    const [da, en] = await Promise.all([
      walkProgramme({ language: 'da', revealMode: 'named' }),
      walkProgramme({ language: 'en', revealMode: 'anonymous' }),
    ]);
    walks.da = { walk: da, findings: sdkFindings(da) };
    walks.en = { walk: en, findings: sdkFindings(en) };
  }, 300_000);

  describe.each(['da', 'en'] as const)('%s', (lang) => {
    it('parses and renders every card anyone saw, from setup to the common project', () => {
      const { findings } = walks[lang];
      expect(findings.length).toBeGreaterThan(250);
      expect(
        findings.flatMap((f) => f.sdk.errors.map((e) => `#${f.seen.n} ${kindOfSeen(f.seen)}: ${e}`)),
      ).toEqual([]);
      expect(findings.filter((f) => !f.sdk.rendered.trim()).map((f) => f.seen.n)).toEqual([]);
    });

    it('saw every kind of card of a programme, each by the people who should see it', () => {
      const { walk, findings } = walks[lang];
      const kinds = new Set(findings.map((f) => kindOfSeen(f.seen)));
      expect(CARD_KINDS.filter((k) => !kinds.has(k))).toEqual([]);
      const audiences = (kind: string) =>
        new Set(findings.filter((f) => kindOfSeen(f.seen) === kind).map((f) => f.seen.audience));
      expect(audiences('start:posted')).toEqual(new Set([EVERYONE]));
      expect(audiences('openSetup:answered')).toEqual(new Set(['Karen Holm']));
      expect(audiences('submitAnswer:answered').size).toBe(6);
      expect(audiences('myData:posted')).toEqual(new Set(['Jens Madsen']));
      const refused = walk.seen.find((s) => s.step.action === 'reveal' && s.audience === 'Jens Madsen');
      expect(refused?.text).toContain('Karen Holm');
      expect(walk.seen.some((s) => s.step.action === 'remind' && s.audience === EVERYONE && s.text)).toBe(
        true,
      );
      expect(walk.steps.flatMap((s) => s.notes)).toEqual([]);
    });

    it('has no SDK validation warning on any card (unique input ids, error messages on required inputs)', () => {
      const { findings } = walks[lang];
      expect(
        findings.flatMap((f) => f.sdk.warnings.map((w) => `#${f.seen.n} ${kindOfSeen(f.seen)}: ${w}`)),
      ).toEqual([]);
    });
  });
});

describe.each(['da', 'en'] as const)('the card gallery through the Adaptive Cards SDK (%s)', (lang) => {
  it('parses and renders every template with the longest content, with no validation warning', () => {
    const cards = Object.entries(cardGallery(lang, true)).flatMap(([name, rendered]) =>
      rendered.map((r, i) => ({ name: `${name}[${i}]`, sdk: checkWithSdk(r.card) })),
    );
    expect(cards.length).toBeGreaterThan(40);
    expect(cards.flatMap((c) => c.sdk.errors.map((e) => `${c.name}: ${e}`))).toEqual([]);
    expect(cards.flatMap((c) => c.sdk.warnings.map((w) => `${c.name}: ${w}`))).toEqual([]);
  });
});
