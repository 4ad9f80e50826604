import type { Hono } from "hono";
// Written by npm run build:worker from the live index and the widget (wrangler.toml [alias]).
import data from "cited-answers:index-data";
import widget from "cited-answers:widget";
import { Answerer } from "../answer/answer.js";
import type { ChatModel } from "../answer/llm/chat-model.js";
import type { LlmConfig } from "../answer/llm/config.js";
import { LlmAnswerer } from "../answer/llm/llm-answerer.js";
import { shippedAnswerModel } from "../answer/shipped-model.js";
import { sourceLinksNotice } from "../discord/format.js";
import { discordInteractions } from "../discord/interactions.js";
import { InvalidConfigurationError } from "../environment.js";
import { createApp } from "../http/app.js";
import type { ErrorCode } from "../http/errors.js";
import { configuredAppOptions } from "../http/app-options.js";
import { groupByFile } from "../index-store/corpus.js";
import { servingSettingsFrom } from "../serving-settings.js";
import { serviceFor } from "../service.js";
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
  // The same variables, defaults and checks as on Node (src/serving-settings.ts), checked first.
  const settings = servingSettingsFrom(env as unknown as Record<string, unknown>);
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
  const llm = settings.llm;
  const service = serviceFor(index, answerer, llm && new LlmAnswerer(answerer, lazyModel(llm)));
  const linksNotice = settings.discord.publicKey ? sourceLinksNotice(settings.publicUrl) : undefined;
  if (linksNotice) console.log(linksNotice);
  return createApp(() => service, {
    ...configuredAppOptions(settings, data.manifest.corpus.name, discordInteractions),
    widgetScript: () => widget,
    clientKey: (c) => c.req.header("cf-connecting-ip") ?? "unknown",
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

let app: Hono | InvalidConfigurationError | undefined;

export default {
  fetch(request: Request, env: WorkerEnv, ctx: unknown) {
    app ??= workerAppOrProblem(env);
    return app instanceof InvalidConfigurationError ? misconfigured(app) : app.fetch(request, env, ctx as never);
  },
};

/**
 * The app, or, when the Worker's variables are invalid, what is wrong with them: every request
 * is then answered with a 500 saying which and why (as `npm start` refuses to start with the
 * same message), instead of an uncaught exception and Cloudflare's error page.
 */
function workerAppOrProblem(env: WorkerEnv): Hono | InvalidConfigurationError {
  try {
    return workerApp(env);
  } catch (err) {
    if (!(err instanceof InvalidConfigurationError)) throw err;
    console.error(err.message);
    return err;
  }
}

/** A new response each time: a Worker may not hand one request's Response to another. */
function misconfigured(problem: InvalidConfigurationError): Response {
  const code: ErrorCode = "invalid_configuration";
  const message = `${problem.message} (set the Worker's variables in wrangler.toml [vars] or as secrets, and deploy again)`;
  return Response.json({ error: { code, message } }, { status: 500 });
}
