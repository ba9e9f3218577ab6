import { inngest } from "../client";
import { selfTestRequested } from "../events";

/**
 * Proves the whole path works (event intake, a memoized step, a sleep, completion) without
 * touching any pipeline. Send `conveyor/self-test.requested` and watch the run complete.
 */
export const selfTest = inngest.createFunction(
  { id: "engine-self-test", retries: 0, triggers: [selfTestRequested] },
  async ({ event, step }) => {
    const echoed = await step.run("echo", () => ({ nonce: event.data.nonce }));
    await step.sleep("pause", "1s");
    return { ok: true, nonce: echoed.nonce };
  },
);
