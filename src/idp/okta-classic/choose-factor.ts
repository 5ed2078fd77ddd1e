import {CloktaError} from '../../errors.js'
import type {Logger} from '../../io/log.js'
import type {Prompter} from '../../io/prompter.js'
import {factorLabel, factorMatches, kindOf} from './factor-catalog.js'
import type {OktaFactor} from './types.js'

export interface FactorPreference {
  value?: string
  /** where the preference came from, to name it in messages */
  source?: string
}

/**
 * Picks the factor to verify: the preferred one when it is enrolled, the only usable one
 * without asking, otherwise the user's choice. Factors a terminal cannot complete are
 * never offered.
 */
export async function chooseFactor(
  factors: OktaFactor[],
  preference: FactorPreference,
  prompter: Prompter,
  log: Logger,
): Promise<OktaFactor> {
  const usable = factors.filter((f) => kindOf(f)?.verify !== undefined)
  const list = (fs: OktaFactor[]) => fs.map(factorLabel).join(', ')
  if (usable.length === 0) {
    throw new CloktaError(
      `None of your Okta factors can be used from a terminal (enrolled: ${list(factors) || 'none'}).`,
      'okta-mfa',
      'Enrol Okta Verify, Google Authenticator or SMS in Okta (Settings > Extra verification), then run clokta again.',
    )
  }
  if (preference.value) {
    const preferred = usable.find((f) => factorMatches(f, preference.value!))
    if (preferred) return preferred
    log.warn(
      `The MFA factor "${preference.value}" (from ${preference.source ?? 'your settings'}) is not enrolled for you; enrolled: ${list(usable)}.`,
    )
  }
  if (usable.length === 1) return usable[0]
  const id = await prompter.select({
    message: 'Choose an MFA factor',
    subject: 'the MFA factor',
    provide: `pass --mfa with one of: ${list(usable)}`,
    choices: usable.map((f) => ({name: f.id, message: factorLabel(f)})),
  })
  return usable.find((f) => f.id === id)!
}
