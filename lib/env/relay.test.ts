import { describe, expect, it } from "vitest";
import { parseEnv, SettingsError } from "./index";

const problemsOf = (vars: Record<string, string>) => {
  try {
    parseEnv(vars);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  return [];
};

describe("relay settings", () => {
  it("are optional: without them the relay is simply off", () => {
    const env = parseEnv({});
    expect(env.RELAY_N8N_WEBHOOK_URL).toBeUndefined();
    expect(env.RELAY_SIGNING_SECRET).toBeUndefined();
    expect(env.RELAY_CALLBACK_TIMEOUT).toBe(15 * 60_000);
    expect(env.RELAY_RETENTION).toBe(24 * 3_600_000);
    expect(env.RELAY_MAX_BYTES).toBe(20_000_000);
  });

  it("stop the app naming each value that is set but invalid", () => {
    const problems = problemsOf({
      RELAY_N8N_WEBHOOK_URL: "n8n.local/webhook/x",
      RELAY_SIGNING_SECRET: "short",
      RELAY_NOTION_DATABASE_ID: "my database",
      RELAY_MAX_BYTES: "50MB",
      RELAY_CALLBACK_TIMEOUT: "soon",
      RELAY_RETENTION: "forever",
    });
    for (const name of ["RELAY_N8N_WEBHOOK_URL", "RELAY_SIGNING_SECRET", "RELAY_NOTION_DATABASE_ID", "RELAY_MAX_BYTES", "RELAY_CALLBACK_TIMEOUT", "RELAY_RETENTION"]) {
      expect(problems.some((p) => p.startsWith(`${name}:`)), `${name} in ${problems.join("; ")}`).toBe(true);
    }
    expect(problemsOf({ RELAY_N8N_WEBHOOK_URL: "ftp://n8n.local/webhook/x" })[0]).toMatch(/^RELAY_N8N_WEBHOOK_URL: must be an http/);
  });

  it("accept a full configuration", () => {
    const env = parseEnv({
      RELAY_N8N_WEBHOOK_URL: "https://n8n.example.com/webhook/conveyor-notion-relay",
      RELAY_SIGNING_SECRET: "a".repeat(64),
      RELAY_NOTION_DATABASE_ID: "01234567-89ab-cdef-0123-456789abcdef",
      RELAY_MAX_BYTES: "5MB",
      RELAY_CALLBACK_TIMEOUT: "30m",
    });
    expect(env.RELAY_MAX_BYTES).toBe(5_000_000);
    expect(env.RELAY_CALLBACK_TIMEOUT).toBe(30 * 60_000);
  });

  it("default to n8n mode; direct mode (RELAY_MODE=notion) needs NOTION_TOKEN and no n8n settings", () => {
    const env = parseEnv({});
    expect(env.RELAY_MODE).toBe("n8n");
    expect(env.NOTION_TOKEN).toBeUndefined();
    expect(env.NOTION_BASE_URL).toBe("https://api.notion.com");
    const direct = parseEnv({ RELAY_MODE: "notion", NOTION_TOKEN: "ntn_0123456789abcdefghijklmnopqrstuvwxyz" });
    expect(direct.RELAY_MODE).toBe("notion");
    expect(direct.RELAY_N8N_WEBHOOK_URL ?? direct.RELAY_SIGNING_SECRET).toBeUndefined();
    expect(parseEnv({ RELAY_MODE: "notion", NOTION_TOKEN: "ntn_0123456789abcdefghijklmnopqrstuvwxyz", NOTION_BASE_URL: "http://127.0.0.1:9999" }).NOTION_BASE_URL).toBe(
      "http://127.0.0.1:9999",
    );
  });

  it("stop the app when RELAY_MODE=notion has no NOTION_TOKEN, naming it, and on a bad mode, token or base URL", () => {
    const missing = problemsOf({ RELAY_MODE: "notion" });
    expect(missing).toEqual(["NOTION_TOKEN: required when RELAY_MODE=notion (the Notion integration's secret)"]);
    expect(problemsOf({ RELAY_MODE: "notion", NOTION_TOKEN: "  " })).toEqual(missing);
    expect(problemsOf({ RELAY_MODE: "zapier" })[0]).toMatch(/^RELAY_MODE: must be `n8n` or `notion`/);
    expect(problemsOf({ NOTION_TOKEN: "short" })[0]).toMatch(/^NOTION_TOKEN: must be a Notion integration token/);
    expect(problemsOf({ NOTION_BASE_URL: "ftp://api.notion.com" })[0]).toMatch(/^NOTION_BASE_URL: must be an http/);
    // The message names the setting, never its value.
    expect(problemsOf({ RELAY_MODE: "notion", NOTION_TOKEN: "ntn_tiny" }).join("\n")).not.toContain("ntn_tiny");
  });
});
