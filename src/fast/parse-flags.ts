/** What a fast path read from its command line: each value flag given, and the switches. */
export interface FastFlags<V extends string, B extends string> {
  values: Partial<Record<V, string>>
  switches: Set<B>
}

/**
 * The few flags a fast path knows (`-p x`, `--profile x`, `--profile=x`, switches), or
 * undefined for anything else: an unknown flag, a word, a repeated flag, a missing value or
 * one that looks like a flag. oclif then parses the same line and says what is wrong.
 */
export function parseFastFlags<V extends string, B extends string>(
  args: string[],
  valueFlags: ReadonlyMap<string, V>,
  switchFlags: ReadonlyMap<string, B>,
): FastFlags<V, B> | undefined {
  const values: Partial<Record<V, string>> = {}
  const switches = new Set<B>()
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    const on = switchFlags.get(arg)
    if (on !== undefined) {
      if (switches.has(on)) return undefined
      switches.add(on)
      continue
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const name = valueFlags.get(eq > 0 ? arg.slice(0, eq) : arg)
    const value = eq > 0 ? arg.slice(eq + 1) : args.at(++i)
    if (name === undefined || value === undefined || value.startsWith('-') || values[name] !== undefined) return undefined
    values[name] = value
  }
  return {values, switches}
}
