import { describe, expect, it } from "vitest";
import { readVitestJson, renderTable } from "./report";

describe("conformance report", () => {
  it("counts passed/total per file, leaves skipped cases out of the total and keeps failure reasons", () => {
    const result = readVitestJson(
      "integration",
      {
        testResults: [
          {
            name: "/x/packages/inngest/src/test/integration/retry.test.ts",
            status: "failed",
            assertionResults: [
              { fullName: "retry a", status: "passed" },
              { fullName: "retry b", status: "failed", failureMessages: ["\nAssertionError: expected 1 to be 2\n    at foo"] },
              { fullName: "retry c", status: "skipped" },
            ],
          },
          { name: "/x/packages/inngest/src/test/integration/auth.test.ts", status: "failed", message: "Cannot find module 'x'\nstack", assertionResults: [] },
        ],
      },
      "/x/packages/inngest",
    );
    expect(result.passed).toBe(1);
    expect(result.total).toBe(2);
    expect(result.files.map((f) => f.file)).toEqual(["src/test/integration/auth.test.ts", "src/test/integration/retry.test.ts"]);
    expect(result.files[1].failures).toEqual([{ name: "retry b", message: "AssertionError: expected 1 to be 2" }]);
    expect(result.files[0].fileError).toBe("Cannot find module 'x'");
    const table = renderTable([result]);
    expect(table).toContain("integration: 1/2 passed");
    expect(table).toMatch(/retry\.test\.ts\s+1\/2/);
  });
});
