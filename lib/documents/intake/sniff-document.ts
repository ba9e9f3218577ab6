import { unzipSync } from "fflate";
import { hasPdfHeader } from "@/lib/pdf/pdf-header";
import { looksLikeText } from "../sheets/decode-text";

export type DocumentFormat = "pdf" | "csv" | "xlsx";

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: "application/pdf",
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The format by the first bytes: `%PDF-` in the first KiB, a ZIP (maybe XLSX), or text (CSV). */
export function sniffDocument(head: Uint8Array): DocumentFormat | "zip" | undefined {
  if (hasPdfHeader(head)) return "pdf";
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "zip";
  if (looksLikeText(head.subarray(0, 4096))) return "csv";
  return undefined;
}

/** Whether a ZIP is an XLSX workbook: its directory names xl/workbook.xml. Nothing is inflated. */
export function isXlsxZip(bytes: Uint8Array): boolean {
  let found = false;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (f.name === "xl/workbook.xml") found = true;
        return false;
      },
    });
  } catch {
    return false;
  }
  return found;
}
