import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type AppOptions, createApp } from "../../src/http/app.js";
import type { AskService } from "../../src/service.js";
import { atFileEnd, closeServer } from "./file-end.js";

/** The real HTTP app on a real loopback port; closed after the test file. */
export async function startServer(service: AskService, options: AppOptions = {}): Promise<string> {
  const app = createApp(() => service, options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  atFileEnd(() => closeServer(server as Server));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
