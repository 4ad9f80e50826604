import { describe, expect, it } from "vitest";
import { createApp } from "../src/http/app.js";
import { servingSettingsFrom } from "../src/serving-settings.js";
import { seedService } from "./support/seed-index.js";

describe("the variables Node and the Worker share (src/serving-settings.ts)", () => {
  it("reads a Worker's TOML numbers and booleans as the text process.env would hold", () => {
    // wrangler.toml: DISCORD_ASK_IN_THREAD = true, RATE_LIMIT_PER_MINUTE = 120 arrive typed, not as strings.
    const settings = servingSettingsFrom({ DISCORD_ASK_IN_THREAD: true, RATE_LIMIT_PER_MINUTE: 120, ANSWER_TIMEOUT_MS: 5000 });
    expect(settings.discord.threadByDefault).toBe(true);
    expect(settings.ratePerMinute).toBe(120);
    expect(settings.answerTimeoutMs).toBe(5000);
  });

  it("takes an allowed origin written with its trailing slash as the origin a browser sends", () => {
    expect(servingSettingsFrom({ ALLOWED_ORIGINS: "https://docs.example.com/, https://b.example" }).allowedOrigins).toEqual(["https://docs.example.com", "https://b.example"]);
  });

  it("names every malformed variable at once", () => {
    expect(() => servingSettingsFrom({ COOLDOWN_SECONDS: "soon", DISCORD_ASK_IN_THREAD: "yes" })).toThrow(
      /^Invalid configuration: DISCORD_ASK_IN_THREAD: .*; COOLDOWN_SECONDS: |^Invalid configuration: COOLDOWN_SECONDS: .*; DISCORD_ASK_IN_THREAD: /,
    );
  });
});

describe("POST /feedback where votes are not kept (the Worker)", () => {
  it("says so before reading the body", async () => {
    const service = await seedService();
    const app = createApp(() => service, {});
    const response = await app.request("/feedback", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toBe("Votes are not kept here");
  });
});
