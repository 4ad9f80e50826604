import type { DefaultTreeAdapterTypes as Tree } from "parse5";

/** The parse5 tree as the HTML reader walks it: elements, their attributes and their text. */
export type Element = Tree.Element;
export type Node = Tree.ChildNode;

export const isElement = (node: Node | Tree.ParentNode): node is Element => "tagName" in node;
export const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

export const isBlankText = (node: Node) => node.nodeName === "#text" && !(node as Tree.TextNode).value.trim();
export const isList = (node: Node): node is Element => isElement(node) && (node.tagName === "ul" || node.tagName === "ol");

/** Every character of text under a node, as written (dropped() asks it, so it must not ask dropped()). */
export const textOf = (node: Node): string => (node.nodeName === "#text" ? (node as Tree.TextNode).value : isElement(node) ? node.childNodes.map(textOf).join("") : "");

export const linksWithinPage = (el: Element) => el.tagName === "a" && (attr(el, "href") ?? "").startsWith("#");
export const onlyChild = (el: Element) => {
  const [first, ...rest] = el.childNodes.filter((c) => !isBlankText(c));
  return rest.length === 0 && first && isElement(first) ? first : undefined;
};

export const classesOf = (el: Element) => (attr(el, "class") ?? "").split(/\s+/).filter(Boolean);

/**
 * Soft line breaks read as spaces; whitespace runs are one space (as for Markdown). Soft hyphens
 * (`&shy;`), zero-width spaces and word joiners show nothing: kept, "Ver\u00adkehrs\u00adzentrale"
 * matched no question's "Verkehrszentrale".
 */
export const readerText = (text: string) => text.replace(/[\u00ad\u200b\u2060\ufeff]/g, "").replace(/\s+/g, " ").trim();

/** Every element under `node` that `matches`, in document order. */
export function elementsUnder(node: Element, matches: (el: Element) => boolean, found: Element[] = []): Element[] {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    if (matches(child)) found.push(child);
    elementsUnder(child, matches, found);
  }
  return found;
}

export function findElement(node: Tree.ParentNode, tag: string): Element | undefined {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    if (child.tagName === tag) return child;
    const found = findElement(child, tag);
    if (found) return found;
  }
  return undefined;
}
