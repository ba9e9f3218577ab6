export { apiRoute, type HandlerContext } from "./route";
export { json, noContent } from "@/lib/http/json";
