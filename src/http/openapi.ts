import { MAX_QUESTION_CHARS } from "./ask-request.js";

const error = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" } },
    },
  },
};

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

const askBody = {
  required: true,
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["question"],
        properties: {
          question: { type: "string", minLength: 1, maxLength: MAX_QUESTION_CHARS },
          k: { type: "integer", minimum: 1, maximum: 20, description: "How many retrieved paragraphs the answer may draw on (default 10)" },
        },
      },
    },
  },
};

const askErrors = {
  "400": errorResponse("Invalid JSON, an invalid question, or a request that is not valid HTTP"),
  "408": errorResponse("The request (headers or body) did not arrive within HEADERS_TIMEOUT_MS / REQUEST_TIMEOUT_MS"),
  "401": errorResponse("API keys are required (API_KEYS) and none or a wrong one was sent"),
  "413": errorResponse("Body over 64 KB"),
  "415": errorResponse("Body is not application/json (bare or with charset=utf-8)"),
  "429": errorResponse("Rate limit reached; see Retry-After"),
};

const bearer = [{ bearer: [] }];

/** The API as OpenAPI 3.1, served at GET /openapi.json. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Cited answers",
    version: "0.1.0",
    description: "Answers questions from a folder of documents; every sentence cites a file and paragraph with a verbatim quote.",
  },
  paths: {
    "/ask": {
      post: {
        summary: "Answer a question with citations",
        requestBody: askBody,
        responses: {
          "200": { description: "The answer, or an abstention", content: { "application/json": { schema: { $ref: "#/components/schemas/Answer" } } } },
          ...askErrors,
          "504": errorResponse("Answering took longer than ANSWER_TIMEOUT_MS"),
        },
      },
    },
    "/ask/stream": {
      post: {
        summary: "The same answer as Server-Sent Events",
        description: "Events: `answer` ({delta}) text deltas, then `citations` ({citations, abstained, related}), then `done` (the whole Answer); `error` ({error}) if answering fails mid-stream.",
        requestBody: askBody,
        responses: { "200": { description: "An event stream", content: { "text/event-stream": {} } }, ...askErrors },
      },
    },
    "/discord/interactions": {
      post: {
        summary: "Discord HTTP interactions (PING, /ask, feedback buttons)",
        description: "Verified with X-Signature-Ed25519 / X-Signature-Timestamp against DISCORD_PUBLIC_KEY.",
        responses: { "200": { description: "An interaction response" }, "401": errorResponse("Bad or missing signature") },
      },
    },
    "/admin/reindex": {
      post: {
        summary: "Re-ingest the corpus and swap to the new index (?force=true re-embeds everything)",
        security: bearer,
        responses: { "200": { description: "The ingest summary" }, "401": errorResponse("No or wrong ADMIN_TOKEN"), "409": errorResponse("Another ingest is running") },
      },
    },
    "/feedback/summary": {
      get: {
        summary: "Counts of answers shown and 👍/👎 votes",
        security: bearer,
        responses: { "200": { description: "Counts" }, "401": errorResponse("No or wrong ADMIN_TOKEN") },
      },
    },
    "/widget.js": { get: { summary: "The chat widget script", responses: { "200": { description: "JavaScript", content: { "text/javascript": {} } } } } },
    "/health": {
      get: {
        summary: "Service status and the index it serves",
        responses: {
          "200": {
            description: "OK",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    status: { type: "string" },
                    documents: { type: "integer" },
                    paragraphs: { type: "integer" },
                    embedder: { type: "string", description: "The embedder dense retrieval uses; none when it answers from BM25 alone" },
                    retrieval: { type: "string", enum: ["bm25+hnsw", "bm25+exhaustive", "bm25+vectorize", "bm25"] },
                  },
                },
              },
            },
          },
        },
      },
    },
    "/sources/{file}": {
      get: {
        summary: "A document as HTML, 200 paragraphs a page, paragraphs anchored #pN; ?p=N highlights one and shows its page",
        parameters: [
          { name: "file", in: "path", required: true, schema: { type: "string" } },
          { name: "p", in: "query", required: false, schema: { type: "integer" } },
          { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1 } },
        ],
        responses: { "200": { description: "HTML page", content: { "text/html": {} } }, "404": errorResponse("Unknown file"), "429": errorResponse("Rate limit reached") },
      },
    },
    "/sources/{file}/{n}": {
      get: {
        summary: "One paragraph as JSON",
        parameters: [
          { name: "file", in: "path", required: true, schema: { type: "string" } },
          { name: "n", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
        ],
        responses: {
          "200": { description: "The paragraph", content: { "application/json": { schema: { $ref: "#/components/schemas/Paragraph" } } } },
          "404": errorResponse("Unknown file or paragraph"),
        },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Error: error,
      Citation: {
        type: "object",
        required: ["n", "file", "paragraph", "line", "quote", "score"],
        properties: {
          n: { type: "integer" },
          file: { type: "string" },
          paragraph: { type: "integer" },
          line: { type: "integer" },
          quote: { type: "string", description: "Verbatim text of the cited paragraph as a reader sees it (Markdown without its markup); for code, the whole code block" },
          score: { type: "number" },
          kind: {
            type: "string",
            enum: ["code"],
            description: "Present when the citation is a whole code block: the answer holds that code as a fenced block (```lang, the code, ```) followed by this citation's [n] on its own line",
          },
          language: { type: "string", description: "The cited code's language, when its fence names one" },
        },
      },
      Answer: {
        type: "object",
        required: ["answer", "abstained", "citations"],
        properties: {
          answer: {
            type: "string",
            description:
              "Every sentence ends with its [n] marker. A cited code block appears as a fenced block (a blank line before it, ```lang, the code verbatim, ```), its [n] on the next line",
          },
          abstained: { type: "boolean" },
          citations: { type: "array", items: { $ref: "#/components/schemas/Citation" } },
          related: { type: "array", items: { type: "object" } },
        },
      },
      Paragraph: {
        type: "object",
        properties: {
          file: { type: "string" },
          paragraph: { type: "integer" },
          line: { type: "integer", description: "First source line (1-based)" },
          endLine: { type: "integer", description: "Last source line (1-based, inclusive)" },
          start: { type: "integer", description: "Character offset where the block's source starts" },
          end: { type: "integer", description: "Character offset where the block's source ends" },
          text: { type: "string", description: "What a reader sees: plain text as written; Markdown without its markup; code as is" },
          kind: { type: "string", enum: ["prose", "heading", "list-item", "table-row", "table-rule", "figure", "code"] },
          language: { type: "string", description: "A code block's language, when known" },
          hash: { type: "string" },
        },
      },
    },
  },
} as const;
