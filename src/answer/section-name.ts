import type { IndexedParagraph } from "../index-store/load.js";

/**
 * A heading that names an API element: one token shaped like code, with any argument list after
 * it — a member, module or path (`reply.hijack()`, `node:fs`, `@fastify/cors`,
 * `import/no-cycle`), a flag (`--port`), a snake-case or lower camel-case identifier
 * (`max_retries`, `exposeHeadRoutes`). Code names start in lower case or with a sigil; a
 * capitalised one counts only as a call or a member (`Dispatcher.request(options)`,
 * `JSON.stringify`). An ordinary word, a product's name or a title ("Usage", "logger",
 * "TypeScript", "Functions/Classes") is left alone: it names a topic, which the answer's sentence
 * usually states anyway, and a page's own title would otherwise introduce every answer drawn from it.
 */
const ONE_TOKEN = /^(?=[^\s([]*\p{L})[^\s([]+(?:[([][^\n]*[)\]])?$/u;
const CODE_SHAPED = /\p{L}[.:/]\p{L}|[_$@[(]|^--?\p{L}|^\p{Ll}[\p{L}\p{N}]*\p{Lu}/u;
const CAPITALISED_CODE = /\(|\.\p{Ll}/u;

/** The name a heading gives its section's API element, or undefined when it names none. */
export function elementName(heading: string): string | undefined {
  const text = heading.trim();
  if (!ONE_TOKEN.test(text) || !CODE_SHAPED.test(text)) return undefined;
  if (/^\p{Lu}/u.test(text) && !CAPITALISED_CODE.test(text)) return undefined;
  return text;
}

/** The part of a name an answer must state to be said to name it: `reply.hijack()` → `reply.hijack`. */
const nameCore = (name: string) => name.replace(/[([].*$/s, "").replace(/^[-@]+/, "");

/** Whether a text already names the element, as its core, whatever the case. */
export function statesName(text: string, name: string): boolean {
  const core = nameCore(name).toLowerCase();
  return core.length > 0 && text.toLowerCase().includes(core);
}

/**
 * Where each paragraph's section heading is in its document (its index, or -1 before any heading),
 * in one pass: walking back from a paragraph to its heading made an answer from the end of a
 * long file without headings read the whole file.
 */
export function sectionHeadings(document: readonly IndexedParagraph[]): Int32Array {
  const headings = new Int32Array(document.length);
  let last = -1;
  document.forEach((p, i) => {
    if (p.kind === "heading") last = i;
    headings[i] = last;
  });
  return headings;
}

/**
 * The heading that names the API element a paragraph documents: its section's, when that names
 * one — reference pages put the element's name there ("### `exposeHeadRoutes`") and describe it
 * below without repeating it ("Automatically creates a sibling HEAD route…"), so an answer quoting
 * the description alone never says what to set — or else the page's title, when that names one: a
 * rule's page is titled with the rule ("# import/no-cycle") and its options and examples sit under
 * "## Options" and "## Rule Details", so an answer from there never says which rule. `document` is
 * the paragraph's file, ¶n at index n − 1, and `headings` its sectionHeadings.
 */
export function namingHeading(paragraph: IndexedParagraph, document: readonly IndexedParagraph[], headings: Int32Array): IndexedParagraph | undefined {
  const names = (heading: IndexedParagraph | undefined) => heading !== undefined && heading !== paragraph && heading.kind === "heading" && elementName(heading.text) !== undefined;
  const section = document[headings[paragraph.n - 1] ?? -1];
  if (names(section)) return section;
  const title = document[0];
  return names(title) ? title : undefined;
}
