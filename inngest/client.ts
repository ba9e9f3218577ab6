import { Inngest } from "inngest";
import { withEngine } from "@/lib/engine/client-options";

/**
 * Conveyor's Inngest client. Embedded mode (the default) sends events to the in-process engine;
 * with Inngest's own settings (INNGEST_DEV / INNGEST_BASE_URL / event + signing keys) it talks to
 * that Inngest server instead. Send typed events from the catalogue in ./events.
 */
export const inngest = new Inngest(withEngine({ id: "conveyor" }));
