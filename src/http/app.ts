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
import { errorResponse } from "./errors.js";
import { landingPage } from "./landing-page.js";
import { openApiDocument } from "./openapi.js";
import { rateLimit } from "./rate-limit.js";
import { originalHeaders, pageHeaders } from "./security-headers.js";
import { type SiteText, siteText } from "../site.js";
import { sourcePage } from "./source-page.js";
import { suggestedQuestions } from "./suggested-questions.js";
import { type WidgetKey, askerOf, bearerOf } from "./widget-keys.js";
import { documentFormat } from "../text/document-format.js";

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
  /** Rebuilds the index and swaps to it (POST /admin/reindex). */
  reindex?: (force: boolean) => Promise<unknown>;
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
  originals?: (service: AskService, file: string) => Promise<Uint8Array | null>;
}

/** Where an indexed PDF itself is served: /originals/<file>#page=N. */
export const ORIGINALS_PATH = "/originals/";

/** Compares secrets in time independent of where they differ. */
function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * A /sources path read as "<file>/<last segment>": the segment is a paragraph's number when it is
 * one and <file> is a document (a file may sit in a folder, so the whole path may be the document).
 */
const sourcePath = (path: string) => {
  const [, file = "", last = ""] = path.match(/^(.+)\/([^/]*)$/s) ?? [];
  return { file, last, numbered: /^\d+$/.test(last) };
};

/**
 * The indexed name a requested document name stands for: itself, or else the one document whose
 * name is the same text in another Unicode form. Files copied from a Mac keep names in
 * decomposed form (NFD: "e" + U+0301), which a name typed, pasted or passed through a chat app
 * usually is not (NFC: "é"); both look alike, so both must open the page. Two documents whose
 * names differ only in form (possible on Linux) are both reachable by their exact names, and
 * neither by another form.
 */
function indexedName(service: AskService, name: string): string | undefined {
  if (!name || service.document(name)) return name || undefined;
  const wanted = name.normalize("NFC");
  if (wanted === name && !/[^\x00-\x7f]/.test(name)) return undefined;
  const matches = service.files().filter((f) => f.normalize("NFC") === wanted);
  return matches.length === 1 ? matches[0] : undefined;
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
  const bearer = bearerOf;
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

  // One route for both forms, since a file may sit in a folder: /sources/<file>[/<n>]. Any
  // character a file name may hold, a newline included (`.` stops at one).
  const sourcesLimited = rateLimit((options.ratePerMinute ?? 60) * SOURCE_PAGES_PER_QUESTION, "source pages", clientKey);
  app.get("/sources/:path{[\\s\\S]+}", sourcesLimited, (c) => {
    // One build for the whole response: a live swap between reads could mix two.
    const live = service();
    const asked = c.req.param("path");
    const { file: askedFile, last, numbered } = sourcePath(asked);
    const file = indexedName(live, askedFile) ?? askedFile;
    const paragraphsOfFile = file ? live.document(file) : undefined;
    if (paragraphsOfFile && numbered) {
      const p = paragraphsOfFile[Number(last) - 1];
      if (!p) return errorResponse(c, 404, "not_found", `No paragraph ${last} in ${file}`);
      return c.json({
        file: p.file,
        paragraph: p.n,
        line: p.line,
        endLine: p.endLine,
        start: p.start,
        end: p.end,
        text: p.text,
        kind: p.kind,
        ...(p.language ? { language: p.language } : {}),
        hash: p.hash,
        ...(p.page !== undefined ? { page: p.page, pageParagraph: p.pageParagraph } : {}),
      });
    }
    const path = indexedName(live, asked) ?? asked;
    const paragraphs = live.document(path);
    if (!paragraphs) {
      // Name what is missing: the paragraph of a document there is, the document of "<file>/<n>", or the path.
      const missing = paragraphsOfFile ? `No paragraph ${last} in ${file}` : `No document named ${numbered ? file : path}`;
      return errorResponse(c, 404, "not_found", missing);
    }
    const p = Number(c.req.query("p"));
    const page = Number(c.req.query("page"));
    return c.html(
      sourcePage(path, paragraphs, {
        highlight: Number.isInteger(p) ? p : undefined,
        page: Number.isInteger(page) ? page : undefined,
        title: live.title(path),
      }),
    );
  });

  // The original of an indexed PDF, for reading a cited page in the browser's viewer (#page=3).
  // Only PDFs: an original HTML page served from this origin would run its scripts here.
  app.get(`${ORIGINALS_PATH}:path{[\\s\\S]+}`, sourcesLimited, async (c) => {
    const live = service();
    const asked = c.req.param("path");
    const path = indexedName(live, asked) ?? asked;
    const read = options.originals;
    if (!read || documentFormat(path) !== "pdf" || !live.document(path)) return errorResponse(c, 404, "not_found", `No PDF named ${path}`);
    const bytes = await read(live, path);
    if (!bytes) return errorResponse(c, 404, "not_found", `${path} is no longer in the corpus folder`);
    c.header("content-type", "application/pdf");
    c.header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(path.split("/").pop() ?? path)}`);
    c.header("cache-control", "private, max-age=60");
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });

  if (options.discord) {
    const discord = options.discord;
    app.route("/discord/interactions", discord.interactions(service, { ...discord, feedback: discord.feedback ?? options.feedback }));
  }

  const admin: MiddlewareHandler = async (c, next) => {
    if (!options.adminToken || !sameSecret(bearer(c), options.adminToken)) {
      return errorResponse(c, 401, "unauthorized", "Send Authorization: Bearer <ADMIN_TOKEN>");
    }
    await next();
  };

  app.get("/feedback/summary", admin, async (c) =>
    c.json(options.feedback ? await options.feedback.summary() : { answers: 0, votes: 0, up: 0, down: 0 }),
  );

  app.post("/admin/reindex", admin, async (c) => {
    if (!options.reindex) return errorResponse(c, 404, "not_found", "Re-indexing is not available here");
    try {
      return c.json(await options.reindex(c.req.query("force") === "true"));
    } catch (err) {
      // By name: importing the ingest code here would pull Node-only modules into the Worker.
      if (err instanceof Error && err.name === "IngestBusyError") return errorResponse(c, 409, "conflict", err.message);
      // The folder is gone, or holds nothing readable any more: the last build keeps being served.
      if (err instanceof Error && err.name === "NoDocumentsError") return errorResponse(c, 422, "no_documents", `${err.message}\nStill serving the last index.`);
      throw err;
    }
  });

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
    return errorResponse(c, 500, "internal", "Something went wrong on our side; the error is logged.");
  });

  return app;
}
