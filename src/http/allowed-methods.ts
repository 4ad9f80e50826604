import type { Hono } from "hono";
import { RegExpRouter } from "hono/router/reg-exp-router";
import { SmartRouter } from "hono/router/smart-router";
import { TrieRouter } from "hono/router/trie-router";

/**
 * The router `new Hono()` builds (hono/dist/hono.js), so a path is known here exactly when the
 * app's own router would match it: a trailing slash is another path (`/ask/` is not `/ask`), as it
 * is for the app (strict by default), not an optional one.
 */
const appRouter = () => new SmartRouter<string>({ routers: [new RegExpRouter(), new TrieRouter()] });

/**
 * The methods an app serves at a path, read from its own routes, so a known path asked with
 * another method can answer 405 with an `Allow` header (RFC 9110 §15.5.6) instead of 404.
 * Middleware (method ALL) is not a route. GET routes answer HEAD too (Hono serves HEAD as GET);
 * `preflight` paths answer OPTIONS (CORS preflight).
 */
export function allowedMethods(app: Hono, preflight: readonly string[] = []): (path: string) => string[] {
  let router: SmartRouter<string> | undefined;
  let routeCount = -1;
  return (path) => {
    // Built on first use, after every route is registered (and rebuilt if routes were added since).
    if (!router || routeCount !== app.routes.length) {
      router = appRouter();
      for (const route of app.routes) if (route.method !== "ALL") router.add("ALL", route.path, route.method);
      routeCount = app.routes.length;
    }
    const methods = new Set(router.match("GET", path)[0].map(([method]) => method));
    if (methods.has("GET")) methods.add("HEAD");
    if (methods.size && preflight.includes(path)) methods.add("OPTIONS");
    const order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    return [...methods].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  };
}
