import { describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { logger, runWithRequestContext, setLoggerDestination } from "./index";
import { redact, redactString, REDACTED } from "./redact";

const KEY = `cvk_${"a1B2".repeat(10)}xyz`;

describe("redactString", () => {
  it.each([
    [`key ${KEY} refused`, `key ${REDACTED} refused`],
    ["Authorization: Bearer abc.def-ghi_jkl", `Authorization: ${REDACTED}`],
    ["Basic dXNlcjpwYXNzd29yZA== sent", `${REDACTED} sent`],
    ["signing with signkey-prod-0123456789abcdef", `signing with ${REDACTED}`],
    ["cookie eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..abc.def.ghi here", `cookie ${REDACTED} here`],
    ["login failed (password=hunter22)", `login failed (password=${REDACTED})`],
    ['{"secret":"s3cr3t-value","n":1}', `{"secret":"${REDACTED}","n":1}`],
    ["https://x.test/cb?token=abcdef123&state=1", `https://x.test/cb?token=${REDACTED}&state=1`],
    ["api_key: k-123456", `api_key: ${REDACTED}`],
  ])("masks %s", (input, output) => {
    expect(redactString(input)).toBe(output);
  });

  it.each(["The PDF needs a password to open", "needs_password: true", "Unexpected token < in JSON at position 0", "job 42 failed: timeout"])(
    "leaves %s alone",
    (text) => {
      expect(redactString(text)).toBe(text);
    },
  );
});

describe("redact", () => {
  it("masks secret keys at any depth, key-shaped values anywhere, and error messages and stacks", () => {
    const error = new Error(`bad key ${KEY}`);
    const out = redact({ user: { password: "p", name: "n" }, headers: { authorization: "x", cookie: "c", "x-api-key": "k" }, list: [KEY], error }) as Record<string, unknown>;
    expect(out).toMatchObject({
      user: { password: REDACTED, name: "n" },
      headers: { authorization: REDACTED, cookie: REDACTED, "x-api-key": REDACTED },
      list: [REDACTED],
      error: { type: "Error", message: `bad key ${REDACTED}` },
    });
    expect(JSON.stringify(out)).not.toContain(KEY);
  });
});

describe("logger", () => {
  it("puts the request id (and user and workspace once known) on every line of a request", () => {
    const lines: string[] = [];
    vi.stubEnv("LOG_LEVEL", "info");
    resetEnvCache();
    setLoggerDestination({ write: (l: string) => void lines.push(l) });
    try {
      runWithRequestContext({ requestId: "req-1", userId: "u1", workspaceId: "w1" }, () => {
        logger().info("one");
        logger().warn({ detail: KEY }, "two");
      });
      logger().info("outside");
      const [one, two, outside] = lines.map((l) => JSON.parse(l));
      expect(one).toMatchObject({ msg: "one", request_id: "req-1", user_id: "u1", workspace_id: "w1", level: "info" });
      expect(two).toMatchObject({ msg: "two", request_id: "req-1", detail: REDACTED });
      expect(outside.request_id).toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
      resetEnvCache();
      setLoggerDestination(undefined);
    }
  });
});
