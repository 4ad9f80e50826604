import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Citation } from "../types.js";

/**
 * Answers shown with 👍/👎 buttons and the votes on them, appended to a JSON-lines file so they
 * survive restarts. Users are recorded only as a salted hash of their id.
 */
export interface AnswerRecord {
  kind: "answer";
  id: string;
  question: string;
  answer: string;
  citations: Citation[];
  time: string;
}

export interface VoteRecord {
  kind: "vote";
  id: string;
  vote: "up" | "down";
  user: string;
  time: string;
}

export interface FeedbackSummary {
  answers: number;
  votes: number;
  up: number;
  down: number;
}

export interface FeedbackStore {
  recordAnswer(record: Omit<AnswerRecord, "kind" | "time">): Promise<void>;
  recordVote(id: string, vote: "up" | "down", userId: string): Promise<void>;
  summary(): Promise<FeedbackSummary>;
}

async function hashUser(userId: string, salt: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${salt}:${userId}`));
  return Buffer.from(digest).toString("hex").slice(0, 24);
}

export class FileFeedbackStore implements FeedbackStore {
  /** Appends are chained so concurrent presses never interleave lines. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly salt = "cited-answers",
  ) {}

  private append(record: AnswerRecord | VoteRecord): Promise<void> {
    this.queue = this.queue.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, `${JSON.stringify(record)}\n`);
    });
    return this.queue;
  }

  recordAnswer(record: Omit<AnswerRecord, "kind" | "time">): Promise<void> {
    return this.append({ kind: "answer", ...record, time: new Date().toISOString() });
  }

  async recordVote(id: string, vote: "up" | "down", userId: string): Promise<void> {
    await this.append({ kind: "vote", id, vote, user: await hashUser(userId, this.salt), time: new Date().toISOString() });
  }

  async records(): Promise<(AnswerRecord | VoteRecord)[]> {
    await this.queue;
    const text = await readFile(this.path, "utf8").catch(() => "");
    return text
      .split("\n")
      .filter(Boolean)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as AnswerRecord | VoteRecord];
        } catch {
          return []; // a torn last line after a crash is skipped, not fatal
        }
      });
  }

  async summary(): Promise<FeedbackSummary> {
    const records = await this.records();
    const votes = records.filter((r): r is VoteRecord => r.kind === "vote");
    return {
      answers: records.filter((r) => r.kind === "answer").length,
      votes: votes.length,
      up: votes.filter((v) => v.vote === "up").length,
      down: votes.filter((v) => v.vote === "down").length,
    };
  }
}
