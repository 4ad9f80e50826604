import { DEFAULT_K, K_RANGE, MAX_K } from "../answer/depth.js";
import { MAX_HISTORY_ANSWER_CHARS, MAX_HISTORY_TURNS, MAX_QUESTION_CHARS } from "./ask-request.js";

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

/** A 200 whose JSON body follows `schema`. */
const jsonResponse = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });

const errorResponse = (description: string, example?: { code: string; message: string }) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" }, ...(example ? { example: { error: example } } : {}) } },
});

/**
 * Real answers from the seeds corpus (npm run ask -- --json …), trimmed to two citations and
 * shortened related texts so the document stays readable.
 */
const answerExample = {
  answer:
    "According to Japan's Ministry of Foreign Affairs, the proposed budget for fiscal year 2026 will increase OSA funding from 8.1 billion yen in 2025 to 18.1 billion yen, more than doubling the previous level [1]. A 3.1 billion yen diving support vessel for Malaysia [2].",
  abstained: false,
  citations: [
    {
      n: 1,
      file: "002_879a4c8b1310ecd0.txt",
      paragraph: 14,
      line: 22,
      quote:
        "According to Japan's Ministry of Foreign Affairs, the proposed budget for fiscal year 2026 will increase OSA funding from 8.1 billion yen in 2025 to 18.1 billion yen, more than doubling the previous level.",
      score: 0.689,
    },
    { n: 2, file: "001_2f568d795fe33f1c.txt", paragraph: 10, line: 10, quote: "A 3.1 billion yen diving support vessel for Malaysia", score: 0.436 },
  ],
  mode: "extractive",
};

/** A model's probability, as the schemas describe each one. */
const probability = (description: string) => ({ type: "number", minimum: 0, maximum: 1, description });

const refusalExample = {
  answer: "The documents don't say. Nothing in them answers this question closely enough to cite.",
  abstained: true,
  citations: [],
  mode: "extractive",
  related: [
    {
      file: "001_2f568d795fe33f1c.txt",
      paragraph: 6,
      line: 6,
      text: "On paper, the growth is dramatic. In the context of maritime procurement, it is an exceptionally modest sum.",
      score: 0.016,
    },
  ],
};

const askBody = {
  required: true,
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["question"],
        properties: {
          question: { type: "string", minLength: 1, maxLength: MAX_QUESTION_CHARS, description: "Whitespace is normalised before the length is checked" },
          k: { type: "integer", minimum: 1, maximum: MAX_K, default: DEFAULT_K, description: "How many retrieved paragraphs the answer may draw on" },
          history: {
            type: "array",
            maxItems: MAX_HISTORY_TURNS,
            description:
              "The conversation's earlier turns, oldest first. A question that leans on the previous turn (\"How much does it cost?\", \"and in Vietnam?\", \"who said that?\") is completed from that turn's question and the answer says so in `question`; any other question is answered exactly as if sent alone. Lengths are counted after NFKC normalisation; an invalid turn is refused naming its field (\"history[1].question must not be empty\").",
            items: {
              type: "object",
              required: ["question", "answer"],
              properties: {
                question: { type: "string", minLength: 1, maxLength: MAX_QUESTION_CHARS },
                answer: { type: "string", maxLength: MAX_HISTORY_ANSWER_CHARS, description: "The answer given to it (may be empty)" },
              },
            },
          },
        },
      },
      examples: {
        question: { summary: "A question", value: { question: "What does OSA fund in Malaysia?" } },
        withK: { summary: "Drawing on fewer paragraphs", value: { question: "What does OSA fund in Malaysia?", k: 5 } },
        followUp: {
          summary: "A follow-up",
          value: { question: "How much does it cost?", history: [{ question: "What does OSA fund in Malaysia?", answer: "A 3.1 billion yen diving support vessel for Malaysia [1]." }] },
        },
      },
    },
  },
};

const askErrors = {
  "400": errorResponse("Invalid JSON, an invalid field (the message names it: question, k, history[n].question…), or a request that is not valid HTTP", {
    code: "invalid_request",
    message: K_RANGE,
  }),
  "408": errorResponse("The request (headers or body) did not arrive within HEADERS_TIMEOUT_MS / REQUEST_TIMEOUT_MS"),
  "401": errorResponse("API keys are required (API_KEYS) and none or a wrong one was sent"),
  "403": errorResponse("A widget key (WIDGET_KEYS) sent from a page outside its origins"),
  "413": errorResponse("Body over 64 KB"),
  "415": errorResponse("Body is not application/json (bare or with charset=utf-8)"),
  "429": errorResponse("Rate limit reached; see Retry-After", { code: "rate_limited", message: "Too many questions; try again in 12 seconds." }),
};

const bearer = [{ bearer: [] }];

/** The API as OpenAPI 3.1, served at GET /openapi.json. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Cited answers",
    version: "0.1.0",
    description:
      "Answers questions from a folder of documents; every sentence cites a file and paragraph with a verbatim quote. " +
      "Every error has the shape {\"error\": {\"code\", \"message\"}}. A path listed here asked with a method it does not list " +
      "answers 405 method_not_allowed with an Allow header naming the methods it does accept (GET /ask → 405, Allow: POST, OPTIONS).",
  },
  paths: {
    "/ask": {
      post: {
        summary: "Answer a question with citations",
        requestBody: askBody,
        responses: {
          "200": {
            description: "The answer, or an abstention",
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Answer" },
                examples: { answer: { summary: "An answer with its citations", value: answerExample }, refusal: { summary: "An abstention with the closest passages", value: refusalExample } },
              },
            },
          },
          ...askErrors,
          "504": errorResponse("Answering took longer than ANSWER_TIMEOUT_MS"),
        },
      },
    },
    "/ask/stream": {
      post: {
        summary: "The same answer as Server-Sent Events",
        description:
          "Events: `answer` ({delta}) text deltas that join to exactly the answer, then `citations` ({citations, abstained, related, sources}: sources lists each cited paragraph once as {file, paragraph, markers, context}, context being the paragraph around what the answer quotes), then `done` (the whole Answer, plus `id` to vote on with POST /feedback when votes are kept); `error` ({error}) if answering fails mid-stream. With a language model configured (LLM_BASE_URL), `answer` deltas are the model's sentences, each sent once its quotes verified, and `restart` ({}) withdraws the text sent so far when the answer falls back to the extractive one (whose deltas follow). A stream that ends without `done` was cut short.",
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
      get: {
        summary: "The last re-index this server started (by POST /admin/reindex, or at start on a stale index): none, running, finished or failed",
        security: bearer,
        responses: { "200": { description: "Its status", content: { "application/json": { schema: { $ref: "#/components/schemas/ReindexStatus" } } } }, "401": errorResponse("No or wrong ADMIN_TOKEN") },
      },
      post: {
        summary: "Re-ingest the corpus and swap to the new index (?force=true re-embeds everything; ?wait=false answers at once)",
        description:
          "Without `wait=false` the request is held open until the new index is served (a thousand Markdown files: about a minute). With it, the answer is 202 at once, with `Location: /admin/reindex`, where GET says how it went; when this server is already re-indexing, the answer is that one's status (its `force` may differ) and nothing else is started.",
        security: bearer,
        parameters: [
          { name: "force", in: "query", required: false, description: "Re-embed every paragraph, not only what changed", schema: { type: "string", enum: ["true"] } },
          { name: "wait", in: "query", required: false, description: "Answer 202 at once instead of when the new index is served", schema: { type: "string", enum: ["false"] } },
        ],
        responses: {
          "200": { description: "The ingest summary" },
          "202": { description: "Started (or already running here): its status", content: { "application/json": { schema: { $ref: "#/components/schemas/ReindexStatus" } } } },
          "401": errorResponse("No or wrong ADMIN_TOKEN"),
          "409": errorResponse("Another ingest is running (with wait=false: one this server did not start)"),
          "422": errorResponse("The corpus folder is missing or holds no readable document (the message names the files skipped and why); the last index keeps being served (with wait=false, GET reports it)"),
        },
      },
    },
    "/feedback/summary": {
      get: {
        summary: "Counts of answers shown and 👍/👎 votes",
        security: bearer,
        responses: { "200": { description: "Counts" }, "401": errorResponse("No or wrong ADMIN_TOKEN") },
      },
    },
    "/feedback": {
      post: {
        summary: "A 👍/👎 on an answer of /ask/stream (its `done` event's id); a later vote replaces an earlier one",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", required: ["id", "vote"], properties: { id: { type: "string" }, vote: { type: "string", enum: ["up", "down"] } } },
            },
          },
        },
        responses: {
          "200": { description: "The vote recorded" },
          "400": errorResponse("Invalid JSON, a body that is not an object, or an invalid field (the message names it: id, vote)", { code: "invalid_request", message: 'vote must be "up" or "down"' }),
          "404": errorResponse("No answer with this id, or votes are not kept"),
          "413": errorResponse("Body over 64 KB"),
          "415": errorResponse("Body is not application/json (bare or with charset=utf-8)"),
          "429": errorResponse("Vote budget reached (twice RATE_LIMIT_PER_MINUTE, apart from questions); see Retry-After", { code: "rate_limited", message: "Too many votes; try again in 12 seconds." }),
        },
      },
    },
    "/widget/config": {
      get: {
        summary: "What the widget needs first: whether the calling page's origin may ask, and suggested questions (readable from any origin)",
        responses: {
          "200": jsonResponse("OK", {
            type: "object",
            properties: { originAllowed: { type: "boolean" }, origin: { type: ["string", "null"] }, keyRequired: { type: "boolean" }, suggestions: { type: "array", items: { type: "string" } } },
          }),
        },
      },
    },
    "/openapi.json": { get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": {} } } } } },
    "/widget.js": { get: { summary: "The chat widget script", responses: { "200": { description: "JavaScript", content: { "text/javascript": {} } } } } },
    "/health": {
      get: {
        summary: "Service status and the index it serves",
        responses: {
          "200": jsonResponse("OK", {
            type: "object",
            properties: {
              status: { type: "string" },
              documents: { type: "integer" },
              formats: {
                type: "object",
                description: "Documents by format: text, markdown, html, docx, pdf (formats with none left out)",
                additionalProperties: { type: "integer" },
              },
              paragraphs: { type: "integer" },
              embedder: { type: "string", description: "The embedder dense retrieval uses; none when it answers from BM25 alone" },
              retrieval: { type: "string", enum: ["bm25+hnsw", "bm25+exhaustive", "bm25+vectorize", "bm25"] },
              llm: { type: "string", description: "The language model that writes answers (LLM_MODEL); none when answers are extractive only" },
            },
          }),
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
          { name: "whole", in: "query", required: false, description: "With p: that paragraph alone and whole, however long", schema: { type: "string", enum: ["1"] } },
        ],
        responses: { "200": { description: "HTML page", content: { "text/html": {} } }, "404": errorResponse("Unknown file"), "429": errorResponse("Source page budget reached (five times RATE_LIMIT_PER_MINUTE); see Retry-After", { code: "rate_limited", message: "Too many source pages; try again in 12 seconds." }) },
      },
    },
    "/originals/{file}": {
      get: {
        summary: "An indexed PDF itself (application/pdf), for opening a cited page: /originals/report.pdf#page=3. Only PDFs the index holds, read from inside the corpus folder; not on the Worker",
        parameters: [{ name: "file", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "The PDF", content: { "application/pdf": {} } }, "404": errorResponse("Not an indexed PDF"), "429": errorResponse("Rate limit reached") },
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
      ReindexStatus: {
        type: "object",
        required: ["state"],
        description: "Kept in memory: a restarted server says none",
        properties: {
          state: { type: "string", enum: ["none", "running", "finished", "failed"] },
          force: { type: "boolean" },
          started: { type: "string", format: "date-time" },
          ended: { type: "string", format: "date-time", description: "finished or failed" },
          summary: { type: "object", description: "finished: the ingest summary the synchronous form answers with" },
          error: { ...error.properties.error, description: "failed: the code and message the synchronous form answers with (conflict, no_documents, internal)" },
        },
      },
      Citation: {
        type: "object",
        required: ["n", "file", "paragraph", "line", "quote", "score"],
        properties: {
          n: { type: "integer", minimum: 1, description: "The [n] marker in the answer" },
          file: { type: "string" },
          paragraph: { type: "integer", minimum: 1 },
          line: { type: "integer", minimum: 1, description: "First source line of the paragraph (1-based)" },
          quote: { type: "string", description: "Verbatim text of the cited paragraph as a reader sees it (Markdown without its markup); for code, the whole code block" },
          score: probability(
            "The answer model's probability that this sentence answers the question (a logistic model, so 0 to 1, rounded to 3 decimals). Comparable across citations and questions; the answer keeps a sentence only when it is near the best one's. In an answer written by a language model (mode llm), the best such probability among the cited paragraph's sentences",
          ),
          kind: {
            type: "string",
            enum: ["code"],
            description: "Present when the citation is a whole code block: the answer holds that code as a fenced block (```lang, the code, ```) followed by this citation's [n] on its own line",
          },
          language: { type: "string", description: "The cited code's language, when its fence names one" },
          page: { type: "integer", description: "PDF only: the page the paragraph is on (1-based)" },
          pageParagraph: { type: "integer", description: "PDF only: the paragraph's number on its page, as in `report.pdf p. 3 ¶2`; `paragraph` stays its number in the whole document" },
        },
      },
      Answer: {
        type: "object",
        required: ["answer", "abstained", "citations", "mode"],
        properties: {
          answer: {
            type: "string",
            description:
              "Every sentence ends with its [n] marker. A cited code block appears as a fenced block (a blank line before it, ```lang, the code verbatim, ```), its [n] on the next line",
          },
          abstained: { type: "boolean" },
          citations: { type: "array", items: { $ref: "#/components/schemas/Citation" } },
          mode: {
            type: "string",
            enum: ["llm", "extractive"],
            description:
              "How the answer was made: llm when a language model wrote it (every quote still verified verbatim against its paragraph; sentences whose quotes did not verify were dropped), extractive when it is the documents' own sentences. Refusals are always extractive: the model is never asked about a question the documents don't cover",
          },
          related: {
            type: "array",
            maxItems: 3,
            items: { $ref: "#/components/schemas/RelatedPassage" },
            description: "Only when abstained: the closest passages retrieval found, best first; bare labels (headings, one- or two-word lines) are left out",
          },
          question: {
            type: "string",
            description: "Present only when the question was read as a follow-up of `history`: the standalone question that was answered (the question completed from the previous turn)",
          },
        },
      },
      RelatedPassage: {
        type: "object",
        required: ["file", "paragraph", "line", "text", "score"],
        properties: {
          file: { type: "string" },
          paragraph: { type: "integer", minimum: 1 },
          line: { type: "integer", minimum: 1, description: "First source line (1-based)" },
          text: { type: "string", description: "The whole paragraph as a reader sees it" },
          score: probability(
            "Retrieval's paragraph ranker: its probability that this paragraph answers the question, rounded to 3 decimals. Orders the passages; whether the question is answered at all is the answerability model's call",
          ),
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
          page: { type: "integer", description: "PDF only: the page the paragraph is on" },
          pageParagraph: { type: "integer", description: "PDF only: the paragraph's number on its page" },
        },
      },
    },
  },
} as const;
