import { Readable } from "node:stream";
import { storage } from "@/lib/storage";
import { jobFolder, type LogbookJobRef } from "./types";

/** Intermediate files live in storage so any worker can run the next step; steps pass their keys. */
export async function writeWorkFile(ref: LogbookJobRef, name: string, text: string): Promise<string> {
  const key = `${jobFolder(ref)}/${name}`;
  await storage().put(key, Buffer.from(text, "utf8"));
  return key;
}

export async function readWorkFile(key: string): Promise<string> {
  const stream = await storage().get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of stream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function removeWorkFiles(ref: LogbookJobRef, names: string[]): Promise<void> {
  await Promise.all(names.map((n) => storage().delete(`${jobFolder(ref)}/${n}`).catch(() => {})));
}
