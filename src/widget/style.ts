/** The widget's styles, scoped by its shadow root. `--accent` comes from data-accent. */
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
button { font: inherit; cursor: pointer; }
button:focus-visible, a:focus-visible, textarea:focus-visible { outline: 3px solid var(--accent, #2f5fd0); outline-offset: 2px; }
.launcher { position: fixed; bottom: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0;
  background: var(--accent, #2f5fd0); color: #fff; font-size: 24px; font-weight: 700;
  box-shadow: 0 6px 20px rgba(0,0,0,.25); z-index: 2147483000; }
.launcher.right { right: 20px; } .launcher.left { left: 20px; }
.panel { position: fixed; bottom: 88px; width: 380px; max-width: calc(100vw - 32px); height: min(600px, calc(100vh - 120px));
  display: flex; flex-direction: column; background: #fff; color: #1d2330; border-radius: 14px;
  box-shadow: 0 12px 40px rgba(0,0,0,.25); overflow: hidden; z-index: 2147483000; font-size: 15px; line-height: 1.5; }
.panel[hidden] { display: none; }
.panel.right { right: 20px; } .panel.left { left: 20px; }
header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: var(--accent, #2f5fd0); color: #fff; }
header h2 { flex: 1; margin: 0; font-size: 16px; }
.ghost { background: transparent; border: 1px solid currentColor; color: inherit; border-radius: 8px; padding: 3px 9px; font-size: 13px; }
.close { border: 0; font-size: 16px; }
.log { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 14px; }
.greeting { margin: 0; color: #4a5163; }
.turn { display: flex; flex-direction: column; gap: 8px; }
.question { align-self: flex-end; margin: 0; max-width: 85%; background: #eef2fb; border-radius: 12px 12px 2px 12px; padding: 8px 11px; white-space: pre-wrap; word-break: break-word; }
.answer { align-self: flex-start; max-width: 95%; background: #f6f7f9; border-radius: 12px 12px 12px 2px; padding: 9px 12px; }
.answer .text { margin: 0; white-space: pre-wrap; word-break: break-word; }
.code { position: relative; margin: 6px 0; white-space: normal; }
.code pre, .popover pre { margin: 0; padding: 8px 58px 8px 10px; background: #1d2330; color: #f3f4f7; border-radius: 8px; overflow-x: auto; white-space: pre; }
.code pre, .code code, .popover pre, .popover code, .code-label { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.copy-code { position: absolute; top: 4px; right: 4px; color: #f3f4f7; border-color: #6b7280; font-size: 12px; padding: 1px 7px; background: #1d2330; }
.answer.abstained .text { color: #4a5163; font-style: italic; }
.answer.error { background: #fdeeee; color: #8a1c1c; }
.cite { border: 0; background: none; color: var(--accent, #2f5fd0); font-weight: 600; padding: 0 1px; font-size: .9em; vertical-align: baseline; }
.popover { display: block; margin: 6px 0; padding: 9px 11px; background: #fff; border: 1px solid #d5d9e2; border-radius: 10px; box-shadow: 0 4px 14px rgba(0,0,0,.12); white-space: normal; }
.popover blockquote { margin: 0 0 6px; font-style: italic; }
.popover .where { font: 12px ui-monospace, monospace; color: #4a5163; margin-bottom: 4px; word-break: break-all; }
.popover a, .sources a { color: var(--accent, #2f5fd0); }
.sources { margin: 8px 0 4px; padding-left: 22px; font-size: 13px; color: #4a5163; }
.sources li { margin: 3px 0; word-break: break-word; }
.copy { color: #4a5163; border-color: #c5cad6; margin-top: 2px; }
.form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e5e7ec; }
.input { flex: 1; resize: none; border: 1px solid #c5cad6; border-radius: 10px; padding: 8px 10px; font: inherit; color: inherit; }
.submit { border: 0; border-radius: 10px; padding: 0 16px; background: var(--accent, #2f5fd0); color: #fff; font-weight: 600; }
.submit:disabled { opacity: .6; cursor: wait; }
@media (max-width: 480px) {
  .panel { inset: 0; width: 100vw; max-width: 100vw; height: 100%; bottom: 0; border-radius: 0; }
  .panel.right, .panel.left { right: 0; left: 0; }
  .launcher { bottom: 14px; }
  .launcher[aria-expanded="true"] { display: none; }
}
`;
