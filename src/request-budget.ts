import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * A budget of requests per key (a client, a Discord user) over a window: `take` spends one, or
 * says how many seconds until one is free. Behind the HTTP rate limits and Discord's cooldown.
 */
export class RequestBudget {
  private readonly limiter: RateLimiterMemory;

  constructor(points: number, seconds: number) {
    this.limiter = new RateLimiterMemory({ points, duration: seconds });
  }

  /** null when `key` may go ahead now; otherwise the whole seconds until it may. */
  async take(key: string): Promise<number | null> {
    try {
      await this.limiter.consume(key);
      return null;
    } catch (res) {
      if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw res;
    }
  }
}
