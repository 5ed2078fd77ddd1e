import {CloktaError} from '../errors.js'
import {ACCOUNTS_SECTION, DEFAULT_SECTION} from './clokta-cfg.js'

/**
 * A profile name becomes a file name (~/.clokta/<name>.env) and an INI section header, so
 * it is checked before anything is read or written: no path separators, no `..`, nothing
 * that could close a `[section]` header.
 */
const VALID = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/

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
      `Invalid profile name "${name}": use letters, digits, ".", "_" and "-" only (at most 128, not starting with "." or "-", no "..").`,
      'usage',
    )
  }
  return name
}
