import {createHash} from 'node:crypto'

import type {Keychain} from '../io/keychain.js'
import type {Logger} from '../io/log.js'

/**
 * The Okta password the Python clokta kept, so its users switch without typing it. It
 * stored it with Python keyring under this service and the Okta username as account
 * (on Linux a Secret Service item with attributes service and username, as
 * @napi-rs/keyring looks them up; on macOS a generic password), obfuscated as
 * deobfuscatePythonClokta undoes. clokta never changes or removes that item: the Python
 * clokta may still be in use.
 */
export const PYTHON_CLOKTA_SERVICE = 'clokta.okta_password'

/**
 * Under clokta's own service: the fingerprint of the Python clokta's item once clokta is
 * done with it (moved into clokta's own entry, rejected by Okta, or forgotten by
 * logout), so that value is never read, let alone sent, again. A value the Python clokta
 * saves later has another fingerprint and is read once in its turn.
 */
export const pythonDoneAccount = (username: string) => `python-clokta-password ${username}`

export const fingerprint = (stored: string) => `sha256:${createHash('sha256').update(stored, 'utf8').digest('hex')}`

/** Python's ord() of each character: Array.from splits by code point, so none is empty. */
const codePoints = (text: string) => Array.from(text).flatMap((c) => c.codePointAt(0) ?? [])

/**
 * The Python clokta's __deobfuscate: urlsafe base64, UTF-8, then each code point minus
 * the username's code point at the same place (cycling), modulo 256. Undefined where
 * Python would have failed too (not base64 of UTF-8), so nothing garbled is sent.
 */
export function deobfuscatePythonClokta(stored: string, username: string): string | undefined {
  if (!stored || !username || !/^[A-Za-z0-9_=-]+$/.test(stored)) return undefined
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(Buffer.from(stored, 'base64url'))
  } catch {
    return undefined
  }
  const salt = codePoints(username)
  return codePoints(text)
    .map((code, i) => String.fromCodePoint((((code - salt[i % salt.length]) % 256) + 256) % 256))
    .join('')
}

export interface PythonPassword {
  value: string
  fingerprint: string
}

/** The Python clokta's password for `username`, unless clokta is already done with that value. */
export async function readPythonPassword(username: string, keychain: Keychain, log: Logger): Promise<PythonPassword | undefined> {
  const stored = await keychain.getFrom(PYTHON_CLOKTA_SERVICE, username)
  if (stored === undefined) return undefined
  log.secret(stored)
  const print = fingerprint(stored)
  if ((await keychain.get(pythonDoneAccount(username))) === print) {
    log.debug("the Python clokta's password in the OS keychain was used up before: not read again")
    return undefined
  }
  const value = deobfuscatePythonClokta(stored, username)
  if (value === undefined) {
    log.debug("the Python clokta's password in the OS keychain could not be decoded: not used")
    return undefined
  }
  log.secret(value)
  return {value, fingerprint: print}
}

/** Never read this value of the Python clokta's item again. False when the keychain would not record that. */
export const doneWithPythonPassword = (username: string, print: string, keychain: Keychain) => keychain.set(pythonDoneAccount(username), print)
