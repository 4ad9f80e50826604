/**
 * The chat widget: one script tag on any page. Everything lives in an open shadow root, so the
 * host page's CSS cannot reach in and ours cannot leak out. Untrusted text (questions, answers,
 * quotes, file names) only ever becomes text nodes — never HTML.
 */
import { citationLabel } from "../text/citation-label.js";
import { WIDGET_CSS } from "./style.js";

interface Citation {
  n: number;
  file: string;
  paragraph: number;
  quote: string;
  /** "code": the quote is a whole code block, shown in the answer as a fenced block. */
  kind?: "code";
  language?: string;
  /** A PDF's page and the paragraph's number on it. */
  page?: number;
  pageParagraph?: number;
}

interface Turn {
  question: string;
  answer: string;
  citations: Citation[];
  abstained: boolean;
  error?: string;
}

interface Settings {
  api: string;
  title: string;
  accent: string;
  position: "right" | "left";
  greeting: string;
}

function settingsFrom(script: HTMLScriptElement | null): Settings {
  const data = script?.dataset ?? {};
  const fallback = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const api = (data.api ?? fallback).replace(/\/$/, "");
  const accent = /^#[0-9a-f]{3,8}$|^[a-z]+$|^rgb\([\d\s,.%]+\)$/i.test(data.accent ?? "") ? data.accent! : "#2f5fd0";
  return {
    api,
    title: data.title || "Ask the documents",
    accent,
    position: data.position === "left" ? "left" : "right",
    greeting: data.greeting || "Ask a question; every answer cites its sources.",
  };
}

/** h("button", {class: "x"}, "text", child) — attributes set one by one, children as text nodes or elements. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const child of children) el.append(typeof child === "string" ? document.createTextNode(child) : child);
  return el;
}

function sourceUrl(api: string, c: Citation): string {
  return `${api}/sources/${encodeURIComponent(c.file)}?p=${c.paragraph}#p${c.paragraph}`;
}

async function* readSse(response: Response): AsyncGenerator<{ event: string; data: string }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      yield { event, data: data.join("\n") };
    }
  }
}

async function failureText(response: Response): Promise<string> {
  if (response.status === 429) {
    const seconds = Number(response.headers.get("retry-after")) || 60;
    return `Too many questions at once — please try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  }
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return `That didn't work: ${body.error.message}`;
  } catch {
    // not JSON
  }
  return `The server could not answer (error ${response.status}). Please try again.`;
}

function mount(settings: Settings): void {
  const host = h("div", { "data-cited-answers": "" });
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  const storageKey = `cited-answers:${settings.api}`;
  let turns: Turn[] = [];
  try {
    turns = JSON.parse(sessionStorage.getItem(storageKey) ?? "[]") as Turn[];
  } catch {
    turns = [];
  }
  const save = () => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(turns.slice(-30)));
    } catch {
      // storage full or disabled: the conversation simply isn't kept
    }
  };

  const style = h("style", {}, WIDGET_CSS);
  host.style.setProperty("--accent", settings.accent);
  const launcher = h("button", { class: `launcher ${settings.position}`, "data-testid": "ask-launcher", "aria-expanded": "false", "aria-controls": "panel", "aria-label": `Open chat: ${settings.title}` }, "?");
  const log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
  const input = h("textarea", { class: "input", rows: "1", maxlength: "2000", placeholder: "Ask a question…", "aria-label": "Your question", "data-testid": "ask-input" });
  const submit = h("button", { class: "submit", type: "submit", "data-testid": "ask-submit" }, "Ask");
  const form = h("form", { class: "form" }, input, submit);
  const newChat = h("button", { class: "ghost", type: "button", "data-testid": "ask-new" }, "New chat");
  const close = h("button", { class: "ghost close", type: "button", "aria-label": "Close chat" }, "✕");
  const panel = h(
    "div",
    { id: "panel", class: `panel ${settings.position}`, role: "dialog", "aria-label": settings.title, hidden: "" },
    h("header", {}, h("h2", {}, settings.title), newChat, close),
    log,
    form,
  );
  root.append(style, launcher, panel);

  const greeting = () => h("p", { class: "greeting" }, settings.greeting);

  /** The citation whose popover is open, to give focus back to when it closes. */
  let openCitation: HTMLButtonElement | null = null;

  function closePopover(restoreFocus = false): void {
    for (const p of root.querySelectorAll(".popover")) p.remove();
    openCitation?.setAttribute("aria-expanded", "false");
    if (restoreFocus) openCitation?.focus();
    openCitation = null;
  }

  function citationButton(c: Citation, answerEl: HTMLElement): HTMLButtonElement {
    const button = h("button", { class: "cite", type: "button", "data-testid": "ask-citation", "aria-label": `Source ${c.n}: ${c.page !== undefined ? `${c.file} page ${c.page} paragraph ${c.pageParagraph}` : `${c.file} paragraph ${c.paragraph}`}`, "aria-expanded": "false" }, `[${c.n}]`);
    button.addEventListener("click", () => {
      const wasOpen = openCitation === button;
      closePopover();
      if (wasOpen) return;
      const link = h("a", { href: sourceUrl(settings.api, c), target: "_blank", rel: "noopener noreferrer", "data-testid": "ask-source-link" }, "Open source ↗");
      const quote = c.kind === "code" ? h("pre", { class: "quote-code" }, h("code", {}, c.quote)) : h("blockquote", {}, c.quote);
      const popover = h("div", { class: "popover", role: "note", "data-n": String(c.n) }, quote, h("div", { class: "where" }, `${citationLabel(c)}`), link);
      // Below the answer's text, so the sentence it interrupts stays whole.
      answerEl.querySelector(".text")!.after(popover);
      button.setAttribute("aria-expanded", "true");
      openCitation = button;
      link.focus();
    });
    return button;
  }

  /** A code block as code: monospace, its own scroll, and a button that copies exactly the code. */
  function codeBlock(code: string, language: string): HTMLElement {
    const copy = h("button", { class: "ghost copy-code", type: "button", "data-testid": "ask-copy-code", "aria-label": "Copy code" }, "Copy");
    copy.addEventListener("click", async () => {
      await navigator.clipboard?.writeText(code).catch(() => {});
      copy.textContent = "Copied";
    });
    return h("div", { class: "code", "data-testid": "ask-code", ...(language ? { "data-language": language } : {}) }, h("pre", {}, h("code", {}, code)), copy);
  }

  /**
   * The answer text: fenced code blocks (```lang … ```, how an answer carries a cited code block)
   * as code, the rest with each [n] as a button. Markers inside code are code, never buttons.
   */
  function answerBody(text: string, citations: Citation[], answerEl: HTMLElement): Node[] {
    const nodes: Node[] = [];
    let last = 0;
    // The line breaks around a block are the fence's; the block itself sets it apart.
    const between = (from: number, to?: number) => text.slice(from, to).replace(/^\n+|\n+$/g, "");
    for (const m of text.matchAll(/(?:^|\n)(`{3,})([^\n`]*)\n([\s\S]*?)\n\1(?=\n|$)/g)) {
      nodes.push(...textWithMarkers(between(last, m.index), citations, answerEl));
      nodes.push(codeBlock(m[3]!, m[2]!.trim()));
      last = m.index! + m[0].length;
    }
    nodes.push(...textWithMarkers(between(last), citations, answerEl));
    return nodes;
  }

  function textWithMarkers(text: string, citations: Citation[], answerEl: HTMLElement): Node[] {
    const byN = new Map(citations.map((c) => [c.n, c]));
    const nodes: Node[] = [];
    let last = 0;
    for (const m of text.matchAll(/\[(\d+)\]/g)) {
      const c = byN.get(Number(m[1]));
      if (!c) continue;
      nodes.push(document.createTextNode(text.slice(last, m.index)));
      nodes.push(citationButton(c, answerEl));
      last = m.index! + m[0].length;
    }
    nodes.push(document.createTextNode(text.slice(last)));
    return nodes;
  }

  function renderTurn(turn: Turn, streaming = false): HTMLElement {
    const wrapper = h("div", { class: "turn" }, h("p", { class: "question" }, turn.question));
    const answerEl = h("div", { class: `answer${turn.abstained ? " abstained" : ""}${turn.error ? " error" : ""}`, "data-testid": "ask-answer" });
    const text = h("div", { class: "text" });
    if (turn.error) text.append(turn.error);
    else if (streaming && !turn.citations.length) text.append(...answerBody(turn.answer, [], answerEl));
    else text.append(...answerBody(turn.answer, turn.citations, answerEl));
    answerEl.append(text);
    if (!turn.error && !turn.abstained && turn.citations.length) {
      const list = h("ol", { class: "sources", "aria-label": "Sources" });
      for (const c of turn.citations) {
        const quoted = c.kind === "code" ? h("span", { class: "code-label" }, `code${c.language ? ` (${c.language})` : ""}`) : h("q", {}, c.quote);
        list.append(h("li", { value: String(c.n) }, h("a", { href: sourceUrl(settings.api, c), target: "_blank", rel: "noopener noreferrer" }, `${citationLabel(c)}`), " — ", quoted));
      }
      const copy = h("button", { class: "ghost copy", type: "button" }, "Copy answer");
      copy.addEventListener("click", async () => {
        const sources = turn.citations.map((c) => `[${c.n}] ${citationLabel(c)} — “${c.quote}”`).join("\n");
        await navigator.clipboard?.writeText(`${turn.answer}\n\n${sources}`).catch(() => {});
        copy.textContent = "Copied";
      });
      answerEl.append(list, copy);
    }
    wrapper.append(answerEl);
    return wrapper;
  }

  function renderLog(): void {
    log.replaceChildren(greeting(), ...turns.map((t) => renderTurn(t)));
    log.scrollTop = log.scrollHeight;
  }

  async function ask(question: string): Promise<void> {
    const turn: Turn = { question, answer: "", citations: [], abstained: false };
    turns.push(turn);
    let view = renderTurn(turn, true);
    log.append(view);
    submit.disabled = true;
    const update = (streaming: boolean) => {
      const next = renderTurn(turn, streaming);
      view.replaceWith(next);
      view = next;
      log.scrollTop = log.scrollHeight;
    };
    try {
      const response = await fetch(`${settings.api}/ask/stream`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question }),
      });
      if (!response.ok || !response.body) {
        turn.error = await failureText(response);
      } else {
        for await (const { event, data } of readSse(response)) {
          const payload = JSON.parse(data) as { delta?: string; citations?: Citation[]; abstained?: boolean; error?: { message: string } };
          if (event === "answer") turn.answer += payload.delta ?? "";
          else if (event === "citations") {
            turn.citations = payload.citations ?? [];
            turn.abstained = payload.abstained ?? false;
          } else if (event === "error") turn.error = payload.error?.message ?? "Answering failed; please try again.";
          update(event !== "done" && event !== "citations");
        }
      }
    } catch {
      turn.error = "Can't reach the server. Check your connection and try again.";
    }
    update(false);
    save();
    submit.disabled = false;
    input.focus();
  }

  const setOpen = (open: boolean) => {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    launcher.textContent = open ? "✕" : "?";
    if (open) {
      renderLog();
      input.focus();
    } else launcher.focus();
  };

  launcher.addEventListener("click", () => setOpen(panel.hidden));
  close.addEventListener("click", () => setOpen(false));
  newChat.addEventListener("click", () => {
    turns = [];
    save();
    renderLog();
    input.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question || submit.disabled) return;
    input.value = "";
    void ask(question);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  root.addEventListener("keydown", (event) => {
    if ((event as KeyboardEvent).key !== "Escape") return;
    if (openCitation) closePopover(true);
    else setOpen(false);
  });
}

const current = document.currentScript as HTMLScriptElement | null;
const start = () => mount(settingsFrom(current));
if (document.body) start();
else document.addEventListener("DOMContentLoaded", start, { once: true });
