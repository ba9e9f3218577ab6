// GET/POST/PUT /api/inngest – the Inngest SDK endpoint the engine (or Inngest) calls
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

export const { GET, POST, PUT } = serve({ client: inngest, functions });
