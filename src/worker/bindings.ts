/** The Cloudflare bindings and variables the Worker reads (see wrangler.toml). */
export interface AiBinding {
  run(model: string, input: { text: string[] }): Promise<{ data: number[][] }>;
}

export interface VectorizeBinding {
  query(vector: number[], options: { topK: number }): Promise<{ matches: { id: string; score: number }[] }>;
}

/** The Worker's static assets (wrangler.toml [assets]): the word-vector shards. */
export interface AssetsBinding {
  fetch(request: Request | string): Promise<Response>;
}

export interface WorkerEnv {
  ASSETS?: AssetsBinding;
  AI?: AiBinding;
  VECTORIZE?: VectorizeBinding;
  /** Workers AI model matching the embedder the index was built with. */
  WORKERS_AI_MODEL?: string;
  /** The variables below mean what they mean on Node (src/serving-settings.ts; README, Configuration). */
  ALLOWED_ORIGINS?: string;
  RATE_LIMIT_PER_MINUTE?: string;
  API_KEYS?: string;
  /** Publishable widget keys: key=origin|origin,… (see README, Chat widget). */
  WIDGET_KEYS?: string;
  WIDGET_KEY_RATE_PER_MINUTE?: string;
  ANSWER_TIMEOUT_MS?: string;
  ADMIN_TOKEN?: string;
  PUBLIC_URL?: string;
  DISCORD_PUBLIC_KEY?: string;
  DISCORD_API_BASE?: string;
  DISCORD_DEFER_MS?: string;
  COOLDOWN_QUESTIONS?: string;
  COOLDOWN_SECONDS?: string;
  /** The bot token, only to open threads for /ask (a secret: wrangler secret put DISCORD_TOKEN). */
  DISCORD_TOKEN?: string;
  /** "true": /ask answers in a new thread unless its `thread` option says otherwise. */
  DISCORD_ASK_IN_THREAD?: string;
  SITE_TITLE?: string;
  WIDGET_GREETING?: string;
  /** Example questions for the landing page, separated by "|". */
  EXAMPLE_QUESTIONS?: string;
  /** The optional language model (README: "Fluent answers from a language model"); off unless LLM_BASE_URL is set. */
  LLM_BASE_URL?: string;
  LLM_MODEL?: string;
  /** A secret: wrangler secret put LLM_API_KEY. */
  LLM_API_KEY?: string;
  LLM_TIMEOUT_MS?: string;
  LLM_MAX_TOKENS?: string;
}
