export type { Storage, PutSource, PutOptions, PutResult } from "./storage";
export { LocalDiskStorage, fileTooLarge, toNodeReadable } from "./local-disk";
export { storage, setStorage, storageRoot } from "./instance";
export { localPathFor, localStorageRoot } from "./local-path";
export { newStorageKey, assertValidKey, InvalidStorageKeyError } from "./keys";
export { sniffContentType } from "./sniff";
export { sanitizeFilename, contentDisposition } from "./filename";
export {
  saveFile,
  recordStoredFile,
  getFile,
  openFile,
  deleteFile,
  deleteStoredFiles,
  type SaveFileInput,
  type RecordFileInput,
} from "./files";
export { downloadParts } from "./download";
export { jobWorkArea, attachFileToJob, type JobWorkArea, type WorkAreaRef } from "./work-area";
export { receiveFile, invalidUpload, type ReceiveFileOptions, type ReceivedFile } from "./receive-file";
