import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_PARSE_TIMEOUT_MS } from "../ingest/parser-pool/budget.js";
import { parseEnvironment } from "./environment.js";
import { ServingEnv, type ServingSettings, servingSettingsOf } from "./serving-settings.js";

const DEFAULT_CORPUS = "seeds";
const DEFAULT_INDEX = "index";

/**
 * Where a corpus's index lives unless INDEX_DIR says: the bundled seeds in index/, any other
 * folder in an index of its own under index/corpora/ (named after the folder, plus a hash of its
 * full path so two folders called "docs" never share one). Serving ~/docs therefore never
 * touches the seeds' index, nor the seeds ~/docs's.
 */
export function defaultIndexDir(corpusDir: string): string {
  const corpus = resolve(corpusDir);
  if (corpus === resolve(DEFAULT_CORPUS)) return resolve(DEFAULT_INDEX);
  const name = basename(corpus).replace(/[^\w.-]+/g, "_") || "corpus";
  const pathHash = createHash("sha256").update(corpus).digest("hex").slice(0, 8);
  return resolve(DEFAULT_INDEX, "corpora", `${name}-${pathHash}`);
}

/** What only `npm start` and the CLI read (the Worker has no folders, ports or embedder choice). */
const NodeEnv = z.object({
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  CORPUS_DIR: z.string().default(DEFAULT_CORPUS),
  INDEX_DIR: z.string().optional(),
  CACHE_DIR: z.string().default(".cache"),
  EMBEDDER: z.enum(["auto", "transformers", "wordvectors"]).default("auto"),
  EMBEDDING_MODEL: z.string().default("Xenova/all-MiniLM-L6-v2"),
  EMBEDDING_DTYPE: z.enum(["fp32", "fp16", "q8", "int8", "uint8", "q4"]).default("fp32"),
  MODELS_DIR: z.string().optional(),
  FEEDBACK_FILE: z.string().default("data/feedback.jsonl"),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  TRUST_PROXY: z.string().default(""),
  // See ingest/parser-pool/budget.ts for where the default comes from.
  PARSE_TIMEOUT_MS: z.coerce.number().int().min(1).default(DEFAULT_PARSE_TIMEOUT_MS),
});

/** Everything configurable on Node: its own variables and those it shares with the Worker. */
const Env = NodeEnv.merge(ServingEnv);

export interface Config extends ServingSettings {
  host: string;
  port: number;
  corpusDir: string;
  indexDir: string;
  cacheDir: string;
  embedder: "auto" | "transformers" | "wordvectors";
  embeddingModel: string;
  embeddingDtype: z.infer<typeof Env>["EMBEDDING_DTYPE"];
  modelsDir?: string;
  feedbackFile: string;
  /** Slow clients may not hold a connection: headers within this long, the whole request within that. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Proxies allowed to name the client in X-Forwarded-For: a hop count or addresses; empty = none. */
  trustProxy: string;
  /** Longest one file's parse may run at ingest; a file past it is skipped with the reason. */
  parseTimeoutMs: number;
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // Every variable checked at once, so one start names every mistake.
  const env = parseEnvironment(Env, environment);
  return {
    ...servingSettingsOf(env, environment),
    host: env.HOST,
    port: env.PORT,
    corpusDir: resolve(env.CORPUS_DIR),
    indexDir: env.INDEX_DIR ? resolve(env.INDEX_DIR) : defaultIndexDir(env.CORPUS_DIR),
    cacheDir: resolve(env.CACHE_DIR),
    embedder: env.EMBEDDER,
    embeddingModel: env.EMBEDDING_MODEL,
    embeddingDtype: env.EMBEDDING_DTYPE,
    modelsDir: env.MODELS_DIR ? resolve(env.MODELS_DIR) : undefined,
    feedbackFile: resolve(env.FEEDBACK_FILE),
    headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    trustProxy: env.TRUST_PROXY,
    parseTimeoutMs: env.PARSE_TIMEOUT_MS,
  };
}
