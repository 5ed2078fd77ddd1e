import {CloktaError} from '../errors.js'

/** configparser's getboolean() words, so the original clokta's `True`/`False` read as meant. */
export function parseBoolean(raw: string, source: string): boolean {
  const v = raw.trim().toLowerCase()
  if (['1', 'yes', 'true', 'on'].includes(v)) return true
  if (['0', 'no', 'false', 'off'].includes(v)) return false
  throw new CloktaError(`${source} is "${raw}", which is neither True nor False.`, 'config')
}
