/**
 * Everything a person can read on a card (texts, fact titles and values, button titles), in order;
 * a `RichTextBlock` is one line, its runs joined as they are shown.
 */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'RichTextBlock' && Array.isArray(o.inlines)) {
        out.push(
          o.inlines
            .map((r: unknown) => (typeof r === 'string' ? r : String((r as { text?: unknown }).text ?? '')))
            .join(''),
        );
        return;
      }
      for (const key of ['text', 'title', 'value', 'label', 'placeholder']) {
        if (typeof o[key] === 'string') out.push(o[key] as string);
      }
      Object.entries(o).forEach(
        ([k, v]) => k !== 'data' && k !== 'refresh' && typeof v === 'object' && walk(v),
      );
    }
  };
  walk(card);
  return out.join('\n');
}

/** The Adaptive Card attached to an activity the bot sent. */
export function attachedCard(activity: Record<string, unknown>): Record<string, unknown> {
  const attachments = activity.attachments as
    { contentType: string; content: Record<string, unknown> }[] | undefined;
  const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no Adaptive Card in activity: ${JSON.stringify(activity).slice(0, 300)}`);
  return card.content;
}

/** Finds an input by id anywhere in a card. */
export function findInput(card: unknown, id: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) found = o;
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}
