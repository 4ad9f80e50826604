import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import { z } from "zod";
import { type LlmConfig, llmConfigFrom } from "./answer/llm/config.js";
import { DEFAULT_PARSE_TIMEOUT_MS } from "../ingest/parser-pool/budget.js";
import { type WidgetKey, parseWidgetKeys } from "./http/widget-keys.js";

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

/** Everything configurable, read from the environment once and validated. */
const Env = z.object({
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  CORPUS_DIR: z.string().default(DEFAULT_CORPUS),
  INDEX_DIR: z.string().optional(),
  SITE_TITLE: z.string().optional(),
  WIDGET_GREETING: z.string().optional(),
  EXAMPLE_QUESTIONS: z.string().default(""),
  CACHE_DIR: z.string().default(".cache"),
  EMBEDDER: z.enum(["auto", "transformers", "wordvectors"]).default("auto"),
  EMBEDDING_MODEL: z.string().default("Xenova/all-MiniLM-L6-v2"),
  EMBEDDING_DTYPE: z.enum(["fp32", "fp16", "q8", "int8", "uint8", "q4"]).default("fp32"),
  MODELS_DIR: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  ADMIN_TOKEN: z.string().min(16, "ADMIN_TOKEN must be at least 16 characters").optional(),
  FEEDBACK_FILE: z.string().default("data/feedback.jsonl"),
  DISCORD_TOKEN: z.string().optional(),
  DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, "DISCORD_PUBLIC_KEY must be 64 hex digits").optional(),
  DISCORD_API_BASE: z.string().url().default("https://discord.com/api/v10"),
  DISCORD_DEFER_MS: z.coerce.number().int().min(0).max(2500).default(2000),
  DISCORD_ASK_IN_THREAD: z.enum(["true", "false"], { message: "DISCORD_ASK_IN_THREAD must be true or false" }).default("false"),
  COOLDOWN_QUESTIONS: z.coerce.number().int().min(1).default(5),
  COOLDOWN_SECONDS: z.coerce.number().int().min(1).default(60),
  ALLOWED_ORIGINS: z.string().default(""),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  API_KEYS: z.string().default(""),
  WIDGET_KEYS: z.string().default(""),
  // Ten visitors at the per-client default at once (see DEFAULT_WIDGET_KEY_RATE in src/http/app.ts).
  WIDGET_KEY_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  ANSWER_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  TRUST_PROXY: z.string().default(""),
  // See ingest/parser-pool/budget.ts for where the default comes from.
  PARSE_TIMEOUT_MS: z.coerce.number().int().min(1).default(DEFAULT_PARSE_TIMEOUT_MS),
});

export interface Config {
  host: string;
  port: number;
  corpusDir: string;
  indexDir: string;
  /** Text that names the served corpus on the landing page, in the widget and the start-up log. */
  site: { title?: string; greeting?: string; exampleQuestions: string[] };
  cacheDir: string;
  embedder: "auto" | "transformers" | "wordvectors";
  embeddingModel: string;
  embeddingDtype: z.infer<typeof Env>["EMBEDDING_DTYPE"];
  modelsDir?: string;
  publicUrl?: string;
  adminToken?: string;
  feedbackFile: string;
  discord: {
    token?: string;
    publicKey?: string;
    apiBase: string;
    deferMs: number;
    /** /ask answers in a new thread unless its `thread` option says otherwise. */
    threadByDefault: boolean;
  };
  cooldown: { questions: number; seconds: number };
  /** Browser origins allowed to call the API (the widget on other sites). */
  allowedOrigins: string[];
  ratePerMinute: number;
  /** Bearer keys required on /ask and /ask/stream; empty = open. */
  apiKeys: string[];
  /** Publishable keys for the widget, each valid from its own origins on the ask routes only. */
  widgetKeys: WidgetKey[];
  widgetKeyRatePerMinute: number;
  answerTimeoutMs: number;
  /** Slow clients may not hold a connection: headers within this long, the whole request within that. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Proxies allowed to name the client in X-Forwarded-For: a hop count or addresses; empty = none. */
  trustProxy: string;
  /** The optional language model that writes fluent answers (LLM_*); absent = offline answers only. */
  llm?: LlmConfig;
  /** Longest one file's parse may run at ingest; a file past it is skipped with the reason. */
  parseTimeoutMs: number;
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(
    Object.fromEntries(Object.entries(environment).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const env = parsed.data;
  return {
    host: env.HOST,
    port: env.PORT,
    corpusDir: resolve(env.CORPUS_DIR),
    indexDir: env.INDEX_DIR ? resolve(env.INDEX_DIR) : defaultIndexDir(env.CORPUS_DIR),
    site: {
      title: env.SITE_TITLE,
      greeting: env.WIDGET_GREETING,
      // "|" separates questions: they hold commas and question marks, never a bar.
      exampleQuestions: env.EXAMPLE_QUESTIONS.split("|").map((q) => q.trim()).filter(Boolean),
    },
    cacheDir: resolve(env.CACHE_DIR),
    embedder: env.EMBEDDER,
    embeddingModel: env.EMBEDDING_MODEL,
    embeddingDtype: env.EMBEDDING_DTYPE,
    modelsDir: env.MODELS_DIR ? resolve(env.MODELS_DIR) : undefined,
    publicUrl: env.PUBLIC_URL,
    adminToken: env.ADMIN_TOKEN,
    feedbackFile: resolve(env.FEEDBACK_FILE),
    discord: { token: env.DISCORD_TOKEN, publicKey: env.DISCORD_PUBLIC_KEY, apiBase: env.DISCORD_API_BASE, deferMs: env.DISCORD_DEFER_MS, threadByDefault: env.DISCORD_ASK_IN_THREAD === "true" },
    cooldown: { questions: env.COOLDOWN_QUESTIONS, seconds: env.COOLDOWN_SECONDS },
    allowedOrigins: env.ALLOWED_ORIGINS.split(",").map((o) => o.trim().replace(/\/$/, "")).filter(Boolean),
    ratePerMinute: env.RATE_LIMIT_PER_MINUTE,
    apiKeys: env.API_KEYS.split(",").map((k) => k.trim()).filter(Boolean),
    widgetKeys: widgetKeysOf(env.WIDGET_KEYS),
    widgetKeyRatePerMinute: env.WIDGET_KEY_RATE_PER_MINUTE,
    answerTimeoutMs: env.ANSWER_TIMEOUT_MS,
    headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    trustProxy: env.TRUST_PROXY,
    llm: llmConfigFrom(environment),
    parseTimeoutMs: env.PARSE_TIMEOUT_MS,
  };
}

function widgetKeysOf(text: string): WidgetKey[] {
  try {
    return parseWidgetKeys(text);
  } catch (err) {
    throw new Error(`Invalid configuration: ${(err as Error).message}`);
  }
}
