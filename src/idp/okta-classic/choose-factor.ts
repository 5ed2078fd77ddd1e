import {CloktaError} from '../../errors.js'
import type {Logger} from '../../io/log.js'
import type {Prompter} from '../../io/prompter.js'
import {canVerify, describePreference, factorLabel, factorMatches, type FactorPreference} from './factor-catalog.js'
import type {OktaFactor} from './types.js'

const TERMINAL_FACTORS = 'Okta Verify (push or code), Google Authenticator, SMS, voice call, email, YubiKey, RSA SecurID or Symantec VIP'

/**
 * Picks the factor to verify: the preferred one when it is enrolled, the only usable one
 * without asking, otherwise the user's choice. Factors a terminal cannot complete
 * (WebAuthn, U2F, Duo) are shown as unavailable, never chosen.
 */
export async function chooseFactor(
  factors: OktaFactor[],
  preference: FactorPreference,
  prompter: Prompter,
  log: Logger,
  org: string,
): Promise<OktaFactor> {
  const usable = factors.filter(canVerify)
  const unusable = factors.filter((f) => !canVerify(f))
  const list = (fs: OktaFactor[]) => fs.map(factorLabel).join(', ')
  if (usable.length === 0) {
    throw new CloktaError(
      `None of your Okta factors can be completed in a terminal (found: ${list(factors) || 'none'}).`,
      'okta-mfa',
      `Enrol one that can (${TERMINAL_FACTORS}) at ${org}, then run clokta again.`,
    )
  }
  const wanted = describePreference(preference)
  if (wanted) {
    const preferred = usable.find((f) => factorMatches(f, preference))
    if (preferred) return preferred
    const browserOnly = unusable.find((f) => factorMatches(f, preference))
    log.warn(
      browserOnly
        ? `${factorLabel(browserOnly)} (from ${preference.source ?? 'your settings'}) needs a browser; clokta can use: ${list(usable)}.`
        : `The MFA factor "${wanted}" (from ${preference.source ?? 'your settings'}) is not enrolled for you; enrolled: ${list(usable)}${unusable.length ? ` (and, needing a browser: ${list(unusable)})` : ''}.`,
    )
  }
  if (usable.length === 1) return usable[0]
  const id = await prompter.select({
    message: 'Choose an MFA factor',
    subject: 'the MFA factor',
    provide: `pass --mfa with one of: ${usable.map((f) => `"${factorLabel(f)}"`).join(', ')}`,
    choices: [
      ...usable.map((f) => ({name: f.id, message: factorLabel(f)})),
      ...unusable.map((f) => ({name: f.id, message: factorLabel(f), disabled: 'needs a browser'})),
    ],
  })
  return usable.find((f) => f.id === id)!
}
