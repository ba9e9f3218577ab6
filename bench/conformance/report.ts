/**
 * Reads vitest's JSON report (`--reporter=json`) into passed/total per file, and renders the table
 * `npm run conformance` prints and docs/engine.md quotes.
 */
export type FileResult = {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  total: number;
  /** Failed cases: full name and the first line of the first failure message. */
  failures: { name: string; message: string }[];
  /** Set when the file itself failed (import error, hook timeout) and no case could run. */
  fileError?: string;
};

export type SuiteResult = { suite: string; passed: number; total: number; files: FileResult[] };

type VitestJson = {
  testResults?: {
    name: string;
    status?: string;
    message?: string;
    assertionResults?: { fullName?: string; title?: string; status: string; failureMessages?: string[] }[];
  }[];
};

/** `total` counts every case that was not skipped or marked todo in the suite's own source. */
export function readVitestJson(suite: string, json: VitestJson, root: string): SuiteResult {
  const files: FileResult[] = [];
  for (const file of json.testResults ?? []) {
    const cases = file.assertionResults ?? [];
    const passed = cases.filter((c) => c.status === "passed").length;
    const failedCases = cases.filter((c) => c.status === "failed");
    const skipped = cases.filter((c) => c.status === "skipped" || c.status === "pending" || c.status === "todo").length;
    const result: FileResult = {
      file: file.name.startsWith(root) ? file.name.slice(root.length).replace(/^\/+/, "") : file.name,
      passed,
      failed: failedCases.length,
      skipped,
      total: passed + failedCases.length,
      failures: failedCases.map((c) => ({ name: c.fullName ?? c.title ?? "?", message: firstLine(c.failureMessages?.[0]) })),
    };
    if (cases.length === 0 && file.status === "failed") result.fileError = firstLine(file.message);
    files.push(result);
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  return {
    suite,
    passed: files.reduce((n, f) => n + f.passed, 0),
    total: files.reduce((n, f) => n + f.total, 0),
    files,
  };
}

function firstLine(text: string | undefined): string {
  const line = (text ?? "").split("\n").find((l) => l.trim() !== "") ?? "";
  return line.trim().slice(0, 300);
}

export function renderTable(results: SuiteResult[]): string {
  const lines: string[] = [];
  for (const suite of results) {
    lines.push(`${suite.suite}: ${suite.passed}/${suite.total} passed`);
    const width = Math.max(...suite.files.map((f) => f.file.length), 10);
    for (const f of suite.files) {
      const note = f.fileError ? `  (file failed: ${f.fileError})` : "";
      lines.push(`  ${f.file.padEnd(width)}  ${String(f.passed).padStart(3)}/${String(f.total).padEnd(3)}${note}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
