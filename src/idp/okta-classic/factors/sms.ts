import {CloktaError} from '../../../errors.js'
import type {OktaFactor, OktaTransaction} from '../types.js'
import {verifyHref, type FactorContext} from './factor-context.js'
import {submitPasscode} from './passcode.js'

/** SMS: the first verify call sends the code, the second one checks it. */
export async function verifySms(factor: OktaFactor, tx: OktaTransaction, ctx: FactorContext): Promise<OktaTransaction> {
  if (!ctx.prompter.interactive) {
    throw new CloktaError('An SMS code can only be typed at a terminal.', 'input-missing', 'Run clokta in a terminal, or choose another factor with --mfa.')
  }
  const challenge = await ctx.api.post(verifyHref(factor), {stateToken: tx.stateToken})
  const phone = String(factor.profile?.phoneNumber ?? 'your phone')
  ctx.prompter.say(`SMS code sent to ${phone}.`)
  return submitPasscode(challenge._links?.next?.href ?? verifyHref(factor), challenge, ctx, {label: 'SMS'})
}
