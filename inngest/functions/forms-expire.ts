import { cron, type Inngest } from "inngest";
import { expireFormsResults } from "@/lib/forms/jobs";
import { inngest } from "../client";

/**
 * forms-expire: every 15 minutes, results past their retention (FORMS_RETENTION) are deleted (the
 * job keeps its record, marked expired) along with job folders nothing needs any more.
 */
export function createFormsExpire(client: Inngest) {
  return client.createFunction(
    {
      id: "forms-expire",
      name: "Forms: delete expired results",
      triggers: [cron("*/15 * * * *")],
      // A slow sweep must not overlap the next one.
      singleton: { mode: "skip" },
      retries: 1,
    },
    async ({ step }) => step.run("expire", () => expireFormsResults(new Date())),
  );
}

export const formsExpire = createFormsExpire(inngest);
