import { ModelFailure } from "./chat-model.js";

/** The HTTP status a client error carries (the openai SDK's APIError and LangChain's wrappers keep it). */
function statusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** Any error from a model call as a ModelFailure: timed out, an HTTP status, or unreachable. */
export function modelFailureOf(err: unknown, timedOut: boolean, timeoutMs: number): ModelFailure {
  if (err instanceof ModelFailure) return err;
  if (timedOut) return new ModelFailure("timeout", `the model did not finish within LLM_TIMEOUT_MS (${timeoutMs} ms)`);
  const status = statusOf(err);
  if (status !== undefined) return new ModelFailure("http", `the model's server answered HTTP ${status}`, status);
  return new ModelFailure("unreachable", `could not reach the model's server (${(err as Error)?.name ?? "error"})`);
}

/** Server errors may pass (an overloaded or restarting server); a 4xx will say the same again. */
export const isRetryable = (failure: ModelFailure) => failure.kind === "http" && failure.status !== undefined && failure.status >= 500;
