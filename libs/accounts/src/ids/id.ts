/**
 * SPEC: ids are 1–128 characters of letters, digits, `_ - . :`, and not only dots: `.` and
 * `..` are path segments, so such an id could not be put in a URL (the console's links).
 */
export const ID_PATTERN = /^(?!\.+$)[A-Za-z0-9_.:-]{1,128}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
