import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import type { DiscordHttpOptions, discordInteractions } from "../discord/interactions.js";
import type { FeedbackStore } from "../feedback/store.js";
import type { AskService } from "../service.js";
import { MAX_BODY_BYTES, readAskBody } from "./ask-request.js";
import { allowedMethods } from "./allowed-methods.js";
import { askStream } from "./ask-stream.js";
import { feedbackVote } from "./feedback-vote.js";
import { isClientGone, withDeadline } from "./deadline.js";
import { INTERNAL_ERROR_MESSAGE, errorResponse } from "./errors.js";
import { landingPage } from "./landing-page.js";
import { openApiDocument } from "./openapi.js";
import { rateLimit } from "./rate-limit.js";
import { originalHeaders, pageHeaders } from "./security-headers.js";
import { type SiteText, siteText } from "../site.js";
import { ORIGINALS_PATH, type OriginalReader, sourceRoutes } from "./source-routes.js";
import { type Reindexer, adminRoutes } from "./admin-routes.js";
import { sameSecret } from "./same-secret.js";
import { suggestedQuestions } from "./suggested-questions.js";
import { type WidgetKey, askerOf } from "./widget-keys.js";

/**
 * A reader opens a few cited sources per answer: their pages get five times the question
 * budget per client (a guess at "a few"; pages are capped in size, see source-page.ts).
 */
const SOURCE_PAGES_PER_QUESTION = 5;

/**
 * Votes come only on answers, one per answer and client, which a later one replaces: twice the
 * question budget per client leaves a vote on every answer and a change of mind on each, without
 * votes ever spending that budget (RATE_LIMIT_PER_MINUTE counts questions).
 */
const VOTES_PER_QUESTION = 2;

/** The routes a browser on another site may call (the widget's: asking and voting), with CORS and its preflight. */
const CORS_PATHS = ["/ask", "/ask/stream", "/feedback"] as const;

/**
 * Questions per minute one widget key may bring in all, whoever asks: ten visitors at the
 * per-client default (60) at once — a guess at a busy docs page, bounding what a copied key costs.
 */
const DEFAULT_WIDGET_KEY_RATE = 600;

/**
 * The HTTP surface: a thin adapter over the AskService, shared by the Node server and the
 * Worker. `service` is read per request, so a server can swap in a new index between requests.
 */
export interface AppOptions {
  /** This service's public base URL (PUBLIC_URL), for the landing page's embed snippet; else the request's own origin. */
  publicUrl?: string;
  /** Origins allowed to call the API from a browser (the widget on another site); same-origin always works. */
  allowedOrigins?: string[];
  /** Questions per minute per client on /ask and /ask/stream (default 60). */
  ratePerMinute?: number;
  /** Who is asking, for rate limits and logs (the Node server passes the socket or forwarded address). */
  clientKey?: (c: Context) => string;
  /** The widget script (bundled from src/widget by src/widget/build.ts). */
  widgetScript?: () => string | undefined;
  /** When set, /ask and /ask/stream need `Authorization: Bearer <one of these>`. */
  apiKeys?: string[];
  /** Publishable keys for the widget: valid on the ask routes only, from their own origins only. */
  widgetKeys?: WidgetKey[];
  /** Questions per minute per widget key, all its visitors together (each visitor also has ratePerMinute). */
  widgetKeyRatePerMinute?: number;
  /** An answer taking longer than this is abandoned with 504 (default 15 s). */
  answerTimeoutMs?: number;
  /** Rebuilds the index and swaps to it, and says how the last one went (POST and GET /admin/reindex). */
  reindex?: Reindexer;
  /**
   * Discord's interactions endpoint: its options, and discordInteractions itself (from
   * src/discord/interactions.ts), handed in by whoever configures Discord, so the app loads the
   * Discord builders (~0.5 s of a cold start) only where Discord is configured.
   */
  discord?: DiscordHttpOptions & { interactions: typeof discordInteractions };
  feedback?: FeedbackStore;
  /** Guards the admin endpoints (GET /feedback/summary); unset = they answer 401. */
  adminToken?: string;
  /** What names the served corpus on the landing page and in the widget (default: "the documents"). */
  site?: SiteText;
  /** Reads an indexed document's original bytes (Node: src/http/original-file.ts); unset, no originals are served. */
  originals?: OriginalReader;
}

export function createApp(service: () => AskService, options: AppOptions = {}) {
  const app = new Hono();

  app.use((c, next) => (c.req.path.startsWith(ORIGINALS_PATH) ? originalHeaders(c, next) : pageHeaders(c, next)));

  // Browsers on other sites get CORS headers only when their origin is allowed (listed, or bound
  // to a widget key); preflights are answered.
  const widgetKeys = options.widgetKeys ?? [];
  const allowed = new Set([...(options.allowedOrigins ?? []), ...widgetKeys.flatMap((w) => w.origins)]);
  const askCors = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ["POST"],
    allowHeaders: ["content-type", "authorization"],
    exposeHeaders: ["retry-after"],
    maxAge: 600,
  });
  for (const path of CORS_PATHS) app.use(path, askCors);

  const clientKey = options.clientKey ?? ((c: Context) => c.req.header("cf-connecting-ip") ?? "anonymous");
  const access = { apiKeys: options.apiKeys ?? [], widgetKeys, sameSecret };
  const keyed: MiddlewareHandler = async (c, next) => {
    const asker = askerOf(c, access);
    if (asker.kind === "refused") return errorResponse(c, asker.status, asker.status === 401 ? "unauthorized" : "forbidden", asker.message);
    await next();
  };
  // An API key has its own budget; a widget key's visitors each have one (the key is public),
  // and the key a total of its own; anyone else, their client address.
  const limited = rateLimit(options.ratePerMinute ?? 60, "questions", (c) => {
    const asker = askerOf(c, access);
    if (asker.kind === "api-key") return `key:${asker.key}`;
    if (asker.kind === "widget-key") return `widget:${asker.key}:${clientKey(c)}`;
    return clientKey(c);
  });
  const widgetKeyLimited = rateLimit(options.widgetKeyRatePerMinute ?? DEFAULT_WIDGET_KEY_RATE, "questions", (c) => {
    const asker = askerOf(c, access);
    return asker.kind === "widget-key" ? `widget:${asker.key}` : "";
  });
  const perWidgetKey: MiddlewareHandler = async (c, next) => {
    if (askerOf(c, access).kind === "widget-key") return widgetKeyLimited(c, next);
    await next();
  };
  const answerTimeoutMs = options.answerTimeoutMs ?? 15_000;
  const bounded = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => errorResponse(c, 413, "payload_too_large", `The body is over ${MAX_BODY_BYTES / 1024} KB`),
  });

  app.post("/ask", keyed, perWidgetKey, limited, bounded, async (c) => {
    const body = await readAskBody(c);
    if (body instanceof Response) return body;
    return c.json(await withDeadline(service().answer(body.question, { k: body.k, history: body.history }), answerTimeoutMs));
  });

  app.post("/ask/stream", keyed, perWidgetKey, limited, bounded, async (c) => {
    const body = await readAskBody(c);
    if (body instanceof Response) return body;
    return askStream(c, service(), body, answerTimeoutMs, options.feedback);
  });

  // A vote needs no key: the answer's id, given only to whoever got the answer, is the credential.
  const votesLimited = rateLimit((options.ratePerMinute ?? 60) * VOTES_PER_QUESTION, "votes", clientKey);
  app.post("/feedback", votesLimited, bounded, (c) => feedbackVote(c, options.feedback, clientKey(c)));

  const site = options.site ?? siteText({}, "the documents");

  // What the widget needs before its first question, readable from any page (CORS *): whether
  // this page's origin may ask (so a refused page can say why instead of "can't reach the
  // server"), and the questions to suggest.
  app.get("/widget/config", async (c) => {
    c.header("access-control-allow-origin", "*");
    const origin = c.req.header("origin");
    const originAllowed = !origin || origin === new URL(c.req.url).origin || allowed.has(origin);
    return c.json({ originAllowed, origin: origin ?? null, keyRequired: access.apiKeys.length > 0, suggestions: await suggestedQuestions(service(), site.exampleQuestions) });
  });

  app.get("/widget.js", (c) => {
    const script = options.widgetScript?.();
    if (!script) return errorResponse(c, 404, "not_found", "The widget is not served here");
    c.header("content-type", "text/javascript; charset=utf-8");
    c.header("cache-control", "public, max-age=300");
    // Any site may load the script itself; what it may call is governed by ALLOWED_ORIGINS.
    c.header("cross-origin-resource-policy", "cross-origin");
    return c.body(script);
  });

  app.get("/", (c) => c.html(landingPage(service(), site, options.publicUrl?.replace(/\/+$/, "") || new URL(c.req.url).origin)));

  app.get("/health", (c) => c.json({ status: "ok", ...service().health() }));

  app.get("/openapi.json", (c) => c.json(openApiDocument));

  // A reader's pages: the documents and their paragraphs, and an indexed PDF itself.
  app.route("/", sourceRoutes(service, options.originals, rateLimit((options.ratePerMinute ?? 60) * SOURCE_PAGES_PER_QUESTION, "source pages", clientKey)));

  if (options.discord) {
    const discord = options.discord;
    app.route("/discord/interactions", discord.interactions(service, { ...discord, feedback: discord.feedback ?? options.feedback }));
  }

  app.route("/", adminRoutes(options));

  const methodsAt = allowedMethods(app, CORS_PATHS);
  app.notFound((c) => {
    const allowed = methodsAt(c.req.path);
    if (allowed.length === 0) return errorResponse(c, 404, "not_found", `No route for ${c.req.method} ${c.req.path}`);
    c.header("allow", allowed.join(", "));
    return errorResponse(c, 405, "method_not_allowed", `${c.req.path} accepts ${allowed.join(", ")}, not ${c.req.method}`);
  });

  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 504) return errorResponse(c, 504, "timeout", "Answering took too long; please try again.");
    if (err instanceof HTTPException) return errorResponse(c, err.status as 400, "invalid_request", err.message);
    // A client that hung up mid-request is not a failure of ours; the answer goes nowhere.
    if (isClientGone(err, c.req.raw)) return errorResponse(c, 400, "bad_request", "The request was aborted");
    console.error(`${c.req.method} ${c.req.path} from ${clientKey(c)} failed:`, err);
    return errorResponse(c, 500, "internal", INTERNAL_ERROR_MESSAGE);
  });

  return app;
}
