import { loadConfig } from "../../src/config.js";
import { openService } from "../../src/service.js";
let t = performance.now();
const s = await openService(loadConfig({ INDEX_DIR: process.argv[2]!, EMBEDDER: "wordvectors" }));
console.log("load s", ((performance.now() - t) / 1000).toFixed(2), "rss MB", (process.memoryUsage().rss / 1e6).toFixed(0));
const qs = ["How much did the Kestrel-class patrol cutter for Palau cost?", "Who opened the Okinawa maritime fusion centre?", "How many fibre pairs does the Brightwater data cable have?", "What does OSA fund in Malaysia?", "What is the population of Vietnam?", "Which frigate class is behind Wellington's announcement?", "Why does the South China Sea matter to Japan's economy?"];
for (const q of qs) { t = performance.now(); const a = await s.answer(q); console.log((performance.now() - t).toFixed(1), "ms", a.abstained ? "ABSTAIN" : a.answer.slice(0, 100), a.citations.map((c) => c.file + "#" + c.paragraph).join(" ")); }
const times: number[] = [];
for (let i = 0; i < 100; i++) { t = performance.now(); await s.answer(qs[i % qs.length]!); times.push(performance.now() - t); }
times.sort((a, b) => a - b); console.log("p50", times[50]!.toFixed(1), "p95", times[95]!.toFixed(1), "rss MB", (process.memoryUsage().rss / 1e6).toFixed(0), "maxrss", (process.resourceUsage().maxRSS / 1024).toFixed(0));
