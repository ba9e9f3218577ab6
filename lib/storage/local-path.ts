import { LocalDiskStorage } from "./local-disk";
import { storage } from "./instance";

/**
 * The file path of a key in the process's storage, for code that must hand a path to a library or
 * a worker thread (pdf.js, pdf-lib). Local disk only: any other storage throws, so a pipeline that
 * needs paths fails loudly instead of reading the wrong place.
 */
export function localPathFor(key: string): string {
  return localDisk().pathFor(key);
}

/** The root folder of the process's local disk storage (for sweeps over folders of keys). */
export function localStorageRoot(): string {
  return localDisk().root;
}

function localDisk(): LocalDiskStorage {
  const current = storage();
  if (!(current instanceof LocalDiskStorage)) throw new Error("This needs local disk storage: the configured storage has no file paths");
  return current;
}
