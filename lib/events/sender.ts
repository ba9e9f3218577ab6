import type { z } from "zod";

/** An event type as lib declares it: `area/noun.verb` and its data schema (pipelines: in their registry entry). */
export type EventSpec<S extends z.ZodObject = z.ZodObject> = { name: string; schema: S };

/**
 * Sends one event to the durable-function engine. lib never imports the Inngest client (inngest/
 * sits above lib), so the functions that start work take a sender: route handlers pass
 * `sendEvent` from inngest/send.ts, tests pass a recorder. `id` makes a repeated send one event.
 */
export type EventSender = <S extends z.ZodObject>(event: EventSpec<S>, data: z.input<S>, options?: { id?: string }) => Promise<void>;
