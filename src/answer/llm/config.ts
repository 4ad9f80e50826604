import { z } from "zod";
import { InvalidConfigurationError, parseEnvironment } from "../../environment.js";

/** How to reach the optional language model (README: "Fluent answers from a language model"). */
export interface LlmConfig {
  /** An OpenAI-compatible API root, e.g. http://localhost:11434/v1 (Ollama). */
  baseUrl: string;
  model: string;
  /** Sent as a bearer token; local servers need none. Never logged, never in an error message. */
  apiKey?: string;
  /** The whole model stage (both attempts, when the first gets a 5xx) must finish within this. */
  timeoutMs: number;
  maxTokens: number;
}

/**
 * 10 s: a small local model on a CPU writes ~15–30 tokens/s, and a reply of three to five cited
 * sentences is ~150–250 tokens; it also stays under ANSWER_TIMEOUT_MS's 15 s default, so a model
 * that times out still leaves time to send the extractive answer instead of a 504.
 */
const DEFAULT_TIMEOUT_MS = 10_000;

/** 512: five cited sentences at ~60 tokens a line (sentence + quote) with room to spare. */
const DEFAULT_MAX_TOKENS = 512;

const LlmEnv = z.object({
  LLM_BASE_URL: z.string().url("LLM_BASE_URL must be a URL such as http://localhost:11434/v1").optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).default(DEFAULT_TIMEOUT_MS),
  LLM_MAX_TOKENS: z.coerce.number().int().min(16).default(DEFAULT_MAX_TOKENS),
});

/**
 * The model's configuration from LLM_* variables, or undefined when LLM_BASE_URL is not set (the
 * stage is off). Throws, naming the variable, when it is set but incomplete or invalid.
 */
export function llmConfigFrom(environment: Record<string, unknown>): LlmConfig | undefined {
  const env = parseEnvironment(LlmEnv, environment);
  if (!env.LLM_BASE_URL) {
    if (env.LLM_MODEL) throw new InvalidConfigurationError("LLM_MODEL is set but LLM_BASE_URL is not");
    return undefined;
  }
  if (!env.LLM_MODEL) throw new InvalidConfigurationError("LLM_BASE_URL is set but LLM_MODEL is not");
  return {
    baseUrl: env.LLM_BASE_URL.replace(/\/+$/, ""),
    model: env.LLM_MODEL,
    apiKey: env.LLM_API_KEY,
    timeoutMs: env.LLM_TIMEOUT_MS,
    maxTokens: env.LLM_MAX_TOKENS,
  };
}
