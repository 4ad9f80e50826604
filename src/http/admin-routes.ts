import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { AppOptions } from "./app.js";
import { INTERNAL_ERROR_MESSAGE, errorResponse } from "./errors.js";
import { sameSecret } from "./same-secret.js";
import { bearerOf } from "./widget-keys.js";

/** The last re-index a server started, as GET /admin/reindex reports it (times in ISO 8601). */
export type ReindexStatus =
  | { state: "none" }
  | { state: "running"; force: boolean; started: string }
  | { state: "finished"; force: boolean; started: string; ended: string; summary: unknown }
  | { state: "failed"; force: boolean; started: string; ended: string; error: unknown };

/** Re-indexing, where there is a disk to ingest into (Node: src/reindexing.ts); the Worker has none. */
export interface Reindexer {
  /** Re-ingests and swaps to the new build; resolves with the ingest's summary. */
  run(force: boolean): Promise<unknown>;
  /**
   * Starts one and returns without waiting for it; rejects with IngestBusyError, having started
   * nothing, when an ingest other than this server's holds the index. One already running here
   * is left running.
   */
  start(force: boolean): Promise<void>;
  status(): ReindexStatus;
}

/** The operator's endpoints, behind ADMIN_TOKEN: the feedback summary and re-indexing. */
export function adminRoutes(options: Pick<AppOptions, "adminToken" | "feedback" | "reindex">): Hono {
  const routes = new Hono();
  const admin: MiddlewareHandler = async (c, next) => {
    if (!options.adminToken || !sameSecret(bearerOf(c), options.adminToken)) {
      return errorResponse(c, 401, "unauthorized", "Send Authorization: Bearer <ADMIN_TOKEN>");
    }
    await next();
  };

  routes.get("/feedback/summary", admin, async (c) =>
    c.json(options.feedback ? await options.feedback.summary() : { answers: 0, votes: 0, up: 0, down: 0 }),
  );

  routes.post("/admin/reindex", admin, async (c) => {
    const reindexer = options.reindex;
    if (!reindexer) return notHere(c);
    const force = c.req.query("force") === "true";
    try {
      if (c.req.query("wait") !== "false") return c.json(await reindexer.run(force));
      // An ingest of a thousand files takes a minute; a webhook or a proxy gives up long before
      // (GitHub's after 10 s). Such a caller polls GET /admin/reindex for the outcome instead.
      await reindexer.start(force);
      c.header("location", "/admin/reindex");
      return c.json(shown(reindexer.status()), 202);
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      return errorResponse(c, refusal.status, refusal.code, refusal.message);
    }
  });

  routes.get("/admin/reindex", admin, (c) => (options.reindex ? c.json(shown(options.reindex.status())) : notHere(c)));
  return routes;
}

const notHere = (c: Context) => errorResponse(c, 404, "not_found", "Re-indexing is not available here");

/** A re-index's failure as POST /admin/reindex answers it; undefined for one that is ours to log (500). */
function refusalOf(err: unknown) {
  // By name: importing the ingest code here would pull Node-only modules into the Worker.
  if (err instanceof Error && err.name === "IngestBusyError") return { status: 409, code: "conflict", message: err.message } as const;
  // The folder is gone, or holds nothing readable any more: the last build keeps being served.
  if (err instanceof Error && err.name === "NoDocumentsError") return { status: 422, code: "no_documents", message: `${err.message}\nStill serving the last index.` } as const;
  return undefined;
}

/** A status with its failure's code and message, those the synchronous form would have answered with. */
function shown(status: ReindexStatus) {
  if (status.state !== "failed") return status;
  const { code, message } = refusalOf(status.error) ?? { code: "internal", message: INTERNAL_ERROR_MESSAGE };
  return { ...status, error: { code, message } };
}
