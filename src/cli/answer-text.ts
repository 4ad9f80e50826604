import { excerpt } from "../text/excerpt.js";
import { citationLabel } from "../text/citation-label.js";
import { counted } from "../text/plural.js";
import type { Answer } from "../types.js";

/** The answer, then one line per source: [1] file ¶10 — “quote” (a PDF's: report.pdf p. 3 ¶2). */
export function answerText(answer: Answer): string {
  if (answer.abstained) {
    const related = (answer.related ?? []).map((r) => `  ${citationLabel(r)} — “${excerpt(r.text, 120)}”`);
    return [answer.answer, ...(related.length ? ["", "Closest passages:", ...related] : [])].join("\n");
  }
  // A cited code block is printed as is in the answer (fenced); its source line names it rather than repeating it.
  const sources = answer.citations.map((c) =>
    c.kind === "code"
      ? `[${c.n}] ${citationLabel(c)} — code${c.language ? ` (${c.language})` : ""}, ${counted(c.quote.split("\n").length, "line")}`
      : `[${c.n}] ${citationLabel(c)} — “${c.quote}”`,
  );
  return [answer.answer, "", "Sources:", ...sources].join("\n");
}
