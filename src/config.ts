import { resolve } from "node:path";
import { z } from "zod";

/** Everything configurable, read from the environment once and validated. */
const Env = z.object({
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  CORPUS_DIR: z.string().default("seeds"),
  INDEX_DIR: z.string().default("index"),
  CACHE_DIR: z.string().default(".cache"),
  EMBEDDER: z.enum(["auto", "transformers", "wordvectors"]).default("auto"),
  EMBEDDING_MODEL: z.string().default("Xenova/all-MiniLM-L6-v2"),
  EMBEDDING_DTYPE: z.enum(["fp32", "fp16", "q8", "int8", "uint8", "q4"]).default("fp32"),
  MODELS_DIR: z.string().optional(),
});

export interface Config {
  host: string;
  port: number;
  corpusDir: string;
  indexDir: string;
  cacheDir: string;
  embedder: "auto" | "transformers" | "wordvectors";
  embeddingModel: string;
  embeddingDtype: z.infer<typeof Env>["EMBEDDING_DTYPE"];
  modelsDir?: string;
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
    indexDir: resolve(env.INDEX_DIR),
    cacheDir: resolve(env.CACHE_DIR),
    embedder: env.EMBEDDER,
    embeddingModel: env.EMBEDDING_MODEL,
    embeddingDtype: env.EMBEDDING_DTYPE,
    modelsDir: env.MODELS_DIR ? resolve(env.MODELS_DIR) : undefined,
  };
}
