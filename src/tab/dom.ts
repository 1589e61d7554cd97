/** Tiny DOM helpers: every text goes in with textContent, never as HTML. */

type Child = Node | string | undefined | false;

/** An element with a class (optional) and children (strings become text). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const c of children) if (c !== undefined && c !== false) node.append(c);
  return node;
}

/** A list of text items. */
export function list(items: readonly string[], ordered = false): HTMLElement {
  const node = el(ordered ? 'ol' : 'ul');
  for (const i of items) node.append(el('li', undefined, i));
  return node;
}

/** An SVG made by our own server (numbers and our labels only), parsed as SVG, not as HTML. */
export function svg(markup: string): Node {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  return document.importNode(doc.documentElement, true);
}
