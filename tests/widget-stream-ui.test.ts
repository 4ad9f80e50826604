import type { Browser, Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildWidgetScript } from "../src/widget/build.js";
import { launchBrowser, until } from "./support/browser.js";
import { type FakeAnswerServer, startFakeAnswerServer } from "./support/fake-answer-server.js";

let browser: Browser;
let fake: FakeAnswerServer;

beforeAll(async () => {
  fake = await startFakeAnswerServer(await buildWidgetScript());
  browser = await launchBrowser();
});

const inWidget = (page: Page, testId: string) => page.locator(`[data-cited-answers] >> [data-testid="${testId}"]`);
const lastAnswer = (page: Page) => inWidget(page, "ask-answer").last();
const state = (answer: Locator) => answer.getAttribute("data-state");
const hasState = (answer: Locator, s: string) => until(async () => (await state(answer)) === s, `the answer to be ${s}`, 20_000);
/** The conversation on screen: each turn's question and its answer's state, in order. */
const conversation = (page: Page) =>
  page.locator("[data-cited-answers] >> .turn").evaluateAll((turns) => turns.map((t) => [t.querySelector(".question")!.textContent, t.querySelector(".answer")!.getAttribute("data-state")]));

async function openPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(fake.url);
  await inWidget(page, "ask-launcher").click();
  return page;
}

async function ask(page: Page, question: string) {
  await inWidget(page, "ask-input").fill(question);
  await inWidget(page, "ask-submit").click();
}

describe("the widget while an answer streams, and when it goes wrong", () => {
  it("shows a typing indicator until text arrives, and Stop aborts the request", async () => {
    const page = await openPage();
    await ask(page, "hang on, what is this?");
    await inWidget(page, "ask-typing").waitFor({ state: "visible" });
    await until(async () => fake.openStreams() === 1, "the stream to be open");
    await inWidget(page, "ask-stop").click();
    // The browser closed the request: the server sees its stream end.
    await until(async () => fake.openStreams() === 0, "the server to see the stream closed", 20_000);
    await hasState(lastAnswer(page), "stopped");
    expect(await inWidget(page, "ask-typing").count()).toBe(0);
    expect(await inWidget(page, "ask-stop").isVisible()).toBe(false);
    expect(await inWidget(page, "ask-submit").isVisible()).toBe(true);
    expect(await inWidget(page, "ask-input").inputValue()).toBe("hang on, what is this?");
    await page.close();
  });

  it("never shows a stopped or cut-short answer as final: marked incomplete, no sources or votes, with a retry", async () => {
    const page = await openPage();
    await ask(page, "slow answer please");
    await until(async () => ((await lastAnswer(page).textContent()) ?? "").includes("The first sentence"), "the first delta");
    expect(await state(lastAnswer(page))).toBe("pending");
    await inWidget(page, "ask-stop").click();
    await hasState(lastAnswer(page), "stopped");
    const stopped = lastAnswer(page);
    expect(await stopped.getByTestId("ask-incomplete").textContent()).toMatch(/incomplete/);
    expect(await stopped.getByTestId("ask-sources").count()).toBe(0);
    expect(await stopped.getByTestId("ask-vote-up").count()).toBe(0);
    expect(await stopped.getByTestId("ask-retry").count()).toBe(1);
    await inWidget(page, "ask-input").fill("");
    await ask(page, "cut short, this one");
    await hasState(lastAnswer(page), "cut");
    const cut = lastAnswer(page);
    expect(await cut.textContent()).toContain("The first sentence of an answer");
    expect(await cut.getByTestId("ask-incomplete").textContent()).toMatch(/cut short/);
    expect(await cut.getByTestId("ask-sources").count()).toBe(0);
    expect(await cut.getByTestId("ask-citation").count()).toBe(0);
    const asked = fake.bodies.length;
    await cut.getByTestId("ask-retry").click();
    await until(async () => fake.bodies.length === asked + 1, "the retry to ask again");
    expect(fake.bodies.at(-1)!.question).toBe("cut short, this one");
    await page.close();
  });

  it("keeps the question after an error and answers it on Retry", async () => {
    const page = await openPage();
    await ask(page, "flaky question about harbours");
    await hasState(lastAnswer(page), "error");
    expect(await lastAnswer(page).textContent()).toContain("Something went wrong on our side");
    expect(await inWidget(page, "ask-input").inputValue()).toBe("flaky question about harbours");
    await lastAnswer(page).getByTestId("ask-retry").click();
    await hasState(lastAnswer(page), "done");
    expect(await lastAnswer(page).textContent()).toContain("A short answer.");
    // The failed attempt gives way to the answer, and the box is free for the next question.
    expect(await inWidget(page, "ask-answer").count()).toBe(1);
    expect(await inWidget(page, "ask-input").inputValue()).toBe("");
    await page.close();
  });

  it("New chat while an answer streams starts over with an empty box, not the abandoned question", async () => {
    const page = await openPage();
    await ask(page, "hang on, an abandoned question");
    await until(async () => fake.openStreams() === 1, "the stream to be open");
    await inWidget(page, "ask-new").click();
    await until(async () => fake.openStreams() === 0, "the server to see the stream closed", 20_000);
    await until(async () => inWidget(page, "ask-submit").isVisible(), "the box to be free");
    expect(await inWidget(page, "ask-answer").count()).toBe(0);
    expect(await inWidget(page, "ask-input").inputValue()).toBe("");
    await page.close();
  });

  it("puts a retry in the place of the answer that failed: no stale error above the answer, no second error under the first", async () => {
    const page = await openPage();
    await ask(page, "first question");
    await hasState(lastAnswer(page), "done");
    await ask(page, "busy hour question");
    await hasState(lastAnswer(page), "error");
    const asked = fake.bodies.length;
    await lastAnswer(page).getByTestId("ask-retry").click();
    await until(async () => fake.bodies.length === asked + 1, "the retry to ask again");
    await hasState(lastAnswer(page), "error");
    expect(await conversation(page)).toEqual([["first question", "done"], ["busy hour question", "error"]]);
    await inWidget(page, "ask-input").fill("");
    await ask(page, "flaky question about tides");
    await hasState(lastAnswer(page), "error");
    await lastAnswer(page).getByTestId("ask-retry").click();
    await hasState(lastAnswer(page), "done");
    expect(await conversation(page)).toEqual([["first question", "done"], ["busy hour question", "error"], ["flaky question about tides", "done"]]);
    // The same after closing and opening the panel: what is shown is what is kept.
    await inWidget(page, "ask-launcher").click();
    await inWidget(page, "ask-launcher").click();
    expect(await conversation(page)).toEqual([["first question", "done"], ["busy hour question", "error"], ["flaky question about tides", "done"]]);
    await page.close();
  });

  it("answers a retried earlier question where it was asked, leaning only on the turns before it", async () => {
    const page = await openPage();
    await ask(page, "first question");
    await hasState(lastAnswer(page), "done");
    await ask(page, "slow answer, stopped");
    await until(async () => ((await lastAnswer(page).textContent()) ?? "").includes("The first sentence"), "the first delta");
    await inWidget(page, "ask-stop").click();
    await hasState(lastAnswer(page), "stopped");
    await inWidget(page, "ask-input").fill("");
    await ask(page, "third question");
    await hasState(lastAnswer(page), "done");
    await inWidget(page, "ask-answer").nth(1).getByTestId("ask-retry").click();
    await until(async () => fake.bodies.at(-1)!.question === "slow answer, stopped", "the retry to ask again");
    expect(fake.bodies.at(-1)!.history).toEqual([{ question: "first question", answer: "A short answer. [1]" }]);
    expect(await conversation(page)).toEqual([["first question", "done"], ["slow answer, stopped", "pending"], ["third question", "done"]]);
    await inWidget(page, "ask-stop").click();
    await hasState(inWidget(page, "ask-answer").nth(1), "stopped");
    await page.close();
  });

  it("shows a long answer from its start, not its end", async () => {
    const page = await openPage();
    await ask(page, "short one first");
    await hasState(lastAnswer(page), "done");
    await ask(page, "long answer please");
    await hasState(lastAnswer(page), "done");
    const log = inWidget(page, "ask-log");
    const logBox = (await log.boundingBox())!;
    const question = (await page.locator('[data-cited-answers] >> .turn').last().locator(".question").boundingBox())!;
    expect(question.y).toBeGreaterThanOrEqual(logBox.y - 1);
    expect(question.y).toBeLessThan(logBox.y + logBox.height / 3);
    const scrolled = await log.evaluate((el) => ({ top: el.scrollTop, client: el.clientHeight, height: el.scrollHeight }));
    expect(scrolled.top + scrolled.client).toBeLessThan(scrolled.height - 100);
    await page.close();
  });

  it("sends the last three answered turns as history with each question", async () => {
    const page = await openPage();
    const questions = ["first question", "second question", "third question", "fourth question", "fifth question"];
    for (const q of questions) {
      await ask(page, q);
      await hasState(lastAnswer(page), "done");
    }
    const sent = fake.bodies.slice(-5);
    expect(sent.map((b) => b.question)).toEqual(questions);
    expect(sent[0]!.history).toBeUndefined();
    expect(sent[1]!.history).toEqual([{ question: "first question", answer: "A short answer. [1]" }]);
    expect(sent[4]!.history).toEqual(["second question", "third question", "fourth question"].map((question) => ({ question, answer: "A short answer. [1]" })));
    await page.close();
  });
});
