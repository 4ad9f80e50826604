import type { Paragraph } from "../../types.js";
import type { ChatMessage } from "./chat-model.js";

/**
 * The instructions, written for small local models (3–8B): one short rule per line, the reply
 * format shown by example, and a fixed line for "the sources don't say" so that case is
 * recognisable rather than improvised. The README shows this prompt as it is sent.
 */
export const SYSTEM_PROMPT = `You answer questions using only the numbered sources the user gives you.
Write one sentence per line, at most 5 lines.
End every line with its citation: the source number and a short quote copied word for word from that source, like this: [2: "exact words from source 2"]
A quote is 3 to 25 words, copied exactly: same words, same spelling, no "..." and no changes.
A line may cite more than one source: [1: "words from source 1"] [3: "words from source 3"]
Write nothing else: no title, no list markers, no line without a citation.
If the sources do not answer the question, write only: NOT IN SOURCES

Example reply:
The library opens at 9 am on weekdays. [2: "opens at 9 am from Monday to Friday"]
It closes early on public holidays. [4: "closes at noon on public holidays"]`;

/** Where a source comes from, as a reader would cite it. */
function sourcePlace(p: Paragraph): string {
  return p.page !== undefined && p.pageParagraph !== undefined ? `${p.file} p. ${p.page} ¶${p.pageParagraph}` : `${p.file} ¶${p.n}`;
}

/** The retrieved paragraphs, numbered from 1 in retrieval order, and the question. */
export function groundedPrompt(question: string, sources: readonly Paragraph[]): ChatMessage[] {
  const numbered = sources.map((p, i) => `[${i + 1}] (${sourcePlace(p)})\n${p.text}`).join("\n\n");
  return [
    { role: "system", content: SYSTEM_PROMPT },
    { role: "user", content: `Sources:\n\n${numbered}\n\nQuestion: ${question}` },
  ];
}
