/**
 * The forms pipeline's stages, in order: the one list the job runner, progress, the registry entry
 * and the forms page read. Pure data (the browser imports it). Rendering does nearly all the work
 * (pdf.js, pixels, the detector); detection from the evidence is cheap; writing loads and saves the
 * PDF once. `verb` starts the progress messages ("Rendering page 3 of 12").
 */
export const FORMS_STAGES = [
  { name: "validating", label: "Check the PDF", share: 0.05, verb: "Checking" },
  { name: "rendering", label: "Render pages", share: 0.75, verb: "Rendering" },
  { name: "detecting", label: "Detect fields", share: 0.08, verb: "Detecting fields on" },
  { name: "writing", label: "Write fillable PDF", share: 0.11, verb: "Writing fields on" },
] as const;

export type FormsStage = (typeof FORMS_STAGES)[number]["name"];
