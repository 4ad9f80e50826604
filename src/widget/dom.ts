/** h("button", {class: "x"}, "text", child) — attributes set one by one, children as text nodes or elements. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const child of children) el.append(typeof child === "string" ? document.createTextNode(child) : child);
  return el;
}

/** The elements Tab can reach inside `container` that are shown. */
export function tabbable(container: HTMLElement): HTMLElement[] {
  const candidates = container.querySelectorAll<HTMLElement>("button, a[href], textarea, input, select, [tabindex]:not([tabindex='-1'])");
  return [...candidates].filter((el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
}
