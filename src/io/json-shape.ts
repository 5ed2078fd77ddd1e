/**
 * Guards for JSON read from files and HTTP: the compiler trusts a shape only after one of
 * these has looked at the value (a cast would trust it unseen).
 */
export type Guard<T> = (value: unknown) => value is T

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function isString(value: unknown): value is string {
  return typeof value === 'string'
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number'
}

export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value): value is T | undefined => value === undefined || guard(value)
}

export function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every(guard)
}

/** An object whose every listed field passes its guard; fields not listed are left alone. */
export function shape<T extends object>(fields: {[K in keyof T]-?: Guard<T[K]>}): Guard<T> {
  return (value): value is T => {
    if (!isRecord(value)) return false
    for (const key in fields) if (!fields[key](value[key])) return false
    return true
  }
}

/** JSON text parsed and checked: throws (SyntaxError, TypeError) when it is not JSON of that shape. */
export function parseJson<T>(text: string, guard: Guard<T>): T {
  const value: unknown = JSON.parse(text)
  if (!guard(value)) throw new TypeError('The JSON does not have the expected shape.')
  return value
}
