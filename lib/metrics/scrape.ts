import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { registerJobGauges } from "@/lib/jobs/metrics";
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
    throw new AppError("UnauthorizedError", "Send the metrics token as Authorization: Bearer", 401, undefined, {
      "WWW-Authenticate": 'Bearer realm="metrics"',
    });
  }
}

/** The Prometheus text of the process registry, with job gauges read from the database. */
export async function scrapeMetrics(req: Request): Promise<{ contentType: string; body: string }> {
  authorizeScrape(req);
  registerJobGauges();
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
