import { counted } from "../text/plural.js";
import type { Answer } from "../types.js";

/** The answer, then one line per source: [1] file ¶10 — “quote”. */
export function formatAnswer(answer: Answer): string {
  if (answer.abstained) {
    const related = (answer.related ?? []).map((r) => `  ${r.file} ¶${r.paragraph} — “${r.text.slice(0, 120)}${r.text.length > 120 ? "…" : ""}”`);
    return [answer.answer, ...(related.length ? ["", "Closest passages:", ...related] : [])].join("\n");
  }
  // A cited code block is printed as is in the answer (fenced); its source line names it rather than repeating it.
  const sources = answer.citations.map((c) =>
    c.kind === "code"
      ? `[${c.n}] ${c.file} ¶${c.paragraph} — code${c.language ? ` (${c.language})` : ""}, ${counted(c.quote.split("\n").length, "line")}`
      : `[${c.n}] ${c.file} ¶${c.paragraph} — “${c.quote}”`,
  );
  return [answer.answer, "", "Sources:", ...sources].join("\n");
}
