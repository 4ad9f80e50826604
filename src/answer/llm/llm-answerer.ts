import type { Answerer, AskOptions, AnswerStream, Decision } from "../answer.js";
import type { Answer } from "../../types.js";
import { type ChatModel, type ModelReply, ModelFailure } from "./chat-model.js";
import { CitationNumbering, llmAnswer, sentenceDelta } from "./compose-reply.js";
import { groundedPrompt } from "./prompt.js";
import { LineSplitter, parseReplyLine } from "./reply-format.js";
import { rewriteWithModel } from "./rewrite-follow-up.js";
import { type PromptSource, enoughVerified, verifySentence } from "./verify-reply.js";

export type Log = (line: string) => void;

/**
 * Reply lines read at most. The prompt asks for at most 5 (prompt.ts); a model writing four times
 * that is not answering as asked, and checking every line of a 200,000-line reply held the event
 * loop for 71 s, past both timeouts. Past this the reply is dropped for the extractive answer.
 */
export const MAX_REPLY_LINES = 20;
/**
 * A line longer than this is no sentence with a 3-to-25-word quote (prompt.ts): counted as a line
 * that does not verify, without being checked.
 */
const MAX_LINE_CHARS = 2_000;

/** What became of one reply: its verified sentences and how many lines it had. */
interface ReadReply {
  sentences: string[];
  lines: number;
  notCovered: boolean;
}

/**
 * Answers with a language model on top of the offline answerer, which stays the gate: when it
 * refuses, the model is not called. The model gets the retrieved paragraphs numbered and must
 * quote them; only sentences whose quotes verify reach the user, and when too few do, or the
 * model fails in any way, the answer is the extractive one.
 */
export class LlmAnswerer {
  constructor(
    readonly offline: Answerer,
    readonly model: ChatModel,
    // stderr: `npm run ask -- --json` prints the answer alone on stdout.
    private readonly log: Log = (line) => console.error(line),
  ) {}

  async answer(question: string, options: AskOptions = {}): Promise<Answer> {
    if (options.extractiveOnly) return this.offline.answer(question, options);
    const standalone = await this.standalone(question, options);
    const decision = await this.offline.decide(standalone, options);
    const answer = decision.answer.abstained ? decision.answer : await this.fluent(standalone, decision, options.stream);
    return standalone !== question ? { ...answer, question: standalone } : answer;
  }

  /** A follow-up rewritten by the model; the offline completion when there is no history or the model fails. */
  private async standalone(question: string, options: AskOptions): Promise<string> {
    const history = options.history ?? [];
    const offline = () => this.offline.standalone(question, history).question;
    if (history.length === 0) return question;
    try {
      const { question: rewritten, reply } = await rewriteWithModel(this.model, question, history);
      this.logUsage("rewrite", reply, rewritten ? "rewritten" : "unusable reply, rewritten offline");
      return rewritten ?? offline();
    } catch (err) {
      this.logFailure("rewrite", err);
      return offline();
    }
  }

  private async fluent(question: string, { retrieval, ranked, answer: extractive }: Decision, stream?: AnswerStream): Promise<Answer> {
    // A citation's score is, as in an extractive answer, the answer model's probability: here the
    // best of the cited paragraph's units.
    const key = (p: { file: string; n: number }) => `${p.file}#${p.n}`;
    const best = new Map<string, number>();
    for (const u of ranked) best.set(key(u.paragraph), Math.max(best.get(key(u.paragraph)) ?? 0, u.probability));
    const sources: PromptSource[] = retrieval.candidates.map((c) => ({ paragraph: c.paragraph, score: best.get(key(c.paragraph)) ?? 0 }));
    const numbering = new CitationNumbering();
    const read: ReadReply = { sentences: [], lines: 0, notCovered: false };
    const splitter = new LineSplitter();
    const take = async (lines: string[]) => {
      for (const raw of lines) {
        const line = raw.length > MAX_LINE_CHARS ? "unchecked" : parseReplyLine(raw);
        if (!line) continue;
        if (++read.lines > MAX_REPLY_LINES) {
          throw new ModelFailure("unusable", `the reply ran past ${MAX_REPLY_LINES} lines (the prompt asks for at most 5)`);
        }
        if (line === "unchecked") continue;
        if (line.kind === "not-covered") read.notCovered = true;
        const verified = verifySentence(line, sources);
        if (!verified) continue;
        const sentence = numbering.sentence(verified);
        await stream?.sentence(sentenceDelta(sentence, read.sentences.length));
        read.sentences.push(sentence);
      }
    };
    let reply: ModelReply;
    try {
      reply = await this.model.reply(groundedPrompt(question, sources.map((s) => s.paragraph)), stream && ((piece) => take(splitter.push(piece))));
      await take(stream ? splitter.end() : reply.text.split(/\r?\n/));
    } catch (err) {
      this.logFailure("answer", err);
      if (read.sentences.length) await stream?.restart();
      return extractive;
    }
    const trusted = !read.notCovered && enoughVerified(read.sentences.length, read.lines);
    this.logUsage("answer", reply, `${read.sentences.length}/${read.lines} lines verified, ${trusted ? "answered by the model" : "extractive answer sent"}`);
    if (trusted) return llmAnswer(read.sentences, numbering);
    if (read.sentences.length) await stream?.restart();
    return extractive;
  }

  private logUsage(stage: string, reply: ModelReply, outcome: string): void {
    const u = reply.usage;
    const tokens = u ? `tokens in ${u.input}, out ${u.output}, total ${u.total}` : "tokens not reported";
    this.log(`llm ${stage}: ${this.model.name}, ${tokens}, ${reply.attempts} request${reply.attempts === 1 ? "" : "s"}; ${outcome}`);
  }

  private logFailure(stage: string, err: unknown): void {
    // A ModelFailure's message is ours (no key, no request); anything else is a bug of ours and is named only.
    const why = err instanceof ModelFailure ? err.message : `unexpected ${(err as Error)?.name ?? "error"}`;
    this.log(`llm ${stage}: ${this.model.name} failed (${why}); ${stage === "answer" ? "extractive answer sent" : "rewritten offline"}`);
  }
}
