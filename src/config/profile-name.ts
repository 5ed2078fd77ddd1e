import {CloktaError} from '../errors.js'
import {ACCOUNTS_SECTION, DEFAULT_SECTION} from './clokta-cfg.js'

/**
 * A profile name becomes a file name (~/.clokta/<name>.env) and an INI section header, so
 * it is checked before anything is read or written: no path separators, no `..`, nothing
 * that could close a `[section]` header.
 */
const VALID = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/

/**
 * Control characters, Unicode line separators and bidirectional overrides: echoed raw, a
 * name holding them could end a message early, forge a line after it, recolour or hide text.
 */
const UNSHOWABLE = /[\\\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu
const NAMED: Record<string, string> = {'\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t'}

/** A name (or any text from the command line or a file) as a message may show it: what cannot be shown raw is escaped, \n, \x1b or \u202e. */
export function shownName(name: string): string {
  return name.replace(UNSHOWABLE, (c) => {
    const code = c.codePointAt(0) ?? 0
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  })
}

export const isValidProfileName = (name: string) => VALID.test(name) && !name.includes('..') && name !== ACCOUNTS_SECTION && name !== DEFAULT_SECTION

export function validateProfileName(name: string): string {
  if (name === ACCOUNTS_SECTION) {
    throw new CloktaError('The profile name "accounts" is reserved for the account names in clokta.cfg. Choose another name.', 'usage')
  }
  if (name === DEFAULT_SECTION) {
    // configparser's special section: every other profile would inherit clokta's keys
    throw new CloktaError('The profile name "DEFAULT" is reserved: every other profile would inherit its keys. Choose another name.', 'usage')
  }
  if (!isValidProfileName(name)) {
    throw new CloktaError(
      `Invalid profile name "${shownName(name)}": use letters, digits, ".", "_" and "-" only (at most 128, not starting with "." or "-", no "..").`,
      'usage',
    )
  }
  return name
}
