import {totpCode, totpKey} from '../../totp.js'
import {verifyHref, type VerifyFactor} from './factor-context.js'
import {submitPasscode} from './passcode.js'

/** Authenticator apps (Okta Verify, Google Authenticator, others): from the seed if one is set, else typed. */
export function verifyTotp(label: string): VerifyFactor {
  return (factor, tx, ctx) => {
    const seed = ctx.otpSecret
    const key = seed && totpKey(seed.value, seed.source)
    return submitPasscode(verifyHref(factor), tx, ctx, {
      label,
      pattern: /^\d{6,8}$/,
      patternHint: 'Type the 6 digits the app shows.',
      fromFlag: ctx.mfaCode,
      generate: key ? {make: () => totpCode(key, ctx.clock.now()), source: seed.source} : undefined,
    })
  }
}
