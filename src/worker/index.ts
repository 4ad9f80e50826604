import type { Hono } from "hono";
// Written by npm run build:worker from the live index and the widget (wrangler.toml [alias]).
import data from "cited-answers:index-data";
import widget from "cited-answers:widget";
import { Answerer } from "../answer/answer.js";
import { llmConfigFrom } from "../answer/llm/config.js";
import type { ChatModel } from "../answer/llm/chat-model.js";
import type { LlmConfig } from "../answer/llm/config.js";
import { LlmAnswerer } from "../answer/llm/llm-answerer.js";
import { shippedAnswerModel } from "../answer/shipped-model.js";
import { Cooldown } from "../discord/cooldown.js";
import { sourceLinksNotice } from "../discord/format.js";
import { discordInteractions } from "../discord/interactions.js";
import { createApp } from "../http/app.js";
import { parseWidgetKeys } from "../http/widget-keys.js";
import { groupByFile } from "../index-store/corpus.js";
import { serviceFor } from "../service.js";
import { siteText } from "../site.js";
import type { WorkerEnv } from "./bindings.js";
import { edgeDense } from "./dense.js";
import { decodeArray, edgeWords } from "./words.js";

/**
 * The same Hono app as `npm start`, on Cloudflare Workers, answering as Node does: the index,
 * the corpus's word vectors and (for a small corpus) the paragraph vectors come from the bundle;
 * the rest of the word-vector table from the static assets. Only hnswlib, onnxruntime and the
 * file system stay out.
 */
function workerApp(env: WorkerEnv): Hono {
  const words = edgeWords(data.words, env.ASSETS);
  const vectors = data.vectors ? decodeArray(data.vectors, (b) => new Float32Array(b)) : undefined;
  const index = {
    name: data.name,
    manifest: data.manifest,
    paragraphs: data.paragraphs,
    byFile: groupByFile(data.paragraphs),
    lexicon: data.lexicon,
    dense: edgeDense(env, data.manifest.embedder.id, { embedder: words.embedder, vectors, dims: data.manifest.embedder.dims }),
    titles: data.titles,
  };
  const answerer = new Answerer(index, words.knowledge, shippedAnswerModel);
  // The same OpenAI-compatible endpoint as on Node (LLM_* vars; LLM_API_KEY as a secret).
  const llm = llmConfigFrom(env as Record<string, string | undefined>);
  const service = serviceFor(index, answerer, llm && new LlmAnswerer(answerer, lazyModel(llm)));
  const linksNotice = env.DISCORD_PUBLIC_KEY ? sourceLinksNotice(env.PUBLIC_URL) : undefined;
  if (linksNotice) console.log(linksNotice);
  const list = (value?: string, separator = ",") => (value ?? "").split(separator).map((v) => v.trim()).filter(Boolean);
  return createApp(() => service, {
    widgetScript: () => widget,
    allowedOrigins: list(env.ALLOWED_ORIGINS),
    ratePerMinute: Number(env.RATE_LIMIT_PER_MINUTE) || 60,
    apiKeys: list(env.API_KEYS),
    widgetKeys: parseWidgetKeys(env.WIDGET_KEYS ?? ""),
    widgetKeyRatePerMinute: Number(env.WIDGET_KEY_RATE_PER_MINUTE) || undefined,
    adminToken: env.ADMIN_TOKEN,
    publicUrl: env.PUBLIC_URL,
    clientKey: (c) => c.req.header("cf-connecting-ip") ?? "unknown",
    site: siteText(
      { title: env.SITE_TITLE, greeting: env.WIDGET_GREETING, exampleQuestions: list(env.EXAMPLE_QUESTIONS, "|") },
      data.manifest.corpus.name,
    ),
    discord: env.DISCORD_PUBLIC_KEY
      ? {
          publicKey: env.DISCORD_PUBLIC_KEY,
          apiBase: env.DISCORD_API_BASE ?? "https://discord.com/api/v10",
          deferAfterMs: 2000,
          publicUrl: env.PUBLIC_URL,
          cooldown: new Cooldown(5, 60),
          botToken: env.DISCORD_TOKEN,
          threadByDefault: env.DISCORD_ASK_IN_THREAD === "true",
          interactions: discordInteractions,
        }
      : undefined,
  });
}

/**
 * The model's client is evaluated on the first question that reaches it: LangChain and the
 * openai SDK add ~380 KiB gzipped to the bundle, but an isolate that never asks a model (none
 * configured, or every question refused) never pays to start them.
 */
function lazyModel(llm: LlmConfig): ChatModel {
  let model: Promise<ChatModel> | undefined;
  const loaded = () => (model ??= import("../answer/llm/openai-compatible.js").then((m) => m.openAiCompatibleModel(llm)));
  return { name: llm.model, reply: async (messages, onText) => (await loaded()).reply(messages, onText) };
}

let app: Hono | undefined;

export default {
  fetch(request: Request, env: WorkerEnv, ctx: unknown) {
    app ??= workerApp(env);
    return app.fetch(request, env, ctx as never);
  },
};
