export { DEFAULT_MODEL, DetectorConfigError, detectorConfigFromEnv, type DetectorConfig } from "./config";
export { detectFields, loadDetector, MULTILINE_MIN_HEIGHT, rasterRenderScale, type DetectTimings, type Detector } from "./detector";
export { fieldTypeOf, parseClassList, type ClassMap } from "./classes";
export { decodeOutput, detectLayout, OutputShapeError, type OutputLayout, type RawDetection } from "./decode";
export { letterbox, letterboxGeometry, letterboxImage, PAD_VALUE, resizeRgba, toTensor, type LetterboxGeometry, type RgbaImage } from "./letterbox";
export { inputBoxToPage, pageBoxToInput, type InputBox } from "./map-boxes";
export { nms } from "./nms";
