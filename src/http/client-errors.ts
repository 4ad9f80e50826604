import type { RequestListener } from "node:http";
import type { Socket } from "node:net";
import { RequestError, getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ErrorCode, INTERNAL_ERROR_MESSAGE, errorResponse } from "./errors.js";
import { pageHeaders } from "./security-headers.js";

/**
 * Errors Node's HTTP parser raises before a request reaches the app (a bad Content-Length, both
 * Content-Length and Transfer-Encoding, a bad chunk, headers too large, a client too slow)
 * answered with the same {"error":{"code","message"}} body as every other error, instead of
 * Node's empty default.
 */
const ANSWERS: Record<string, { status: number; reason: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: "Request Header Fields Too Large", code: "headers_too_large", message: "The request headers are over 16 KB" },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: "Request Timeout", code: "request_timeout", message: "The request did not arrive in time" },
};
const BAD_REQUEST = { status: 400, reason: "Bad Request", code: "bad_request", message: "The request is not valid HTTP" };

function rawResponse(status: number, reason: string, code: string, message: string): string {
  const body = JSON.stringify({ error: { code, message } });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // A client that went away (ECONNRESET) is not an error of ours and has no one to answer.
  const response = (socket as Socket & { _httpMessage?: { headersSent: boolean } })._httpMessage;
  if (err.code !== "ECONNRESET" && socket.writable && !response?.headersSent) {
    const { status, reason, code, message } = ANSWERS[err.code ?? ""] ?? BAD_REQUEST;
    socket.end(rawResponse(status, reason, code, message));
    // end() flushes, then closes; a client that never reads must not hold the socket open.
    setTimeout(() => socket.destroy(), 1_000).unref();
    return;
  }
  socket.destroy();
}

/** What errorOutsideApp answers, handed to its little app as the request's env. */
interface OutsideAppError {
  status: ContentfulStatusCode;
  code: ErrorCode;
  message: string;
}

const outsideApp = new Hono<{ Bindings: OutsideAppError }>()
  .use(pageHeaders)
  .all("*", (c) => errorResponse(c, c.env.status, c.env.code, c.env.message));

/** The app's error response, its body and headers, for a request that never reached the app. */
async function errorOutsideApp(error: OutsideAppError): Promise<Response> {
  return outsideApp.fetch(new Request("http://localhost/"), error);
}

/**
 * @hono/node-server's errorHandler. A request it cannot make a fetch Request of (a RequestError:
 * a Host header that is not a host, a backslash in the path, no Host) gets the 400 bad_request
 * every other bad request gets, instead of the adapter's empty 400. Anything else failed outside
 * the app, which answers its own errors (app.onError): logged, and a 500 as the app's.
 */
export function answerRequestError(err: unknown): Promise<Response> {
  if (err instanceof RequestError) return errorOutsideApp({ status: 400, code: "bad_request", message: `${BAD_REQUEST.message}: ${err.message}` });
  console.error("A request failed before reaching the app:", err);
  return errorOutsideApp({ status: 500, code: "internal", message: INTERNAL_ERROR_MESSAGE });
}

/**
 * The app as Node's request listener, its unreadable requests answered by answerRequestError
 * (serve() has no errorHandler option; getRequestListener has). Node itself would answer an
 * HTTP/1.1 request without Host with an empty 400, so the server is made with requireHostHeader
 * off and the adapter refuses it instead; HTTP/1.0 has no Host to require, and is served as
 * `host`, as serve() did.
 */
export function requestListener(fetch: Parameters<typeof getRequestListener>[0], host: string): RequestListener {
  const needingHost = getRequestListener(fetch, { errorHandler: answerRequestError });
  const http10 = getRequestListener(fetch, { hostname: host, errorHandler: answerRequestError });
  return (incoming, outgoing) => void (incoming.httpVersion === "1.0" ? http10 : needingHost)(incoming, outgoing);
}
