import {CloktaError} from '../../../errors.js'
import {OktaRateLimitError} from '../okta-api.js'
import type {OktaFactor, OktaTransaction} from '../types.js'
import {verifyHref, type VerifyFactor} from './factor-context.js'
import {submitPasscode} from './passcode.js'

export const phoneOf = (factor: OktaFactor): string => String(factor.profile?.phoneNumber ?? 'your phone')

export interface MessageKind {
  label: string
  /** what to tell the user once Okta sent the code */
  sent: (factor: OktaFactor) => string
}

/**
 * SMS, voice call and email: the first verify call sends the code, the next one checks
 * it. The user can ask for the code again from the prompt; Okta allows one every 30 s.
 */
export function verifyByMessage(kind: MessageKind): VerifyFactor {
  return async (factor, tx, ctx): Promise<OktaTransaction> => {
    if (!ctx.prompter.interactive) {
      throw new CloktaError(
        `A ${kind.label} code can only be typed at a terminal.`,
        'input-missing',
        'Run clokta in a terminal, or choose a factor scripts can use with --mfa (push, or an authenticator app with --mfa-code).',
      )
    }
    const challenge = await ctx.api.post(verifyHref(factor), {stateToken: tx.stateToken})
    ctx.prompter.say(kind.sent(factor))
    const resendHref = challenge._links?.resend?.[0]?.href
    const resend = resendHref
      ? async () => {
          try {
            await ctx.api.post(resendHref, {stateToken: challenge.stateToken ?? tx.stateToken}, {waitOnRateLimit: false})
            ctx.prompter.say(`Sent again. ${kind.sent(factor)}`)
          } catch (error) {
            if (!(error instanceof OktaRateLimitError)) throw error
            ctx.prompter.say('Okta sends at most one code every 30 seconds; wait a little, then type r again.')
          }
        }
      : undefined
    return submitPasscode(challenge._links?.next?.href ?? verifyHref(factor), challenge, ctx, {
      label: kind.label,
      pattern: /^\d{4,10}$/,
      patternHint: 'Type the digits of the code.',
      resend,
    })
  }
}
