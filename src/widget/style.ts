/**
 * The widget's colours, one set per theme. Every element takes its colours from these, never
 * from the page or the browser's defaults: a page with `color-scheme: dark` otherwise gives form
 * controls a dark background under our dark text. Text pairs meet WCAG AA contrast (≥ 4.5:1).
 */
const LIGHT = {
  "--bg": "#ffffff",
  "--fg": "#1d2330",
  "--muted": "#4a5163",
  "--question-bg": "#eef2fb",
  "--answer-bg": "#f6f7f9",
  "--border": "#c5cad6",
  "--input-bg": "#ffffff",
  "--input-fg": "#1d2330",
  "--placeholder": "#6b7280",
  "--error-bg": "#fdeeee",
  "--error-fg": "#8a1c1c",
  "--link": "var(--light-link, var(--accent))",
  "--code-bg": "#1d2330",
  "--code-fg": "#f3f4f7",
  "--chip-bg": "#ffffff",
  "--chip-fg": "#1d2330",
  "--shadow": "rgba(0,0,0,.25)",
};
const DARK: typeof LIGHT = {
  "--bg": "#171a21",
  "--fg": "#e8eaf0",
  "--muted": "#aab1c2",
  "--question-bg": "#263150",
  "--answer-bg": "#222631",
  "--border": "#4a5163",
  "--input-bg": "#0f1117",
  "--input-fg": "#f3f4f7",
  "--placeholder": "#8b93a5",
  "--error-bg": "#3d1d1f",
  "--error-fg": "#ffb4b4",
  "--link": "#9db8ff",
  "--code-bg": "#0b0d12",
  "--code-fg": "#f3f4f7",
  "--chip-bg": "#222631",
  "--chip-fg": "#e8eaf0",
  "--shadow": "rgba(0,0,0,.6)",
};
const vars = (set: typeof LIGHT) => Object.entries(set).map(([k, v]) => `${k}: ${v};`).join(" ");

/** The widget's styles, scoped by its shadow root. `--accent` comes from data-accent; the theme from data-theme. */
export const WIDGET_CSS = `
:host { all: initial; --accent: #2f5fd0; ${vars(LIGHT)} color-scheme: light; }
:host([data-theme="dark"]) { ${vars(DARK)} color-scheme: dark; }
@media (prefers-color-scheme: dark) { :host([data-theme="auto"]) { ${vars(DARK)} color-scheme: dark; } }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
button { font: inherit; cursor: pointer; }
button:focus-visible, a:focus-visible, textarea:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.launcher { position: fixed; bottom: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0;
  background: var(--accent); color: var(--on-accent, #fff); font-size: 24px; font-weight: 700;
  box-shadow: 0 6px 20px var(--shadow); z-index: 2147483000; }
.launcher.right { right: 20px; } .launcher.left { left: 20px; }
.panel { position: fixed; bottom: 88px; width: 380px; max-width: calc(100vw - 32px); height: min(600px, calc(100vh - 120px));
  display: flex; flex-direction: column; background: var(--bg); color: var(--fg); border-radius: 14px; border: 1px solid var(--border);
  box-shadow: 0 12px 40px var(--shadow); overflow: hidden; z-index: 2147483000; font-size: 15px; line-height: 1.5; }
.panel[hidden] { display: none; }
.panel.right { right: 20px; } .panel.left { left: 20px; }
header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: var(--accent); color: var(--on-accent, #fff); }
header h2 { flex: 1; margin: 0; font-size: 16px; color: var(--on-accent, #fff); }
.ghost { background: transparent; border: 1px solid currentColor; color: inherit; border-radius: 8px; padding: 3px 9px; font-size: 13px; }
header .ghost { color: var(--on-accent, #fff); background: transparent; }
.close { border: 0; font-size: 16px; }
.log { position: relative; flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 14px; background: var(--bg); color: var(--fg); }
.greeting { margin: 0; color: var(--muted); }
.suggestions { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
.suggestion { background: var(--chip-bg); color: var(--chip-fg); border: 1px solid var(--border); border-radius: 16px; padding: 4px 11px; font-size: 13px; text-align: start; }
.turn { display: flex; flex-direction: column; gap: 8px; }
.question { align-self: flex-end; margin: 0; max-width: 85%; background: var(--question-bg); color: var(--fg); border-radius: 12px 12px 2px 12px; padding: 8px 11px; white-space: pre-wrap; word-break: break-word; }
.answer { align-self: flex-start; max-width: 95%; background: var(--answer-bg); color: var(--fg); border-radius: 12px 12px 12px 2px; padding: 9px 12px; scroll-margin-top: 8px; }
.answer .text { margin: 0; white-space: pre-wrap; word-break: break-word; }
.code { position: relative; margin: 6px 0; white-space: normal; }
.code pre, .popover pre { margin: 0; padding: 8px 58px 8px 10px; background: var(--code-bg); color: var(--code-fg); border-radius: 8px; overflow-x: auto; white-space: pre; }
.code pre, .code code, .popover pre, .popover code, .code-label { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.copy-code { position: absolute; top: 4px; right: 4px; color: var(--code-fg); border-color: #6b7280; font-size: 12px; padding: 1px 7px; background: var(--code-bg); }
.answer.abstained .text { color: var(--muted); font-style: italic; }
.answer.error { background: var(--error-bg); color: var(--error-fg); }
.answer.incomplete .text { color: var(--muted); }
.note { margin: 6px 0 0; font-size: 13px; color: var(--error-fg); }
.cite { border: 0; background: none; color: var(--link); font-weight: 600; padding: 0 1px; font-size: .9em; vertical-align: baseline; }
.popover { display: block; margin: 6px 0; padding: 9px 11px; background: var(--bg); color: var(--fg); border: 1px solid var(--border); border-radius: 10px; box-shadow: 0 4px 14px var(--shadow); white-space: normal; }
.popover blockquote { margin: 0 0 6px; font-style: italic; color: var(--fg); }
.popover .where { font: 12px ui-monospace, monospace; color: var(--muted); margin-bottom: 4px; word-break: break-all; }
a { color: var(--link); }
.sources, .related { margin: 8px 0 4px; padding-left: 22px; font-size: 13px; color: var(--muted); }
.sources li, .related li { margin: 3px 0; word-break: break-word; }
.list-title { margin: 8px 0 0; font-size: 13px; font-weight: 600; color: var(--fg); }
.context { display: block; color: var(--muted); }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
.copy, .vote, .retry { color: var(--muted); background: transparent; border-color: var(--border); }
.vote[aria-pressed="true"] { background: var(--question-bg); color: var(--fg); border-color: var(--link); }
.retry { color: var(--error-fg); border-color: currentColor; }
.typing { display: inline-flex; gap: 4px; padding: 4px 0; }
.typing span { width: 7px; height: 7px; border-radius: 50%; background: var(--muted); animation: blink 1.2s infinite ease-in-out; }
.typing span:nth-child(2) { animation-delay: .2s; } .typing span:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .typing span { animation: none; opacity: .7; } }
.form { display: flex; align-items: flex-end; gap: 8px; padding: 10px; border-top: 1px solid var(--border); background: var(--bg); }
.input { flex: 1; resize: none; border: 1px solid var(--border); border-radius: 10px; padding: 8px 10px; font: inherit; font-size: 15px; line-height: 1.4;
  color: var(--input-fg); background: var(--input-bg); caret-color: var(--input-fg); max-height: 140px; overflow-y: auto; }
.input::placeholder { color: var(--placeholder); opacity: 1; }
.submit, .stop { border: 0; border-radius: 10px; padding: 0 16px; height: 38px; background: var(--accent); color: var(--on-accent, #fff); font-weight: 600; }
.stop { background: var(--fg); color: var(--bg); }
.submit[hidden], .stop[hidden] { display: none; }
@media (max-width: 480px) {
  .panel { inset: 0; width: 100vw; max-width: 100vw; height: 100%; bottom: 0; border-radius: 0; border: 0; }
  .panel.right, .panel.left { right: 0; left: 0; }
  .launcher { bottom: 14px; }
  .launcher[aria-expanded="true"] { display: none; }
  /* Below 16 px, phones zoom the page into the field on focus. */
  .input { font-size: 16px; }
}
`;

/** The longest the question box grows before it scrolls (the CSS max-height above). */
export const INPUT_MAX_HEIGHT = 140;
