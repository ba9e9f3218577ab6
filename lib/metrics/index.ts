export { metrics, registerOnce } from "./registry";
