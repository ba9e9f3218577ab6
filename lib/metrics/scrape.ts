import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { appError } from "@/lib/errors";
import { metrics } from "./registry";

function sameSecret(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the token.
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/** Throws 401 unless METRICS_TOKEN is unset or the request carries it as a bearer token. */
export function authorizeScrape(req: Request): void {
  const token = getEnv().METRICS_TOKEN;
  if (!token) return;
  const presented = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1]?.trim();
  if (!presented || !sameSecret(presented, token)) {
    throw appError("UnauthorizedError", "Send the metrics token as Authorization: Bearer", undefined, {
      "WWW-Authenticate": 'Bearer realm="metrics"',
    });
  }
}

/**
 * The Prometheus text of the process registry. `collectors` register scrape-time collectors first
 * (the route passes the job gauges, labelled with every registered pipeline's kind): lib/metrics
 * knows no area, every area registers its metrics here.
 */
export async function scrapeMetrics(req: Request, collectors: (() => void)[] = []): Promise<{ contentType: string; body: string }> {
  authorizeScrape(req);
  for (const register of collectors) register();
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
