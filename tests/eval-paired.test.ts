import { describe, expect, it } from "vitest";
import { combinePaired, comparePaired, exactMcNemar } from "../src/eval/paired.js";

describe("exactMcNemar: do the questions that changed sides lean one way?", () => {
  it("gives the two-sided binomial tail", () => {
    expect(exactMcNemar(0, 6)).toBeCloseTo(2 / 64, 10); // all six the same way: 2 × (½)⁶
    expect(exactMcNemar(1, 4)).toBeCloseTo(2 * (6 / 32), 10); // P(X ≤ 1) for n = 5 is 6/32
    expect(exactMcNemar(37, 21)).toBeCloseTo(0.048, 3);
  });

  it("is 1 for an even split or no change at all", () => {
    expect(exactMcNemar(5, 5)).toBe(1);
    expect(exactMcNemar(0, 0)).toBe(1);
  });

  it("stays finite and between 0 and 1 for thousands of changed questions", () => {
    const p = exactMcNemar(1000, 1200);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.001);
    expect(exactMcNemar(1500, 1500)).toBe(1);
  });
});

describe("comparePaired: two runs' misses over the same questions", () => {
  it("counts the questions each run alone got right, per set and summed", () => {
    const a = comparePaired({ questions: 10, misses: ["q1", "q2", "q3"] }, { questions: 10, misses: ["q3", "q4"] });
    expect(a).toMatchObject({ questions: 10, lost: 1, gained: 2 });
    const b = comparePaired({ questions: 5, misses: [] }, { questions: 5, misses: ["r1", "r2"] });
    expect(combinePaired([a, b])).toMatchObject({ questions: 15, lost: 3, gained: 2 });
  });

  it("refuses runs over different sets", () => {
    expect(() => comparePaired({ questions: 10, misses: [] }, { questions: 12, misses: [] })).toThrow(/different sets/);
  });
});
