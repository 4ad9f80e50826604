import { HTTPException } from "hono/http-exception";

/**
 * The answer, or a 504 HTTPException once `ms` have passed. Only the answering is timed, never
 * the reading of the body: a slow body is the client's doing and gets the server's 408.
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  const tooLong = () => new HTTPException(504, { message: "Answering took too long" });
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(tooLong()), ms);
  });
  // The timer fires only when the event loop is free: an answer whose last stretch of work (the
  // features of every unit, say) ran past the deadline without yielding resolves before it, and
  // was sent as if in time. Checked here as well.
  const inTime = work.then((value) => {
    if (performance.now() - started >= ms) throw tooLong();
    return value;
  });
  return Promise.race([inTime, expired]).finally(() => clearTimeout(timer));
}

/** Whether an error only says the client went away mid-request (nothing to log, no one to answer). */
export function isClientGone(err: unknown, request?: Request): boolean {
  if (request?.signal?.aborted) return true;
  const e = err as { code?: string; message?: string } | null;
  return e?.code === "ECONNRESET" || e?.code === "ERR_STREAM_PREMATURE_CLOSE" || e?.message === "aborted";
}
