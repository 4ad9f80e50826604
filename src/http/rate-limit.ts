import type { Context, MiddlewareHandler } from "hono";
import { RequestBudget } from "../request-budget.js";
import { errorResponse } from "./errors.js";
import { counted } from "../text/plural.js";

/**
 * Per-client request budget: 429 with Retry-After when spent. `what` names what is counted
 * ("questions", "source pages", "votes"), for the message: a reader refused a page was not asking.
 */
export function rateLimit(perMinute: number, what: string, clientKey: (c: Context) => string): MiddlewareHandler {
  const budget = new RequestBudget(perMinute, 60);
  return async (c, next) => {
    const seconds = await budget.take(clientKey(c));
    if (seconds !== null) {
      c.header("Retry-After", String(seconds));
      return errorResponse(c, 429, "rate_limited", `Too many ${what}; try again in ${counted(seconds, "second")}.`);
    }
    await next();
  };
}
