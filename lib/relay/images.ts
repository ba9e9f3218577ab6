import { sniffContentType } from "@/lib/storage";

/** Image types the relay accepts, all of which Notion's file upload API takes. */
export const RELAY_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif", "image/heic", "image/heif", "image/avif"] as const;

/** The image type of a file's first bytes, or undefined; never the name or the client's claim. */
export function sniffImage(head: Uint8Array): string | undefined {
  const type = sniffContentType(head);
  return (RELAY_IMAGE_TYPES as readonly string[]).includes(type) ? type : undefined;
}

/** A Notion page title from the file name: the stem, tidied. */
export function titleFromFilename(filename: string): string {
  const stem = filename.replace(/\.[A-Za-z0-9]{1,5}$/, "").replace(/[_]+/g, " ").trim();
  return (stem || "Image").slice(0, 200);
}
