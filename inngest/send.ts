import type { EventSender } from "@/lib/events/sender";
import { inngest } from "./client";

/** The sender lib's job starters take: the event's data is checked against its schema, then sent. */
export const sendEvent: EventSender = async (event, data, options) => {
  await inngest.send({ name: event.name, data: event.schema.parse(data), ...(options?.id ? { id: options.id } : {}) });
};
