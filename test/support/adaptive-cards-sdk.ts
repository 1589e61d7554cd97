import type * as AdaptiveCards from 'adaptivecards';

/**
 * Microsoft's Adaptive Cards SDK (npm `adaptivecards` 3.0.x, the renderer of Teams web and desktop)
 * run on a card under jsdom: its parse events, its validation (`validateProperties()`: duplicate
 * ids, required inputs without label or error message, too many actions, …) and a render.
 *
 * The SDK needs a DOM only while it loads and renders. The DOM's globals (`window`, `document`,
 * `HTMLElement`, …) are set for exactly that synchronous call and removed afterwards, so the bot
 * running in the same process (tests start it in-process) never sees a browser.
 */

/** What the SDK said about one card: `warnings` from parsing and validation, `errors` from rendering. */
export interface SdkReport {
  /** "Kind: message", e.g. `DuplicateId: Duplicate Id "choice".` (parse events start with "Parse "). */
  warnings: string[];
  /** Failures: a card the SDK cannot read, a render that threw or gave nothing, what it logged while rendering. */
  errors: string[];
  /** The text of the rendered card (its HTML element's textContent); empty when it did not render. */
  rendered: string;
}

/** The part of jsdom this file uses (jsdom's own types would put the DOM library into every file). */
interface JsdomModule {
  JSDOM: new (html: string, options: { url: string }) => { window: object };
}

let dom: object | undefined;
let sdk: typeof AdaptiveCards | undefined;

/** jsdom has no `innerText` (it needs layout), and the SDK writes every text with it: as textContent here. */
function withInnerText(window: object): object {
  const { HTMLElement } = window as { HTMLElement: { prototype: object } };
  Object.defineProperty(HTMLElement.prototype, 'innerText', {
    get(this: { textContent: string | null }) {
      return this.textContent ?? '';
    },
    set(this: { textContent: string | null }, text: string) {
      this.textContent = text;
    },
    configurable: true,
  });
  return window;
}

/** Runs `work` with the jsdom window's globals that Node does not have set on globalThis. */
function withDom<T>(work: () => T): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dev-only module, loaded on first use
  const { JSDOM } = require('jsdom') as JsdomModule;
  dom ??= withInnerText(
    new JSDOM('<!doctype html><html><body></body></html>', { url: 'https://teams.invalid/' }).window,
  );
  const window = dom as Record<string, unknown>;
  const added = Object.getOwnPropertyNames(window).filter((k) => !(k in globalThis));
  for (const key of added)
    Object.defineProperty(globalThis, key, { get: () => window[key], configurable: true });
  try {
    return work();
  } finally {
    for (const key of added) delete (globalThis as Record<string, unknown>)[key];
  }
}

/** The SDK; its published `lib/` is ES modules without file extensions, so the UMD bundle is loaded. */
function adaptiveCards(): typeof AdaptiveCards {
  if (!sdk) {
    sdk = withDom(
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the UMD bundle has no typings of its own
      () => require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards,
    );
    // Teams renders markdown itself; without a processor the SDK warns once on the console.
    sdk.AdaptiveCard.onProcessMarkdown = (_text, result) => void (result.didProcess = false);
  }
  return sdk;
}

/** Parses, validates and renders `card` with the Adaptive Cards SDK; every problem as one line. */
export function checkWithSdk(card: unknown): SdkReport {
  const AC = adaptiveCards();
  const report: SdkReport = { warnings: [], errors: [], rendered: '' };
  const kind = (e: AdaptiveCards.IValidationEvent): string => AC.ValidationEvent[e.event] ?? String(e.event);
  const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
  withDom(() => {
    const context = new AC.SerializationContext();
    const parsed = new AC.AdaptiveCard();
    try {
      parsed.parse(card, context);
    } catch (err) {
      report.errors.push(`Parse failed: ${message(err)}`);
      return;
    }
    for (let i = 0; i < context.eventCount; i++) {
      const e = context.getEventAt(i);
      report.warnings.push(`Parse ${kind(e)}: ${e.message}`);
    }
    for (const e of parsed.validateProperties().validationEvents)
      report.warnings.push(`${kind(e)}: ${e.message}`);
    const logged = captureConsole(() => {
      try {
        const element = parsed.render() as { textContent?: string | null } | undefined;
        if (element) report.rendered = element.textContent ?? '';
        else report.errors.push('Render: the SDK rendered nothing');
      } catch (err) {
        report.errors.push(`Render: ${message(err)}`);
      }
    });
    report.errors.push(...logged.map((l) => `Render log: ${l}`));
  });
  return report;
}

/** Runs `work` and returns what it wrote with console.warn or console.error (not passed on). */
function captureConsole(work: () => void): string[] {
  const lines: string[] = [];
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  console.error = console.warn;
  try {
    work();
  } finally {
    console.warn = warn;
    console.error = error;
  }
  return lines;
}

/** The kind of an SDK line ("DuplicateId", "Parse InvalidPropertyValue", "Render"): the text before the first colon. */
export function kindOf(line: string): string {
  return line.split(':')[0];
}
