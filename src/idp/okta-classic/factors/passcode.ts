import {CloktaError} from '../../../errors.js'
import {OktaApiError} from '../okta-api.js'
import type {OktaFactor, OktaTransaction} from '../types.js'
import type {FactorContext} from './factor-context.js'

const MAX_TRIES = 3

/**
 * Sends a one-time code to `href` until Okta accepts it. A code typed at the prompt may be
 * retyped (up to 3 tries); a code from --mfa-code is tried once, since retrying it would
 * only send the same wrong code again.
 */
export async function submitPasscode(
  href: string,
  tx: OktaTransaction,
  ctx: FactorContext,
  ask: {label: string; fromFlag?: string},
): Promise<OktaTransaction> {
  for (let attempt = 1; ; attempt++) {
    const fromFlag = attempt === 1 ? ask.fromFlag : undefined
    const code = (
      fromFlag ??
      (await ctx.prompter.input({
        message: `${ask.label} code`,
        subject: `the ${ask.label} code`,
        provide: 'pass it with --mfa-code',
        validate: (v) => /^\s*\d{4,10}\s*$/.test(v) || 'Type the digits the code has.',
      }))
    ).replace(/\s+/g, '')
    ctx.log.secret(code)
    try {
      return await ctx.api.post(href, {stateToken: tx.stateToken, passCode: code})
    } catch (error) {
      if (!(error instanceof OktaApiError) || error.oktaCode !== 'E0000068') throw error
      if (fromFlag !== undefined || !ctx.prompter.interactive || attempt >= MAX_TRIES) {
        throw new CloktaError(
          `Okta did not accept the ${ask.label} code${attempt > 1 ? ` (${attempt} tries)` : ''} (E0000068).`,
          'okta-mfa',
          'Check the code and the time on the device that makes it, then run clokta again.',
        )
      }
      ctx.prompter.say(`That code was not accepted. Try again (${MAX_TRIES - attempt} ${MAX_TRIES - attempt === 1 ? 'try' : 'tries'} left).`)
    }
  }
}

/** TOTP apps (Okta Verify, Google Authenticator) and hardware tokens: the code is already on the device. */
export function verifyWithPasscode(label: string) {
  return (factor: OktaFactor, tx: OktaTransaction, ctx: FactorContext) =>
    submitPasscode(factor._links!.verify!.href, tx, ctx, {label, fromFlag: ctx.mfaCode})
}
