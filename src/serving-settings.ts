import { z } from "zod";
import { type LlmConfig, llmConfigFrom } from "./answer/llm/config.js";
import { InvalidConfigurationError, parseEnvironment } from "./environment.js";
import { type WidgetKey, parseWidgetKeys } from "./http/widget-keys.js";

/**
 * What both servers read from their environment — `npm start` from process.env, the Worker from
 * its bindings (wrangler.toml [vars] and secrets): the HTTP surface, Discord, and the text that
 * names the corpus. One schema, so a variable means the same, with the same default and the same
 * error, on both; only Node's own (ports, folders, embedder) live in src/config.ts.
 */
export const ServingEnv = z.object({
  SITE_TITLE: z.string().optional(),
  WIDGET_GREETING: z.string().optional(),
  EXAMPLE_QUESTIONS: z.string().default(""),
  PUBLIC_URL: z.string().url().optional(),
  ADMIN_TOKEN: z.string().min(16, "ADMIN_TOKEN must be at least 16 characters").optional(),
  DISCORD_TOKEN: z.string().optional(),
  DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, "DISCORD_PUBLIC_KEY must be 64 hex digits").optional(),
  DISCORD_API_BASE: z.string().url().default("https://discord.com/api/v10"),
  // Discord drops an interaction not acknowledged within 3 s: the deferral must come before.
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
});

export interface ServingSettings {
  /** Text that names the served corpus on the landing page, in the widget and the start-up log. */
  site: { title?: string; greeting?: string; exampleQuestions: string[] };
  publicUrl?: string;
  adminToken?: string;
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
  /** The optional language model that writes fluent answers (LLM_*); absent = offline answers only. */
  llm?: LlmConfig;
}

/** The serving settings from an environment; throws "Invalid configuration: …" naming what is wrong. */
export function servingSettingsFrom(environment: Record<string, unknown>): ServingSettings {
  return servingSettingsOf(parseEnvironment(ServingEnv, environment), environment);
}

/**
 * The serving settings from variables already checked (Node checks its own with them, so one start
 * names every mistake); `environment` is read for the language model's LLM_* variables.
 */
export function servingSettingsOf(env: z.infer<typeof ServingEnv>, environment: Record<string, unknown>): ServingSettings {
  return {
    site: {
      title: env.SITE_TITLE,
      greeting: env.WIDGET_GREETING,
      // "|" separates questions: they hold commas and question marks, never a bar.
      exampleQuestions: listOf(env.EXAMPLE_QUESTIONS, "|"),
    },
    publicUrl: env.PUBLIC_URL,
    adminToken: env.ADMIN_TOKEN,
    discord: {
      token: env.DISCORD_TOKEN,
      publicKey: env.DISCORD_PUBLIC_KEY,
      apiBase: env.DISCORD_API_BASE,
      deferMs: env.DISCORD_DEFER_MS,
      threadByDefault: env.DISCORD_ASK_IN_THREAD === "true",
    },
    cooldown: { questions: env.COOLDOWN_QUESTIONS, seconds: env.COOLDOWN_SECONDS },
    // A browser's Origin never ends in "/": "https://docs.example.com/" would never match.
    allowedOrigins: listOf(env.ALLOWED_ORIGINS, ",").map((o) => o.replace(/\/+$/, "")),
    ratePerMinute: env.RATE_LIMIT_PER_MINUTE,
    apiKeys: listOf(env.API_KEYS, ","),
    widgetKeys: widgetKeysOf(env.WIDGET_KEYS),
    widgetKeyRatePerMinute: env.WIDGET_KEY_RATE_PER_MINUTE,
    answerTimeoutMs: env.ANSWER_TIMEOUT_MS,
    llm: llmConfigFrom(environment),
  };
}

function listOf(text: string, separator: string): string[] {
  return text.split(separator).map((v) => v.trim()).filter(Boolean);
}

function widgetKeysOf(text: string): WidgetKey[] {
  try {
    return parseWidgetKeys(text);
  } catch (err) {
    throw new InvalidConfigurationError((err as Error).message);
  }
}
