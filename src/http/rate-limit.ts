import type { Context, MiddlewareHandler } from "hono";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { errorResponse } from "./errors.js";
import { counted } from "../text/plural.js";

/**
 * Per-client request budget: 429 with Retry-After when spent. `what` names what is counted
 * ("questions", "source pages", "votes"), for the message: a reader refused a page was not asking.
 */
export function rateLimit(perMinute: number, what: string, clientKey: (c: Context) => string): MiddlewareHandler {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return async (c, next) => {
    try {
      await limiter.consume(clientKey(c));
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      c.header("Retry-After", String(seconds));
      return errorResponse(c, 429, "rate_limited", `Too many ${what}; try again in ${counted(seconds, "second")}.`);
    }
    await next();
  };
}
