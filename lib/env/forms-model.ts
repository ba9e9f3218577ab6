import { z } from "zod";
import { flag, int, optionalString } from "./parsers";

const fraction = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);

/** The raster field detector (lib/forms/raster): which ONNX model, its classes and how it runs. */
export const formsModelSettings = {
  /** Run the raster detector at all; off, only vector geometry finds fields (scanned pages yield none). */
  FORMS_RASTER_ENABLED: flag(true),
  /** A YOLO-style ONNX detector; unset, the shipped models/conveyor-fields-v1.onnx. */
  FORMS_MODEL_PATH: optionalString(),
  /**
   * Its classes, index order: a JSON file path, inline JSON (`["TextBox","ChoiceButton","Signature"]`)
   * or a comma list (`text,checkbox,signature`); `name=type` pins a class, `name=ignore` drops it.
   * Unset, `<model>.classes.json` beside the model.
   */
  FORMS_MODEL_CLASSES: optionalString(),
  /** Square input side in pixels (a multiple of 32); unset, read from the model's input shape, else 640. */
  FORMS_MODEL_INPUT_SIZE: z.coerce
    .number()
    .int()
    .min(64)
    .max(4096)
    .refine((n) => n % 32 === 0, "must be a multiple of 32")
    .optional(),
  /** Output layout; auto reads it from the output shape. */
  FORMS_MODEL_LAYOUT: z.enum(["auto", "yolo", "yolo-transposed", "end2end"]).default("auto"),
  /** Detections scoring below this are dropped. */
  FORMS_RASTER_SCORE_THRESHOLD: fraction(0.4),
  /** Non-maximum suppression overlap. */
  FORMS_RASTER_NMS_IOU: fraction(0.5),
  /** ONNX Runtime intra-op threads per process or worker; 0 picks min(2, CPU cores). */
  FORMS_RASTER_THREADS: int(0, 0, 64),
};
