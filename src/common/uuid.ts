const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value has the shape of a uuid: checked before it reaches PostgreSQL, which refuses anything else as a uuid. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
