import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
