import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Citation } from "../types.js";

/**
 * Answers shown with 👍/👎 buttons and the votes on them, appended to a JSON-lines file so they
 * survive restarts. Users are recorded only as a salted hash of their id. A vote counts once per
 * user per answer (a later vote replaces an earlier one), and only on an answer that was given.
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
  /** false, and nothing recorded, when no answer with this id was given. */
  recordVote(id: string, vote: "up" | "down", userId: string): Promise<boolean>;
  summary(): Promise<FeedbackSummary>;
}

/**
 * Records an answer so it can be voted on, as a best effort: the id to vote on, or undefined when
 * no store is kept or it cannot write (a full disk, a folder it may not create). A store that
 * fails costs that answer its vote buttons, never the answer itself.
 */
export async function votableAnswerId(feedback: FeedbackStore | undefined, record: Omit<AnswerRecord, "kind" | "time" | "id">): Promise<string | undefined> {
  if (!feedback) return undefined;
  const id = crypto.randomUUID();
  try {
    await feedback.recordAnswer({ id, ...record });
    return id;
  } catch (err) {
    console.error("feedback: the answer could not be recorded, so it gets no vote buttons:", err);
    return undefined;
  }
}

async function hashUser(userId: string, salt: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${salt}:${userId}`));
  return Buffer.from(digest).toString("hex").slice(0, 24);
}

export class FileFeedbackStore implements FeedbackStore {
  /** Appends are chained so concurrent presses never interleave lines. */
  private queue: Promise<void> = Promise.resolve();
  /** Ids of the answers given, read from the file once, then kept up to date. */
  private answerIds: Promise<Set<string>> | null = null;

  constructor(
    private readonly path: string,
    private readonly salt = "cited-answers",
  ) {}

  private append(record: AnswerRecord | VoteRecord): Promise<void> {
    const write = this.queue.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, `${JSON.stringify(record)}\n`);
    });
    // A failed write fails its own caller only: the chain goes on, so the next write (once the
    // disk has room again) lands, where a rejected chain failed every later write and read.
    this.queue = write.catch(() => {});
    return write;
  }

  private knownAnswers(): Promise<Set<string>> {
    this.answerIds ??= this.records().then((records) => new Set(records.filter((r) => r.kind === "answer").map((r) => r.id)));
    return this.answerIds;
  }

  async recordAnswer(record: Omit<AnswerRecord, "kind" | "time">): Promise<void> {
    (await this.knownAnswers()).add(record.id);
    await this.append({ kind: "answer", ...record, time: new Date().toISOString() });
  }

  async recordVote(id: string, vote: "up" | "down", userId: string): Promise<boolean> {
    if (!(await this.knownAnswers()).has(id)) return false;
    await this.append({ kind: "vote", id, vote, user: await hashUser(userId, this.salt), time: new Date().toISOString() });
    return true;
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

  /** Counts each user's last vote on each answer that was given; earlier presses are replaced. */
  async summary(): Promise<FeedbackSummary> {
    const records = await this.records();
    const answers = new Set(records.filter((r) => r.kind === "answer").map((r) => r.id));
    const last = new Map<string, VoteRecord["vote"]>();
    for (const r of records) if (r.kind === "vote" && answers.has(r.id)) last.set(`${r.id}\0${r.user}`, r.vote);
    const votes = [...last.values()];
    return {
      answers: answers.size,
      votes: votes.length,
      up: votes.filter((v) => v === "up").length,
      down: votes.filter((v) => v === "down").length,
    };
  }
}
