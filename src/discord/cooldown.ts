import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/** Per-user question budget (default 5 per 60 s); says how long to wait when it is spent. */
export class Cooldown {
  private readonly limiter: RateLimiterMemory;

  constructor(points = 5, seconds = 60) {
    this.limiter = new RateLimiterMemory({ points, duration: seconds });
  }

  /** null when the user may ask now; otherwise the seconds until they may. */
  async take(userId: string): Promise<number | null> {
    try {
      await this.limiter.consume(userId);
      return null;
    } catch (res) {
      if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw res;
    }
  }
}

export function cooldownMessage(seconds: number): string {
  return `You're asking quickly — please wait ${seconds} second${seconds === 1 ? "" : "s"} before the next question.`;
}
