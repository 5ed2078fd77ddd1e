import {CloktaError} from '../../errors.js'
import type {Logger} from '../../io/log.js'
import type {Prompter} from '../../io/prompter.js'
import {canVerify, describePreference, factorLabel, factorMatches, takesCode, type FactorPreference} from './factor-catalog.js'
import type {OktaFactor} from './types.js'

const TERMINAL_FACTORS = 'Okta Verify (push or code), Google Authenticator, SMS, voice call, email, YubiKey, RSA SecurID or Symantec VIP'

/**
 * Picks the factor to verify: the preferred one when it is enrolled, the only usable one
 * without asking, otherwise the user's choice. Factors a terminal cannot complete
 * (WebAuthn, U2F, Duo) are shown as unavailable, never chosen. Given --mfa-code, only
 * factors whose code exists up front qualify: a script must not end up waiting on a push.
 */
export async function chooseFactor(
  factors: OktaFactor[],
  preference: FactorPreference,
  prompter: Prompter,
  log: Logger,
  options: {org: string; codeGiven: boolean},
): Promise<OktaFactor> {
  const usable = factors.filter(canVerify)
  const unusable = factors.filter((f) => !canVerify(f))
  const list = (fs: OktaFactor[]) => fs.map(factorLabel).join(', ')
  if (usable.length === 0) {
    throw new CloktaError(
      `None of your Okta factors can be completed in a terminal (found: ${list(factors) || 'none'}).`,
      'okta-mfa',
      `Enrol one that can (${TERMINAL_FACTORS}) at ${options.org}, then run clokta again.`,
    )
  }
  const pool = options.codeGiven ? usable.filter(takesCode) : usable
  if (pool.length === 0) {
    throw new CloktaError(
      `--mfa-code was given, but none of your factors takes a code up front (enrolled: ${list(usable)}).`,
      'usage',
      'Drop --mfa-code and answer the factor, or enrol an authenticator app.',
    )
  }
  const wanted = describePreference(preference)
  if (wanted) {
    // Several may match (totp, with two authenticator apps): the first Okta lists, named so that the user knows which app to open.
    const matching = pool.filter((f) => factorMatches(f, preference))
    const preferred = matching.at(0)
    if (preferred) {
      const others = matching.slice(1)
      if (others.length > 0)
        log.info(`Using ${factorLabel(preferred)}, the first of your factors matching "${wanted}" (also enrolled: ${list(others)}).`)
      return preferred
    }
    const from = preference.source ?? 'your settings'
    const noCode = usable.find((f) => factorMatches(f, preference))
    const browserOnly = unusable.find((f) => factorMatches(f, preference))
    if (noCode && (preference.source === '--mfa' || preference.source === 'the --mfa flags')) {
      throw new CloktaError(`--mfa-code cannot be used with ${factorLabel(noCode)}: it takes no code typed up front.`, 'usage')
    }
    log.warn(
      noCode
        ? `${factorLabel(noCode)} (from ${from}) takes no code; using a factor that does, for --mfa-code.`
        : browserOnly
          ? `${factorLabel(browserOnly)} (from ${from}) needs a browser; clokta can use: ${list(usable)}.`
          : `The MFA factor "${wanted}" (from ${from}) is not enrolled for you; enrolled: ${list(usable)}${unusable.length ? ` (and, needing a browser: ${list(unusable)})` : ''}.`,
    )
  }
  if (pool.length === 1) return pool[0]
  const id = await prompter.select({
    message: 'Choose an MFA factor',
    subject: 'the MFA factor',
    provide: `pass --mfa with one of: ${pool.map((f) => `"${factorLabel(f)}"`).join(', ')}`,
    choices: [
      ...pool.map((f) => ({name: f.id, message: factorLabel(f)})),
      ...unusable.map((f) => ({name: f.id, message: factorLabel(f), disabled: 'needs a browser'})),
    ],
  })
  const chosen = pool.find((f) => f.id === id)
  if (!chosen) throw new CloktaError(`The MFA factor chosen (${id}) is not one that was offered.`, 'okta-mfa')
  return chosen
}
