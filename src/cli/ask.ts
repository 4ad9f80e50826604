import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { firstLine } from "../embeddings/embedder.js";
import { userMessage } from "../index-store/corpus-identity.js";
import { openService } from "../open-service.js";
import { citationLabel } from "../text/citation-label.js";
import type { Answer } from "../types.js";

const USAGE = `Usage: npm run ask -- [--json] [--k N] [--index DIR] "your question"
  --index DIR   answer from the index in DIR (default: INDEX_DIR, or CORPUS_DIR's own index)`;

/** The answer, then one line per source: [1] file ¶10 — “quote”. */
export function formatAnswer(answer: Answer): string {
  if (answer.abstained) {
    const related = (answer.related ?? []).map((r) => `  ${citationLabel(r)} — “${r.text.slice(0, 120)}${r.text.length > 120 ? "…" : ""}”`);
    return [answer.answer, ...(related.length ? ["", "Closest passages:", ...related] : [])].join("\n");
  }
  // A cited code block is printed as is in the answer (fenced); its source line names it rather than repeating it.
  const sources = answer.citations.map((c) =>
    c.kind === "code"
      ? `[${c.n}] ${citationLabel(c)} — code${c.language ? ` (${c.language})` : ""}, ${c.quote.split("\n").length} lines`
      : `[${c.n}] ${citationLabel(c)} — “${c.quote}”`,
  );
  return [answer.answer, "", "Sources:", ...sources].join("\n");
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, k: { type: "string" }, index: { type: "string" } },
  });
  const question = positionals.join(" ").trim();
  if (!question) {
    console.error(USAGE);
    process.exit(2);
  }
  const k = values.k === undefined ? undefined : Number(values.k);
  if (k !== undefined && (!Number.isInteger(k) || k < 1 || k > 20)) {
    console.error("--k must be a whole number from 1 to 20");
    process.exit(2);
  }
  // --index names the index to ask, whatever corpus it holds; otherwise it must be CORPUS_DIR's.
  const config = loadConfig(values.index ? { ...process.env, INDEX_DIR: values.index } : process.env);
  const service = await openService(config, values.index ? {} : { corpusDir: config.corpusDir });
  const answer = await service.answer(question, { k });
  console.log(values.json ? JSON.stringify(answer, null, 2) : formatAnswer(answer));
}

main().catch((err) => {
  console.error(userMessage(err, firstLine));
  process.exit(1);
});
