/** A JSON object column. `any` values, because TypeORM's update typing cannot see through `unknown`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonObject = Record<string, any>;
