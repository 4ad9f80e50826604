import { DEFAULT_K, K_RANGE, MAX_K } from "../answer/depth.js";
import { loadConfig } from "../config.js";
import { firstLine } from "../embeddings/embedder.js";
import { userMessage } from "../index-store/corpus-identity.js";
import { openService } from "../open-service.js";
import { answerText } from "./answer-text.js";
import { commandLineOrExit, usageMistake } from "./args.js";

const COMMAND = "npm run ask";

const USAGE = `Usage: npm run ask -- [--json] [--k N] [--index DIR] "your question"
  --json        print the answer as /ask's JSON
  --k N         how many retrieved paragraphs the answer may draw on (1–${MAX_K}, default ${DEFAULT_K})
  --index DIR   answer from the index in DIR (default: INDEX_DIR, or CORPUS_DIR's own index)
  -h, --help    show this help
A question that starts with "-" goes after --: npm run ask -- -- "-5 degrees?"`;

async function main(): Promise<void> {
  const { values, positionals } = commandLineOrExit(COMMAND, USAGE, {
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      k: { type: "string" },
      index: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const question = positionals.join(" ").trim();
  if (!question) usageMistake(COMMAND, USAGE, "no question given");
  // Digits only: Number() would also take "0x5", "1e1" and " 5".
  const k = values.k === undefined ? undefined : /^\d+$/.test(values.k) ? Number(values.k) : Number.NaN;
  if (k !== undefined && (!Number.isInteger(k) || k < 1 || k > MAX_K)) usageMistake(COMMAND, USAGE, `--${K_RANGE}, not ${values.k}`);
  // --index names the index to ask, whatever corpus it holds; otherwise it must be CORPUS_DIR's.
  const config = loadConfig(values.index ? { ...process.env, INDEX_DIR: values.index } : process.env);
  const service = await openService(config, values.index ? {} : { corpusDir: config.corpusDir });
  const answer = await service.answer(question, { k });
  console.log(values.json ? JSON.stringify(answer, null, 2) : answerText(answer));
}

main().catch((err) => {
  console.error(userMessage(err, firstLine));
  process.exit(1);
});
