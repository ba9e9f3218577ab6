export { classifyWidget, type DropReason, TINY_POINTS, type WidgetTruth, widgetTruth } from "./widget-truth";
export { flattenForm, type FlattenResult } from "./flatten-form";
export { countByType, layoutKey, realId, type RealSource, type RealSplit, type RealTruth, splitDocuments } from "./real-set";
