export { computePyramids, type DisciplinePyramid, type PyramidLevel } from "./compute-pyramid";
