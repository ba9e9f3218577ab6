import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { n8nRelayConfig, relayConfig, relayEnabled, relayMode } from "./settings";

const NAMES = ["RELAY_MODE", "NOTION_TOKEN", "NOTION_BASE_URL", "RELAY_N8N_WEBHOOK_URL", "RELAY_SIGNING_SECRET"] as const;
const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
const TOKEN = "ntn_settings_0123456789abcdefghijklmnop";

function use(vars: Partial<Record<(typeof NAMES)[number], string>>) {
  for (const name of NAMES) {
    if (vars[name] === undefined) delete process.env[name];
    else process.env[name] = vars[name];
  }
  resetEnvCache();
}

afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetEnvCache();
});

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return isAppError(error) ? { status: error.status, type: (error as { type?: string }).type ?? error.name, message: error.message } : error;
  }
  return undefined;
};

describe("relay mode", () => {
  it("n8n (the default) is on with the webhook URL and the signing secret, off without", () => {
    use({});
    expect(relayMode()).toBe("n8n");
    expect(relayEnabled()).toBe(false);
    expect(refusal(relayConfig)).toMatchObject({ status: 503, message: expect.stringContaining("RELAY_N8N_WEBHOOK_URL") });
    use({ RELAY_N8N_WEBHOOK_URL: "https://n8n.example.com/webhook/x", RELAY_SIGNING_SECRET: "s".repeat(40) });
    expect(relayEnabled()).toBe(true);
    expect(relayConfig()).toMatchObject({ mode: "n8n", webhookUrl: "https://n8n.example.com/webhook/x" });
  });

  it("notion is on with NOTION_TOKEN alone; n8n's settings are neither needed nor used, and callbacks are refused", () => {
    use({ RELAY_MODE: "notion", NOTION_TOKEN: TOKEN });
    expect(relayMode()).toBe("notion");
    expect(relayEnabled()).toBe(true);
    expect(relayConfig()).toMatchObject({ mode: "notion", notion: { token: TOKEN, baseUrl: "https://api.notion.com" } });
    const refused = refusal(n8nRelayConfig);
    expect(refused).toMatchObject({ status: 503, message: expect.stringContaining("RELAY_MODE=notion") });
    expect(JSON.stringify(refused)).not.toContain(TOKEN);
  });
});
