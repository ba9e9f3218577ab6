// Entry point of the database thread. Plain ESM so Node starts it without a build step (Next.js
// never bundles it); tsx's CommonJS hook then loads the TypeScript worker (and resolves "@/" paths).
import { createRequire } from "node:module";
import { workerData } from "node:worker_threads";

const require = createRequire(import.meta.url);
require("tsx/cjs/api").register();
require(workerData.entry);
