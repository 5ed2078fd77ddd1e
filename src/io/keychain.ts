import {messageOf} from '../errors.js'
import type {Logger} from './log.js'
import {loadKeyring, type KeyringModule} from './native-addons.js'

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service)
 * through @napi-rs/keyring. Every clokta secret lives under one service name, so
 * `clokta logout --all` can find them. When no keychain is reachable (headless Linux
 * without a Secret Service) each call reports that once and the caller carries on
 * without it: nothing ever falls back to a plaintext file.
 */
export const KEYCHAIN_SERVICE = 'clokta'

export interface Keychain {
  /** undefined when absent or when the keychain cannot be reached */
  get(account: string): Promise<string | undefined>
  /**
   * An item another program kept under its own service (the Python clokta's password).
   * Undefined on Windows, where Python keyring names its credentials differently.
   */
  getFrom(service: string, account: string): Promise<string | undefined>
  /** false when the keychain cannot be reached */
  set(account: string, secret: string): Promise<boolean>
  delete(account: string): Promise<boolean>
  /** every account kept under `service` (clokta's own by default) */
  accounts(service?: string): Promise<string[]>
  /** false once a call found no keychain; the reason is in `unavailable` */
  available(): Promise<boolean>
  readonly unavailable: string | undefined
  /** one line for the user when a keychain was wanted but is not there, ending with what that costs */
  notice(consequence?: string): string
  /**
   * Says notice(consequence) on stderr, at most once a run: the first thing that wanted
   * the keychain says what its absence costs, and nothing after it repeats that.
   */
  sayUnreachable(consequence?: string): void
}

export function openKeychain(log: Logger): Keychain {
  let module: Promise<KeyringModule> | undefined
  let unavailable: string | undefined
  let probed = false
  // Pinned to the Secret Service on Linux: the kernel keyring fallback forgets everything at logout.
  const options = process.platform === 'linux' ? {linux: {store: 'secret-service' as const}} : undefined

  async function attempt<T>(what: string, call: (k: KeyringModule) => Promise<T>): Promise<T | undefined> {
    if (unavailable) return undefined
    try {
      const k = await (module ??= Promise.resolve().then(loadKeyring))
      const out = await call(k)
      probed = true
      return out
    } catch (error) {
      const message = messageOf(error)
      if (probed && !/platform storage|secret service|d-?bus|zbus|no such interface/i.test(message)) {
        log.warn(`The OS keychain failed to ${what}: ${message}`)
        return undefined
      }
      // Said once by whoever needed the keychain (see `unavailable`); a headless run that never
      // asked for it should not be told on every run.
      unavailable = message
      log.debug(`no OS keychain: ${message}`)
      return undefined
    }
  }

  const entry = (k: KeyringModule, account: string, service = KEYCHAIN_SERVICE) => new k.AsyncEntry(service, account, options)
  let said = false
  const keychain: Keychain = {
    get: async (account) => (await attempt('read', (k) => entry(k, account).getPassword())) ?? undefined,
    // Python keyring on Windows names a credential by its service alone (`user@service` for a
    // second user), where @napi-rs/keyring uses `user.service`: not readable as it stands.
    getFrom: async (service, account) =>
      process.platform === 'win32' ? undefined : ((await attempt('read', (k) => entry(k, account, service).getPassword())) ?? undefined),
    set: async (account, secret) => (await attempt('save', async (k) => (await entry(k, account).setPassword(secret), true))) ?? false,
    delete: async (account) => (await attempt('delete', (k) => entry(k, account).deletePassword())) ?? false,
    accounts: async (service = KEYCHAIN_SERVICE) =>
      (await attempt('list', async (k) => (await k.findCredentialsAsync(service)).map((c) => c.account))) ?? [],
    available: async () => {
      if (!probed && !unavailable) await attempt('read', (k) => entry(k, 'probe').getPassword())
      return unavailable === undefined
    },
    get unavailable() {
      return unavailable
    },
    notice: (consequence = 'clokta will ask for your password instead') => {
      const reason = (unavailable ?? 'unknown error').replace(/\.$/, '')
      // Both bindings word it their own way ("DBus error: ...", "zbus error: ..."): the user
      // needs to know there is no Secret Service, not which library failed to connect.
      if (process.platform === 'linux' && /[dz]bus error/i.test(reason)) {
        return `No OS keychain is reachable (no Secret Service on the D-Bus session bus): ${consequence}.`
      }
      // The bus answered but the service could not serve: most often a locked or missing login keyring
      if (process.platform === 'linux' && /secret service/i.test(reason)) {
        return `The OS keychain is not usable (${reason}; is the login keyring unlocked?): ${consequence}.`
      }
      return `No OS keychain is reachable (${reason}): ${consequence}.`
    },
    sayUnreachable: (consequence) => {
      if (!said) log.info(keychain.notice(consequence))
      said = true
    },
  }
  return keychain
}
