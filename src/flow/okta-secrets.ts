import type {PasswordSource} from '../idp/okta-classic/login.js'
import type {Keychain} from '../io/keychain.js'
import type {Logger} from '../io/log.js'
import type {Prompter} from '../io/prompter.js'
import {doneWithPythonPassword, PYTHON_CLOKTA_SERVICE, readPythonPassword, type PythonPassword} from './python-clokta-password.js'

/**
 * Keychain accounts, one per Okta org and username: a password, a session and an
 * authenticator seed serve every profile of that org. The origin (scheme included) lets
 * `logout --all` end each session.
 */
export const passwordAccount = (org: URL, username: string) => `okta-password ${org.origin} ${username}`
export const sessionAccount = (org: URL, username: string) => `okta-session ${org.origin} ${username}`
export const totpSeedAccount = (org: URL, username: string) => `okta-totp-seed ${org.origin} ${username}`

export type SecretKind = 'password' | 'session' | 'totp-seed'

export function parseAccount(account: string): {kind: SecretKind; org: URL; username: string} | undefined {
  const m = /^okta-(password|session|totp-seed) (\S+) (.+)$/.exec(account)
  if (!m) return undefined
  try {
    return {kind: m[1] as SecretKind, org: new URL(m[2]), username: m[3]}
  } catch {
    return undefined
  }
}

export interface PasswordPolicy {
  org: URL
  username: string
  /** okta_password from the environment: used as given, never stored */
  fromEnv?: string
  /** save_password_in_keychain */
  keep: boolean
  /**
   * Sets save_password_in_keychain = False where it was set, for when the keychain will
   * not remove a rejected password: the next run must not send it again. Returns where,
   * or undefined when the environment sets it and no file can overrule that.
   */
  stopKeeping(): Promise<string | undefined>
}

/**
 * The password from the environment, else clokta's own in the keychain (when kept there),
 * else the one the Python clokta kept (read once: see python-clokta-password.ts), else the
 * prompt.
 */
export function passwordSource(policy: PasswordPolicy, keychain: Keychain, prompter: Prompter, log: Logger): PasswordSource {
  const account = passwordAccount(policy.org, policy.username)
  let stored: string | undefined
  let python: PythonPassword | undefined
  let skipKeychain = false
  let skipPython = false
  return {
    async get() {
      if (policy.fromEnv !== undefined) return {value: policy.fromEnv, stored: false}
      stored = undefined
      python = undefined
      if (policy.keep && !skipKeychain) {
        stored = await keychain.get(account)
        if (stored !== undefined) {
          log.secret(stored)
          log.debug('using the Okta password from the OS keychain')
          return {value: stored, stored: true}
        }
      }
      if (!skipPython) {
        python = await readPythonPassword(policy.username, keychain, log)
        if (python) {
          log.debug(
            `using the Okta password the Python clokta kept in the OS keychain${policy.keep ? '' : ' (for this run only: save_password_in_keychain is not True)'}`,
          )
          return {value: python.value, stored: true}
        }
      }
      if (policy.keep && !(await keychain.available())) keychain.sayUnreachable()
      const value = await prompter.password({message: 'Okta password', subject: 'the Okta password', provide: 'set okta_password in the environment'})
      log.secret(value)
      return {value, stored: false}
    },
    async accepted(password) {
      if (policy.fromEnv !== undefined || !policy.keep || password === stored) return
      if (!(await keychain.set(account, password))) {
        if (!(await keychain.available())) keychain.sayUnreachable()
        return
      }
      log.debug('kept the Okta password in the OS keychain')
      if (python?.value !== password) return
      // Moved: from now on clokta's own entry serves, and logout or a rejection of it must not bring this one back.
      const done = await doneWithPythonPassword(policy.username, python.fingerprint, keychain)
      if (!done) log.debug("the keychain would not record that the Python clokta's password was moved")
      log.info(
        `Moved the Okta password the Python clokta kept in the OS keychain to clokta's own entry; the Python clokta's entry (service ${PYTHON_CLOKTA_SERVICE}) is left as it was.`,
      )
    },
    async rejected() {
      if (python) {
        skipPython = true
        const done = await doneWithPythonPassword(policy.username, python.fingerprint, keychain)
        const lead = 'Okta rejected the password the Python clokta kept in the OS keychain'
        return done
          ? `${lead}; clokta will not send it again (its entry, service ${PYTHON_CLOKTA_SERVICE}, is left as it was for the Python clokta).`
          : `${lead}, and the keychain would not record that: remove its entry (service ${PYTHON_CLOKTA_SERVICE}) with your keychain app, or the next run sends it again.`
      }
      skipKeychain = true
      stored = undefined
      if (await keychain.delete(account)) return 'Okta rejected the password stored in the OS keychain; it has been removed from the keychain.'
      // Rare (a keychain that reads but will not delete), and the one case where the next
      // run would send a rejected password again: stop reading the keychain instead.
      const where = await policy.stopKeeping()
      const lead = 'Okta rejected the password stored in the OS keychain, and the keychain would not remove it'
      return where
        ? `${lead}: clokta set save_password_in_keychain = False in ${where} so that it is never sent again. Remove it with your keychain app (service clokta).`
        : `${lead}. Remove it with your keychain app (service clokta) before running clokta again: save_password_in_keychain comes from the environment, so the next run would send it again.`
    },
  }
}
