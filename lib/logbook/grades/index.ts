export { parseRating } from "./parse-rating";
export { gradeOf } from "./grade";
export type { Grade, GradeSystem, ParsedRating } from "./types";
