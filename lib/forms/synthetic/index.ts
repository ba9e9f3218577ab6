export { generateForm, PAGE_SIZES, type FormVariant, type GenerateFormOptions, type GeneratedForm } from "./generate-form";
export { renderPdfPages, type RenderedPage, type RgbaImage } from "./render-page";
export { datasetVariant, SPLITS, splitOf, splitSeeds, type Split } from "./splits";
export { lineFieldHeight, signatureFieldHeight } from "./sheet";
