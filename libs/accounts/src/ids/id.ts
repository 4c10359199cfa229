/** SPEC: ids are 1–128 characters of letters, digits, `_ - . :`. */
export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
