import {CloktaError} from '../errors.js'
import {shellQuote} from './shell-script.js'

export const ENV_FORMATS = ['sh', 'fish', 'powershell', 'dotenv', 'json'] as const
export type EnvFormat = (typeof ENV_FORMATS)[number]

/** fish's single quotes take `\\` and `\'` as escapes and every other byte literally. */
export function fishQuote(value: string): string {
  return `'${value.replace(/[\\']/g, '\\$&')}'`
}

/**
 * PowerShell's single-quoted string is verbatim but for a quote, written twice; it counts the
 * typographic single quotes (‘ ’ ‚ ‛) as quotes too, so those are doubled as well.
 */
export function powershellQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`
}

/**
 * A value as both docker-compose's env_file reader and the dotenv package read it back:
 * bare when it holds nothing either could take for syntax, else in single quotes, which both
 * read literally (no `$` expansion in Compose). A single quote or a line break has no
 * spelling the two agree on: refused rather than written so that one of them misreads it.
 * AWS keys, tokens, dates and region names are always bare.
 */
export function dotenvValue(name: string, value: string): string {
  if (/^[A-Za-z0-9_+/=.:,@%-]*$/.test(value)) return value
  // eslint-disable-next-line no-control-regex
  if (/['\u0000-\u001f\u007f]/.test(value)) {
    throw new CloktaError(`The value of ${name} holds a quote or a control character that a .env file cannot carry; use --format json.`, 'usage')
  }
  return `'${value}'`
}

/**
 * The credentials as `format` gives them to a shell or a program, one statement per line.
 * Shell formats also unset `unset` (AWS_PROFILE...), which would otherwise win over the keys.
 */
export function renderEnvironment(format: EnvFormat, variables: [string, string][], unset: string[]): string {
  const lines = ((): string[] => {
    switch (format) {
      case 'sh':
        return [`unset ${unset.join(' ')}`, ...variables.map(([n, v]) => `export ${n}=${shellQuote(v)}`)]
      case 'fish':
        // -g: the session's variable only; a universal one (set -U) is saved for every fish session and is the user's to drop
        return [...unset.map((n) => `set -e -g ${n}`), ...variables.map(([n, v]) => `set -gx ${n} ${fishQuote(v)}`)]
      case 'powershell':
        return [
          ...unset.map((n) => `Remove-Item Env:${n} -ErrorAction SilentlyContinue`),
          ...variables.map(([n, v]) => `$Env:${n} = ${powershellQuote(v)}`),
        ]
      case 'dotenv':
        return variables.map(([n, v]) => `${n}=${dotenvValue(n, v)}`)
      case 'json':
        return [JSON.stringify(Object.fromEntries(variables), null, 2)]
    }
  })()
  return lines.join('\n') + '\n'
}
