/** A JSON value: what survives `JSON.stringify`/`JSON.parse` unchanged. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object; event data, error details and account state are all of this shape. */
export type JsonObject = { [key: string]: JsonValue };
