/**
 * How an answer reads: its text with each [n] as a button opening the quote, fenced code as
 * code, then the sources (each paragraph once, with what it adds) or, for a refusal, the
 * closest passages. Untrusted text only ever becomes text nodes — never HTML.
 */
import { citationLabel } from "../text/citation-label.js";
import { excerpt } from "../text/excerpt.js";
import { h } from "./dom.js";
import type { Citation, Related, Source, ShownTurn } from "./types.js";

/** A closest passage is shown to this length: enough to judge whether to open it (a judgement). */
const RELATED_CHARS = 220;

export interface AnswerViewContext {
  api: string;
  /** Opens (or closes, when it is open) a citation's quote below the answer's text. */
  toggleQuote: (button: HTMLButtonElement, c: Citation, answerEl: HTMLElement) => void;
}

export function sourceUrl(api: string, c: { file: string; paragraph: number }): string {
  return `${api}/sources/${encodeURIComponent(c.file)}?p=${c.paragraph}#p${c.paragraph}`;
}

function citationButton(ctx: AnswerViewContext, c: Citation, answerEl: HTMLElement): HTMLButtonElement {
  const button = h("button", { class: "cite", type: "button", "data-testid": "ask-citation", "aria-label": `Source ${c.n}: ${c.page !== undefined ? `${c.file} page ${c.page} paragraph ${c.pageParagraph}` : `${c.file} paragraph ${c.paragraph}`}`, "aria-expanded": "false" }, `[${c.n}]`);
  button.addEventListener("click", () => ctx.toggleQuote(button, c, answerEl));
  return button;
}

/** A code block as code: monospace, its own scroll, and a button that copies exactly the code. */
function codeBlock(code: string, language: string): HTMLElement {
  const copy = h("button", { class: "ghost copy-code", type: "button", "data-testid": "ask-copy-code", "aria-label": "Copy code" }, "Copy");
  copy.addEventListener("click", async () => {
    await navigator.clipboard?.writeText(code).catch(() => {});
    copy.textContent = "Copied";
  });
  return h("div", { class: "code", dir: "ltr", "data-testid": "ask-code", ...(language ? { "data-language": language } : {}) }, h("pre", {}, h("code", {}, code)), copy);
}

/**
 * The answer text: fenced code blocks (```lang … ```, how an answer carries a cited code block)
 * as code, the rest with each [n] as a button. Markers inside code are code, never buttons.
 */
export function answerBody(ctx: AnswerViewContext, text: string, citations: Citation[], answerEl: HTMLElement): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  // The line breaks around a block are the fence's; the block itself sets it apart.
  const between = (from: number, to?: number) => text.slice(from, to).replace(/^\n+|\n+$/g, "");
  for (const m of text.matchAll(/(?:^|\n)(`{3,})([^\n`]*)\n([\s\S]*?)\n\1(?=\n|$)/g)) {
    nodes.push(...textWithMarkers(ctx, between(last, m.index), citations, answerEl));
    nodes.push(codeBlock(m[3]!, m[2]!.trim()));
    last = m.index! + m[0].length;
  }
  nodes.push(...textWithMarkers(ctx, between(last), citations, answerEl));
  return nodes;
}

function textWithMarkers(ctx: AnswerViewContext, text: string, citations: Citation[], answerEl: HTMLElement): Node[] {
  const byN = new Map(citations.map((c) => [c.n, c]));
  const nodes: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(/\[(\d+)\]/g)) {
    const c = byN.get(Number(m[1]));
    if (!c) continue;
    nodes.push(document.createTextNode(text.slice(last, m.index)));
    nodes.push(citationButton(ctx, c, answerEl));
    last = m.index! + m[0].length;
  }
  nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

/** Sources from citations alone (an answer kept from before the server sent `sources`): one per paragraph. */
function sourcesOf(turn: ShownTurn): Source[] {
  if (turn.sources) return turn.sources;
  const byParagraph = new Map<string, Source>();
  for (const c of turn.citations) {
    const id = `${c.file}\u0000${c.paragraph}`;
    const known = byParagraph.get(id);
    if (known) known.markers.push(c.n);
    else byParagraph.set(id, { file: c.file, paragraph: c.paragraph, markers: [c.n], context: "", ...(c.kind ? { kind: c.kind, language: c.language } : {}) });
  }
  return [...byParagraph.values()];
}

export function sourcesList(api: string, turn: ShownTurn): HTMLElement[] {
  const list = h("ol", { class: "sources", "aria-label": "Sources", "data-testid": "ask-sources" });
  for (const s of sourcesOf(turn)) {
    const item = h("li", { "data-testid": "ask-source" }, h("a", { href: sourceUrl(api, s), target: "_blank", rel: "noopener noreferrer" }, citationLabel(s)), ` [${s.markers.join(", ")}]`);
    if (s.kind === "code") item.append(" — ", h("span", { class: "code-label" }, `code${s.language ? ` (${s.language})` : ""}`));
    else if (s.context) item.append(h("span", { class: "context", dir: "auto", "data-testid": "ask-source-context" }, s.context));
    list.append(item);
  }
  return [h("p", { class: "list-title" }, "Sources"), list];
}

export function relatedList(api: string, related: Related[]): HTMLElement[] {
  if (!related.length) return [];
  const list = h("ol", { class: "related", "aria-label": "Closest passages", "data-testid": "ask-related" });
  for (const r of related) {
    list.append(h("li", {}, h("a", { href: sourceUrl(api, r), target: "_blank", rel: "noopener noreferrer" }, citationLabel(r)), h("span", { class: "context", dir: "auto" }, excerpt(r.text, RELATED_CHARS))));
  }
  return [h("p", { class: "list-title" }, "The closest passages:"), list];
}
