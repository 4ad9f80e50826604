// A parser worker's entry (see pool.ts). Plain JavaScript: a worker thread starts without the
// TypeScript loader its parent runs under (tsx for npm start and npm run ingest, vite's for the
// tests), so it loads the worker's TypeScript through tsx's own API.
import { tsImport } from "tsx/esm/api";

await tsImport("./worker.ts", import.meta.url);
