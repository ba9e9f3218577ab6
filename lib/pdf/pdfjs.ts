import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
export type PdfDocument = import("pdfjs-dist/legacy/build/pdf.mjs").PDFDocumentProxy;
export type PdfPage = import("pdfjs-dist/legacy/build/pdf.mjs").PDFPageProxy;

const KEY = Symbol.for("conveyor.pdf.pdfjs");
type Holder = { [KEY]?: Promise<PdfJs> };

const resolveHere = (specifier: string) => createRequire(import.meta.url).resolve(specifier);

/**
 * pdf.js's legacy build (the one that runs in Node), loaded once per thread. Imported by absolute
 * URL: tsx compiles this file to CommonJS inside worker threads, where a bare specifier in a
 * dynamic import has no base to resolve against.
 */
export function loadPdfJs(): Promise<PdfJs> {
  const g = globalThis as Holder;
  return (g[KEY] ??= import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(resolveHere("pdfjs-dist/legacy/build/pdf.mjs")).href) as Promise<PdfJs>);
}

let assetDir: string | undefined;

/** pdfjs-dist's data folders (standard fonts, CMaps, WASM decoders, ICC profiles), with a trailing separator. */
export function pdfjsAsset(name: "standard_fonts" | "cmaps" | "wasm" | "iccs"): string {
  assetDir ??= path.dirname(resolveHere("pdfjs-dist/package.json"));
  return path.join(assetDir, name) + path.sep;
}

/**
 * Opens a PDF with the options Node needs: the standard-14 font data and CMaps from pdfjs-dist
 * (there are no system fonts to fall back on), glyphs drawn as paths (no FontFace in Node), no
 * eval. The caller owns the document and must `destroy()` it.
 */
export async function openPdf(data: Uint8Array): Promise<PdfDocument> {
  const pdfjs = await loadPdfJs();
  return pdfjs.getDocument({
    data,
    standardFontDataUrl: pdfjsAsset("standard_fonts"),
    cMapUrl: pdfjsAsset("cmaps"),
    cMapPacked: true,
    wasmUrl: pdfjsAsset("wasm"),
    iccUrl: pdfjsAsset("iccs"),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  }).promise;
}
