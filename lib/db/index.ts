export { db, getDatabase, setDatabase, closeDatabase, openDatabase, type Database } from "./database";
export type { Sql, SqlRunner, Dialect, QueryOptions } from "./sql";
