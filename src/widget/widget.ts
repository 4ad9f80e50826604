/**
 * The chat widget: one script tag on any page. Everything lives in an open shadow root, so the
 * host page's CSS cannot reach in and ours cannot leak out. Untrusted text (questions, answers,
 * quotes, file names) only ever becomes text nodes — never HTML.
 */
import { citationLabel } from "../text/citation-label.js";
import { type AnswerViewContext, answerBody, relatedList, sourceUrl, sourcesList } from "./answer-view.js";
import { accentColours } from "./accent.js";
import { h, tabbable } from "./dom.js";
import { readSse } from "./sse.js";
import { INPUT_MAX_HEIGHT, WIDGET_CSS } from "./style.js";
import type { Citation, Related, Settings, Source, ShownTurn } from "./types.js";

/** Turns sent along with a question as `history`, so a follow-up can lean on them (the server's limit). */
const HISTORY_TURNS = 3;
/** Turns kept for the tab's session: a long conversation, without filling sessionStorage. */
const KEPT_TURNS = 30;
/** Below this width the panel fills the screen (the CSS media query's breakpoint). */
const PHONE_QUERY = "(max-width: 480px)";

function settingsFrom(script: HTMLScriptElement | null): Settings {
  const data = script?.dataset ?? {};
  const fallback = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const api = (data.api ?? fallback).replace(/\/$/, "");
  const accent = accentColours(data.accent);
  const theme = data.theme === "light" || data.theme === "dark" ? data.theme : "auto";
  return {
    api,
    title: data.title || "Ask the documents",
    accent,
    position: data.position === "left" ? "left" : "right",
    greeting: data.greeting || "Ask a question; every answer cites its sources.",
    theme,
    key: data.key?.trim() || undefined,
  };
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

/** A turn that didn't end in an answer, asked again by Retry, and its element in the log. */
interface Retried {
  turn: ShownTurn;
  shown: Element;
}

interface WidgetConfig {
  originAllowed: boolean;
  origin: string | null;
  suggestions: string[];
}

/**
 * Why a request that never got a response failed: a browser hides a CORS refusal behind the
 * same error as a network failure, so the widget asks /widget/config (readable from any origin)
 * whether this page's origin is the cause.
 */
async function unreachableText(api: string, config: () => Promise<WidgetConfig | null>): Promise<string> {
  const known = await config();
  if (known && !known.originAllowed) {
    console.error(
      `cited-answers widget: this page's origin (${location.origin}) may not call ${api}. ` +
        "Add it to the server's ALLOWED_ORIGINS (or bind it to a key in WIDGET_KEYS).",
    );
    return `This site (${location.origin}) is not allowed to ask this server's questions. The site's owner can allow it on the server (ALLOWED_ORIGINS).`;
  }
  return "Can't reach the server. Check your connection and try again.";
}

function mount(settings: Settings): void {
  const host = h("div", { "data-cited-answers": "", "data-theme": settings.theme });
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  const storageKey = `cited-answers:${settings.api}`;
  let turns: ShownTurn[] = [];
  try {
    turns = (JSON.parse(sessionStorage.getItem(storageKey) ?? "[]") as ShownTurn[]).map((t) => ({ ...t, state: t.state ?? (t.error ? "error" : "done") }));
  } catch {
    turns = [];
  }
  const save = () => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(turns.filter((t) => t.state !== "pending").slice(-KEPT_TURNS)));
    } catch {
      // storage full or disabled: the conversation simply isn't kept
    }
  };

  let configRequest: Promise<WidgetConfig | null> | null = null;
  const config = () => {
    configRequest ??= fetch(`${settings.api}/widget/config`)
      .then((r) => (r.ok ? (r.json() as Promise<WidgetConfig>) : null))
      .catch(() => null)
      .then((c) => {
        if (!c) configRequest = null; // unreachable now: ask again next time
        return c;
      });
    return configRequest;
  };

  const style = h("style", {}, WIDGET_CSS);
  host.style.setProperty("--accent", settings.accent.accent);
  host.style.setProperty("--on-accent", settings.accent.onAccent);
  host.style.setProperty("--light-link", settings.accent.lightLink);
  const launcher = h("button", { class: `launcher ${settings.position}`, "data-testid": "ask-launcher", "aria-expanded": "false", "aria-controls": "panel", "aria-label": `Open chat: ${settings.title}` }, "?");
  const log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation", "data-testid": "ask-log" });
  const input = h("textarea", { class: "input", rows: "1", maxlength: "2000", placeholder: "Ask a question…", dir: "auto", "aria-label": "Your question", "data-testid": "ask-input" });
  const submit = h("button", { class: "submit", type: "submit", "data-testid": "ask-submit" }, "Ask");
  const stop = h("button", { class: "stop", type: "button", "data-testid": "ask-stop", hidden: "" }, "Stop");
  const form = h("form", { class: "form" }, input, submit, stop);
  const newChat = h("button", { class: "ghost", type: "button", "data-testid": "ask-new" }, "New chat");
  const close = h("button", { class: "ghost close", type: "button", "aria-label": "Close chat" }, "✕");
  const panel = h(
    "div",
    { id: "panel", class: `panel ${settings.position}`, role: "dialog", "aria-label": settings.title, hidden: "" },
    h("header", {}, h("h2", { dir: "auto" }, settings.title), newChat, close),
    log,
    form,
  );
  root.append(style, launcher, panel);

  /** The citation whose popover is open, to give focus back to when it closes. */
  let openCitation: HTMLButtonElement | null = null;
  /** The question being answered, to stop it. */
  let inFlight: AbortController | null = null;

  function closePopover(restoreFocus = false): void {
    for (const p of root.querySelectorAll(".popover")) p.remove();
    openCitation?.setAttribute("aria-expanded", "false");
    if (restoreFocus) openCitation?.focus();
    openCitation = null;
  }

  const view: AnswerViewContext = {
    api: settings.api,
    toggleQuote(button: HTMLButtonElement, c: Citation, answerEl: HTMLElement) {
      const wasOpen = openCitation === button;
      closePopover();
      if (wasOpen) return;
      const link = h("a", { href: sourceUrl(settings.api, c), target: "_blank", rel: "noopener noreferrer", "data-testid": "ask-source-link" }, "Open source ↗");
      const quote = c.kind === "code" ? h("pre", { class: "quote-code", dir: "ltr" }, h("code", {}, c.quote)) : h("blockquote", { dir: "auto" }, c.quote);
      const popover = h("div", { class: "popover", role: "note", "data-n": String(c.n) }, quote, h("div", { class: "where" }, `${citationLabel(c)}`), link);
      // Below the answer's text, so the sentence it interrupts stays whole.
      answerEl.querySelector(".text")!.after(popover);
      button.setAttribute("aria-expanded", "true");
      openCitation = button;
      link.focus();
    },
  };

  function voteButtons(turn: ShownTurn): HTMLElement[] {
    if (!turn.id) return [];
    const button = (vote: "up" | "down", label: string, face: string) => {
      const b = h("button", { class: "ghost vote", type: "button", "data-testid": `ask-vote-${vote}`, "aria-label": label, "aria-pressed": String(turn.vote === vote) }, face);
      b.addEventListener("click", async () => {
        const response = await fetch(`${settings.api}/feedback`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ id: turn.id, vote }),
        }).catch(() => null);
        if (!response?.ok) return;
        turn.vote = vote;
        save();
        for (const other of b.parentElement?.querySelectorAll(".vote") ?? []) other.setAttribute("aria-pressed", String(other === b));
      });
      return b;
    };
    return [button("up", "Helpful", "👍"), button("down", "Not helpful", "👎")];
  }

  function retryButton(turn: ShownTurn): HTMLElement {
    const retry = h("button", { class: "ghost retry", type: "button", "data-testid": "ask-retry" }, "Retry");
    retry.addEventListener("click", () => {
      if (inFlight) return;
      if (input.value.trim() === turn.question) input.value = "";
      void ask(turn.question, { turn, shown: retry.closest(".turn")! });
    });
    return retry;
  }

  const NOTES: Record<string, string> = {
    stopped: "Stopped — this answer is incomplete.",
    cut: "The answer was cut short — it is incomplete.",
  };

  function renderTurn(turn: ShownTurn): HTMLElement {
    const wrapper = h("div", { class: "turn" }, h("p", { class: "question", dir: "auto" }, turn.question));
    const final = turn.state === "done";
    const classes = ["answer", turn.abstained ? "abstained" : "", turn.state === "error" ? "error" : "", turn.state === "stopped" || turn.state === "cut" ? "incomplete" : ""];
    const answerEl = h("div", { class: classes.filter(Boolean).join(" "), "data-testid": "ask-answer", "data-state": turn.state });
    // Each text takes its direction from its first letter: an Arabic answer reads right to left.
    const text = h("div", { class: "text", dir: "auto" });
    if (turn.state === "error") text.append(turn.error ?? "Answering failed; please try again.");
    else if (turn.state === "pending" && !turn.answer) text.append(h("span", { class: "typing", role: "status", "aria-label": "Answering…", "data-testid": "ask-typing" }, h("span"), h("span"), h("span")));
    // Markers become buttons only once the citations are in: a partial answer has no quotes to open.
    else text.append(...answerBody(view, turn.answer, final ? turn.citations : [], answerEl));
    answerEl.append(text);
    if (NOTES[turn.state]) answerEl.append(h("p", { class: "note", "data-testid": "ask-incomplete" }, NOTES[turn.state]!));
    const actions = h("div", { class: "actions" });
    if (final && !turn.abstained && turn.citations.length) {
      answerEl.append(...sourcesList(settings.api, turn));
      const copy = h("button", { class: "ghost copy", type: "button" }, "Copy answer");
      copy.addEventListener("click", async () => {
        const sources = turn.citations.map((c) => `[${c.n}] ${citationLabel(c)} — “${c.quote}”`).join("\n");
        await navigator.clipboard?.writeText(`${turn.answer}\n\n${sources}`).catch(() => {});
        copy.textContent = "Copied";
      });
      actions.append(copy);
    }
    if (final && turn.abstained) answerEl.append(...relatedList(settings.api, turn.related ?? []));
    if (final) actions.append(...voteButtons(turn));
    if (turn.state === "error" || turn.state === "stopped" || turn.state === "cut") actions.append(retryButton(turn));
    if (actions.childElementCount) answerEl.append(actions);
    wrapper.append(answerEl);
    return wrapper;
  }

  function suggestionsList(): HTMLElement {
    const list = h("ul", { class: "suggestions", "aria-label": "Suggested questions" });
    void config().then((c) => {
      // From a page the server does not allow, a suggestion would only lead to "not allowed".
      if (c && !c.originAllowed) return;
      for (const question of c?.suggestions ?? []) {
        const chip = h("button", { class: "suggestion", type: "button", dir: "auto", "data-testid": "ask-suggestion" }, question);
        chip.addEventListener("click", () => void ask(question));
        list.append(h("li", {}, chip));
      }
    });
    return list;
  }

  function renderLog(): void {
    const opening = turns.length ? [] : [suggestionsList()];
    log.replaceChildren(h("p", { class: "greeting", dir: "auto" }, settings.greeting), ...opening, ...turns.map((t) => renderTurn(t)));
    log.scrollTop = log.scrollHeight;
  }

  /** The recent answered turns before this one, that it may lean on as a follow-up, oldest first. */
  function historyBefore(turn: ShownTurn) {
    return turns
      .slice(0, turns.indexOf(turn))
      .filter((t) => t.state === "done" && !t.abstained)
      .slice(-HISTORY_TURNS)
      .map((t) => ({ question: t.question, answer: t.answer }));
  }

  function setBusy(busy: boolean): void {
    submit.disabled = busy;
    submit.hidden = busy;
    stop.hidden = !busy;
  }

  /**
   * Follows a turn until its start reaches the top, then stays: a long answer is read from its
   * beginning, not its end. (The log is positioned, so a turn's offsetTop is its place in the log.)
   */
  function follow(shown: HTMLElement): void {
    log.scrollTop = Math.min(log.scrollHeight - log.clientHeight, shown.offsetTop - 8);
  }

  /**
   * Puts a new turn at the conversation's end or, asked again by Retry, in the place of the one
   * that failed: on screen too, or the old error stayed above the new answer (or a second error).
   */
  function place(turn: ShownTurn, shown: HTMLElement, retried?: Retried): void {
    const at = retried ? turns.indexOf(retried.turn) : -1;
    if (retried && at >= 0) {
      turns[at] = turn;
      retried.shown.replaceWith(shown);
    } else {
      turns.push(turn);
      log.append(shown);
    }
  }

  async function ask(question: string, retried?: Retried): Promise<void> {
    if (inFlight) return;
    if (!turns.length) renderLog();
    log.querySelector(".suggestions")?.remove();
    const turn: ShownTurn = { question, answer: "", citations: [], abstained: false, state: "pending" };
    let shown = renderTurn(turn);
    place(turn, shown, retried);
    const history = historyBefore(turn);
    follow(shown);
    const controller = new AbortController();
    inFlight = controller;
    setBusy(true);
    const update = () => {
      const next = renderTurn(turn);
      shown.replaceWith(next);
      shown = next;
      follow(next);
    };
    try {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (settings.key) headers.authorization = `Bearer ${settings.key}`;
      const response = await fetch(`${settings.api}/ask/stream`, {
        method: "POST",
        headers,
        body: JSON.stringify({ question, ...(history.length ? { history } : {}) }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        turn.state = "error";
        turn.error = await failureText(response);
      } else {
        for await (const { event, data } of readSse(response)) {
          const payload = JSON.parse(data) as {
            delta?: string;
            answer?: string;
            id?: string;
            citations?: Citation[];
            abstained?: boolean;
            sources?: Source[];
            related?: Related[];
            error?: { message: string };
          };
          if (event === "answer") turn.answer += payload.delta ?? "";
          // The model's answer fell back to the extractive one: its deltas follow.
          else if (event === "restart") turn.answer = "";
          else if (event === "citations") {
            turn.citations = payload.citations ?? [];
            turn.abstained = payload.abstained ?? false;
            turn.sources = payload.sources;
            turn.related = payload.related ?? [];
          } else if (event === "done") {
            // The whole answer is the one shown and copied; the deltas were its preview.
            turn.answer = payload.answer ?? turn.answer;
            turn.id = payload.id;
            turn.state = "done";
          } else if (event === "error") {
            turn.state = "error";
            turn.error = payload.error?.message ?? "Answering failed; please try again.";
          }
          update();
        }
        if (turn.state === "pending") turn.state = "cut";
      }
    } catch (err) {
      if (controller.signal.aborted) turn.state = "stopped";
      else if (turn.answer) turn.state = "cut";
      else {
        turn.state = "error";
        turn.error = await unreachableText(settings.api, config);
      }
    }
    inFlight = null;
    // The question comes back to the box to ask again only while its turn is still in the
    // conversation: New chat threw it away along with its answer.
    if (turn.state !== "done" && turns.includes(turn) && !input.value.trim()) input.value = question;
    update();
    save();
    setBusy(false);
    input.focus();
  }

  const isPhone = () => matchMedia(PHONE_QUERY).matches;

  const setOpen = (open: boolean) => {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    launcher.textContent = open ? "✕" : "?";
    // Full-screen on a phone, the panel is the only thing there is: a modal dialog.
    if (open && isPhone()) panel.setAttribute("aria-modal", "true");
    else panel.removeAttribute("aria-modal");
    if (open) {
      renderLog();
      input.focus();
    } else launcher.focus();
  };

  const grow = () => {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight + 2, INPUT_MAX_HEIGHT)}px`;
  };

  launcher.addEventListener("click", () => setOpen(panel.hidden));
  close.addEventListener("click", () => setOpen(false));
  newChat.addEventListener("click", () => {
    inFlight?.abort();
    turns = [];
    save();
    renderLog();
    input.focus();
  });
  stop.addEventListener("click", () => inFlight?.abort());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question || inFlight) return;
    input.value = "";
    grow();
    void ask(question);
  });
  input.addEventListener("input", grow);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  root.addEventListener("keydown", (event) => {
    const key = (event as KeyboardEvent).key;
    if (key === "Tab" && !panel.hidden && isPhone()) trapFocus(event as KeyboardEvent);
    if (key !== "Escape") return;
    if (openCitation) closePopover(true);
    else setOpen(false);
  });

  /** Tab and Shift+Tab cycle inside the full-screen panel instead of leaving for the page behind it. */
  function trapFocus(event: KeyboardEvent): void {
    const reachable = tabbable(panel);
    if (!reachable.length) return;
    const first = reachable[0]!;
    const last = reachable[reachable.length - 1]!;
    const active = root.activeElement;
    if (event.shiftKey && (active === first || !panel.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !panel.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }
}

const current = document.currentScript as HTMLScriptElement | null;
const start = () => mount(settingsFrom(current));
if (document.body) start();
else document.addEventListener("DOMContentLoaded", start, { once: true });
