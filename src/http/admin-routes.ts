import { Hono, type MiddlewareHandler } from "hono";
import type { AppOptions } from "./app.js";
import { errorResponse } from "./errors.js";
import { sameSecret } from "./same-secret.js";
import { bearerOf } from "./widget-keys.js";

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
  return routes;
}
