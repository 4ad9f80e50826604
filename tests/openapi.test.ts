import { readFile } from "node:fs/promises";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { RequestBudget } from "../src/request-budget.js";
import { discordInteractions } from "../src/discord/interactions.js";
import { CANONICAL, CANONICAL_FILE, seedService } from "./support/seed-index.js";
import { startServer } from "./support/http-server.js";

type Json = Record<string, any>;
let base: string;
let spec: Json;
/** The document with every $ref resolved, as the validator reads it. */
let resolved: Json;

beforeAll(async () => {
  base = await startServer(await seedService(), {
    discord: { publicKey: "00".repeat(32), apiBase: "http://127.0.0.1:9/api/v10", deferAfterMs: 2000, cooldown: new RequestBudget(5, 60), interactions: discordInteractions },
    reindex: { run: async () => ({}), start: async () => {}, status: () => ({ state: "none" }) },
  });
  spec = await (await fetch(`${base}/openapi.json`)).json();
  const validator = new Validator();
  await validator.validate(structuredClone(spec));
  resolved = validator.resolveRefs() as Json;
});

const ajv = new Ajv2020({ strict: false, allErrors: true });
const schemaAt = (path: string, method: string, status: string) => resolved.paths[path][method].responses[status].content["application/json"].schema;

const ask = (body: unknown) => fetch(`${base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("GET /openapi.json", () => {
  it("is a valid OpenAPI 3.1 document by a maintained validator", async () => {
    const result = await new Validator().validate(structuredClone(spec));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(spec.openapi).toBe("3.1.0");
  });

  it("types related passages and gives the score ranges", () => {
    const { Answer, RelatedPassage, Citation } = spec.components.schemas;
    expect(Answer.properties.related.items).toEqual({ $ref: "#/components/schemas/RelatedPassage" });
    expect(RelatedPassage.required).toEqual(["file", "paragraph", "line", "text", "score"]);
    expect(Citation.properties.score).toMatchObject({ minimum: 0, maximum: 1, description: expect.stringMatching(/probability/) });
    expect(RelatedPassage.properties.score).toMatchObject({ minimum: 0, maximum: 1, description: expect.stringMatching(/paragraph ranker/) });
  });

  it("has examples that match their own schemas", () => {
    const body = resolved.paths["/ask"].post.requestBody.content["application/json"];
    const answers = resolved.paths["/ask"].post.responses["200"].content["application/json"];
    const checks: [Json, Json][] = [
      ...Object.values(body.examples as Json).map((e) => [body.schema, e.value] as [Json, Json]),
      ...Object.values(answers.examples as Json).map((e) => [answers.schema, e.value] as [Json, Json]),
      [schemaAt("/ask", "post", "400"), resolved.paths["/ask"].post.responses["400"].content["application/json"].example],
    ];
    expect(checks.length).toBeGreaterThanOrEqual(5);
    for (const [schema, value] of checks) expect(ajv.validate(schema, value), JSON.stringify(ajv.errors)).toBe(true);
  });

  it("describes what /ask really answers, every score within its documented range, on the seeds question sets", async () => {
    const validate = ajv.compile(schemaAt("/ask", "post", "200"));
    const questions = [
      ...(JSON.parse(await readFile("datasets/seeds/dev.json", "utf8")) as { question: string }[]),
      ...(JSON.parse(await readFile("tests/questions.json", "utf8")) as { question: string }[]),
    ].map((q) => q.question);
    let related = 0;
    for (const question of questions) {
      const answer = await (await ask({ question })).json();
      expect(validate(answer), `${question}: ${JSON.stringify(validate.errors)}`).toBe(true);
      related += answer.related?.length ?? 0;
    }
    expect(related).toBeGreaterThan(0); // refusals were among them, so related passages were checked too
  }, 120_000);
});

describe("validation errors name the field", () => {
  it.each([
    [{}, "question"],
    [{ question: 42 }, "question"],
    [{ question: "  " }, "question"],
    [{ question: "x".repeat(2001) }, "question"],
    [{ question: CANONICAL, k: 0 }, "k"],
    [{ question: CANONICAL, k: 21 }, "k"],
    [{ question: CANONICAL, k: 2.5 }, "k"],
    [{ question: CANONICAL, k: "5" }, "k"],
    [{ question: CANONICAL, k: null }, "k"],
  ])("%j → a message about %s", async (body, field) => {
    const response = await ask(body);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.message).toMatch(new RegExp(`^${field}\\b`));
  });

  it("says what k must be", async () => {
    expect((await (await ask({ question: CANONICAL, k: 50 })).json()).error.message).toBe("k must be a whole number from 1 to 20");
  });
});

describe("wrong methods", () => {
  it("answers GET /ask with 405 and Allow", async () => {
    const response = await fetch(`${base}/ask`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, OPTIONS");
    expect(await response.json()).toEqual({ error: { code: "method_not_allowed", message: "/ask accepts POST, OPTIONS, not GET" } });
  });

  it("answers 405 with the documented methods in Allow on every documented path", async () => {
    const example = (path: string) => path.replace("{file}", CANONICAL_FILE).replace("{n}", "10");
    const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    const paths = Object.keys(spec.paths);
    expect(paths.length).toBeGreaterThanOrEqual(9);
    for (const path of paths) {
      const documented = Object.keys(spec.paths[path]).map((m) => m.toUpperCase());
      for (const method of methods.filter((m) => !documented.includes(m))) {
        const response = await fetch(`${base}${example(path)}`, { method });
        expect(response.status, `${method} ${path}`).toBe(405);
        const allow = response.headers.get("allow")!.split(", ");
        expect(allow.filter((m) => m !== "HEAD" && m !== "OPTIONS"), `${method} ${path}`).toEqual(documented);
      }
    }
  });

  it("answers 404, not 405, for a documented path with a trailing slash, as the app's router does not match it", async () => {
    const paths = ["/ask/", "/ask/stream/", "/health/", "/openapi.json/", "/widget/config/", "/widget.js/", "/feedback/", "/feedback/summary/"];
    for (const path of paths) {
      for (const method of ["GET", "POST"]) {
        const response = await fetch(`${base}${path}`, { method, headers: { "content-type": "application/json" }, ...(method === "POST" ? { body: '{"question":"x"}' } : {}) });
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(response.headers.get("allow"), `${method} ${path}`).toBeNull();
        expect((await response.json()).error.code, `${method} ${path}`).toBe("not_found");
      }
    }
  });

  it("still answers 404 for a path that does not exist, whatever the method", async () => {
    for (const method of ["GET", "POST"]) {
      const response = await fetch(`${base}/no-such-route`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get("allow")).toBeNull();
    }
  });
});
