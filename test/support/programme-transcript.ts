import { checkWithSdk, kindOf, type SdkReport } from './adaptive-cards-sdk';
import { cardToText, messageText } from './card-text';
import { EVERYONE, type Seen } from './chat-recorder';
import type { ProgrammeWalk } from './programme-walk';

/** One card of a walk with what the Adaptive Cards SDK said about it. */
export interface CardFinding {
  seen: Seen;
  sdk: SdkReport;
}

/** Every card the walk's people saw, each checked with the Adaptive Cards SDK. */
export function sdkFindings(walk: ProgrammeWalk): CardFinding[] {
  return walk.seen.filter((s) => s.card).map((seen) => ({ seen, sdk: checkWithSdk(seen.card) }));
}

/** What a seen thing is, the same in every language: the step's action and how it was seen (`start:posted`). */
export function kindOfSeen(seen: Seen): string {
  return `${seen.step.action}:${seen.how}`;
}

/** Each distinct SDK warning with the number of cards that have it, most frequent first. */
export function warningCounts(findings: CardFinding[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings) for (const w of new Set(f.sdk.warnings)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Each kind of SDK warning (`DuplicateId`) with the number of cards that have one, most frequent first. */
export function kindCounts(findings: CardFinding[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings)
    for (const k of new Set(f.sdk.warnings.map(kindOf))) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The cards with SDK warnings or render errors, as "#n kind (audience): warning; warning". */
export function warningLines(findings: CardFinding[]): string[] {
  return findings
    .filter((f) => f.sdk.warnings.length + f.sdk.errors.length > 0)
    .map(
      (f) =>
        `#${f.seen.n} ${kindOfSeen(f.seen)} (${f.seen.audience}): ${[...f.sdk.warnings, ...f.sdk.errors].join('; ')}`,
    );
}

/** For an answer to a click: the update for everyone that then replaced it in the clicker's view. */
function replacedBy(walk: ProgrammeWalk, seen: Seen): Seen | undefined {
  if (seen.how !== 'answered' || !seen.card || !seen.messageId) return undefined;
  return walk.seen.find((s) => s.n > seen.n && s.how === 'updated' && s.messageId === seen.messageId);
}

function heading(seen: Seen, firstOf: Map<string, number>): string {
  const who = seen.audience === EVERYONE ? 'everyone' : `only ${seen.audience}`;
  const original = seen.messageId ? firstOf.get(seen.messageId) : undefined;
  const ref = original !== undefined && original !== seen.n ? ` #${original}` : '';
  if (seen.how === 'posted') return `**#${seen.n} · ${who} · new message**`;
  if (seen.how === 'updated') return `**#${seen.n} · ${who} · message${ref} updated in place**`;
  const where = ref ? `, in place of${ref} for them` : '';
  return `**#${seen.n} · ${who} · the answer to their click${where}${seen.error ? ' (an error)' : ''}**`;
}

function block(text: string): string[] {
  return ['```text', text || '(empty)', '```'];
}

/** The walk as Markdown: each step, then what who saw, cards as text with their SDK warnings inline. */
export function transcriptMarkdown(walk: ProgrammeWalk, findings: CardFinding[], command: string): string {
  const { language, revealMode } = walk.options;
  const bySeen = new Map(findings.map((f) => [f.seen, f.sdk]));
  const firstOf = new Map<string, number>();
  const lastShown = new Map<string, { json: string; n: number }>();
  const counts = warningCounts(findings);
  const how = (h: Seen['how']): number => walk.seen.filter((s) => s.how === h).length;
  const out: string[] = [
    `# A whole programme as the people in the chat see it (${language}, ${revealMode} reveal)`,
    '',
    `Made by \`${command}\`: the group of test/fixtures/sample-group.da.json walked through the bot's`,
    'HTTP entry point (test/support/programme-walk.ts). Each step is what one person did; below it,',
    'in order, what people saw and who saw it. Cards as text (test/support/card-text.ts): `#` heading,',
    '`✔`/`⚠` green/red notice, `▭`/`▤` text field, `‹…›` placeholder, `*` required, `◉○` radio,',
    '`☑☐` check box, `▾` drop-down, `[…]` button, `[… ▾]` a button that opens a form below it,',
    "`[… ↗]` a link, `↻` automatic refresh. `SDK:` lines are Microsoft's Adaptive Cards SDK",
    '(npm `adaptivecards` 3.0.x, as Teams web/desktop) validating that card.',
    '',
    '## Summary',
    '',
    `- ${walk.steps.length} steps by ${walk.people.length} people; ${walk.seen.length} things seen:`,
    `  ${how('posted')} messages posted, ${how('updated')} in-place updates, ${how('answered')} answers to clicks.`,
    `- ${findings.length} cards; ${findings.filter((f) => f.sdk.warnings.length).length} with SDK warnings,`,
    `  ${findings.filter((f) => f.sdk.errors.length).length} with render errors.`,
    '',
    '| SDK warning (kind) | cards |',
    '| --- | --- |',
    ...kindCounts(findings).map(([k, c]) => `| ${k} | ${c} |`),
    '',
    '| SDK warning | cards |',
    '| --- | --- |',
    ...counts.map(([w, c]) => `| ${w.replace(/\|/g, '\\|')} | ${c} |`),
    '',
    '### SDK warnings by card',
    '',
    ...warningLines(findings).map((line) => `- ${line}`),
    '',
    '## The programme',
  ];
  for (const step of walk.steps) {
    out.push('', `### ${step.n}. ${step.label}`, '');
    for (const note of step.notes) out.push(`> ⚠ walk: ${note}`, '');
    for (const seen of walk.seen.filter((s) => s.step === step)) {
      if (seen.messageId && !firstOf.has(seen.messageId) && seen.how !== 'answered')
        firstOf.set(seen.messageId, seen.n);
      out.push(heading(seen, firstOf) + (seen.preview ? ` (notification: ${seen.preview})` : ''));
      const replaced = replacedBy(walk, seen);
      if (replaced?.step === step)
        out.push('', `(replaced in ${seen.audience}'s view by #${replaced.n} right away)`);
      if (seen.card) {
        const json = JSON.stringify(seen.card);
        const before = seen.messageId && seen.how === 'updated' ? lastShown.get(seen.messageId) : undefined;
        if (before?.json === json) out.push('', `(the same as #${before.n})`);
        else out.push(...block(cardToText(seen.card, walk.nameOf)));
        if (seen.messageId && seen.how !== 'answered') lastShown.set(seen.messageId, { json, n: seen.n });
        const sdk = bySeen.get(seen)!;
        for (const line of [...sdk.warnings, ...sdk.errors]) out.push(`> SDK: ${line}`);
      } else out.push(...block(messageText(seen.text ?? '')));
      out.push('');
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
