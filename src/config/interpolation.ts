/**
 * clokta.cfg values as Python's `configparser.ConfigParser()` (BasicInterpolation) gives
 * them, since the original clokta read the file that way: `%%` is a `%`, `%(name)s` is the
 * value of key `name` (case-insensitive), and a value so found is expanded in turn, at most
 * MAX_INTERPOLATION_DEPTH levels deep. Any other `%` is an error, as it is for configparser.
 */
export const MAX_INTERPOLATION_DEPTH = 10

export type InterpolationProblem =
  /** a `%` not followed by `%` or `(name)s`; `through` names the keys whose values led there */
  {kind: 'syntax'; through: string[]} | {kind: 'missing'; name: string; through: string[]} | {kind: 'depth'}

export type Interpolated = {ok: true; value: string} | {ok: false; problem: InterpolationProblem}

// configparser's BasicInterpolation._KEYCRE
const REFERENCE = /^%\(([^)]+)\)s/

/** @param lookup a key's raw value, as configparser's map of the section then [DEFAULT] gives it */
export function interpolate(raw: string, lookup: (name: string) => string | undefined): Interpolated {
  const out: string[] = []
  const expand = (rest: string, depth: number, through: string[]): InterpolationProblem | undefined => {
    // checked on entry, before the value is looked at, as configparser does
    if (depth > MAX_INTERPOLATION_DEPTH) return {kind: 'depth'}
    while (rest !== '') {
      const p = rest.indexOf('%')
      if (p < 0) {
        out.push(rest)
        return undefined
      }
      out.push(rest.slice(0, p))
      rest = rest.slice(p)
      const next = rest.charAt(1)
      if (next === '%') {
        out.push('%')
        rest = rest.slice(2)
      } else if (next === '(') {
        const m = REFERENCE.exec(rest)
        if (!m) return {kind: 'syntax', through}
        const name = m[1].toLowerCase()
        rest = rest.slice(m[0].length)
        const value = lookup(name)
        if (value === undefined) return {kind: 'missing', name, through}
        if (value.includes('%')) {
          const problem = expand(value, depth + 1, [...through, name])
          if (problem) return problem
        } else out.push(value)
      } else return {kind: 'syntax', through}
    }
    return undefined
  }
  const problem = expand(raw, 1, [])
  return problem ? {ok: false, problem} : {ok: true, value: out.join('')}
}

/** A value as configparser must find it to read it back unchanged. */
export function escapePercent(value: string): string {
  return value.replaceAll('%', '%%')
}
