import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Import direction (ARCHITECTURE.md): app/ and inngest/ sit above lib/; within lib/, platform areas
// never reach into a pipeline's folder, and only composition modules read the pipeline registry.
const PIPELINE_FOLDERS = ["forms", "logbook", "relay", "contracts", "documents"];
const upward = [
  { group: ["@/inngest", "@/inngest/*", "@/app", "@/app/*"], message: "lib/ never imports inngest/ or app/: take what you need as an argument (see lib/events/sender.ts)." },
];
const intoPipelines = [
  { group: PIPELINE_FOLDERS.flatMap((p) => [`@/lib/${p}`, `@/lib/${p}/*`]), message: "Platform modules do not import pipelines; pipelines plug in through lib/pipelines/registry.ts." },
  { group: ["@/lib/pipelines/registry"], message: "Only composition modules read the registry; take the pipelines' specs as arguments." },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next*/**",
      ".data*/**",
      "next-env.d.ts",
      "bench/work/**",
      "training/**",
      "test-results/**",
      "playwright-report/**",
      "e2e/artifacts/**",
    ],
  },
  {
    // useTestDatabase() is a Vitest fixture, not a React hook.
    files: ["**/*.test.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    ignores: ["**/*.test.ts", "**/testing/**", "**/testing.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: upward }] },
  },
  {
    files: [`lib/!(${PIPELINE_FOLDERS.join("|")}|pipelines)/**/*.ts`],
    ignores: ["**/*.test.ts", "**/testing/**", "**/testing.ts", "lib/openapi/catalog.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...upward, ...intoPipelines] }] },
  },
  {
    // A cycle makes load order matter and areas impossible to read alone; none exist, keep it so.
    files: ["lib/**/*.ts", "inngest/**/*.ts", "app/**/*.ts", "app/**/*.tsx"],
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
