import { HTTPException } from "hono/http-exception";

/**
 * The answer, or a 504 HTTPException once `ms` have passed. Only the answering is timed, never
 * the reading of the body: a slow body is the client's doing and gets the server's 408.
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HTTPException(504, { message: "Answering took too long" })), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** Whether an error only says the client went away mid-request (nothing to log, no one to answer). */
export function isClientGone(err: unknown, request?: Request): boolean {
  if (request?.signal?.aborted) return true;
  const e = err as { code?: string; message?: string } | null;
  return e?.code === "ECONNRESET" || e?.code === "ERR_STREAM_PREMATURE_CLOSE" || e?.message === "aborted";
}
