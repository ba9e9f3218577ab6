export { iou } from "./iou";
export { FIELD_TYPES, matchFields, type FieldMatch, type MatchOptions, type MatchResult } from "./match-fields";
export { FieldScorer, formatMetrics, scores, type Counts, type FieldMetrics, type Scores } from "./field-metrics";
