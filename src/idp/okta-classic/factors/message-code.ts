import {CloktaError} from '../../../errors.js'
import {OktaApiError, OktaRateLimitError} from '../okta-api.js'
import {profileText, type OktaFactor, type OktaTransaction} from '../types.js'
import {verifyHref, type FactorContext, type VerifyFactor} from './factor-context.js'
import {submitPasscode} from './passcode.js'

export const phoneOf = (factor: OktaFactor): string => profileText(factor, 'phoneNumber') ?? 'your phone'

export interface MessageKind {
  /** names the code in prompts: "SMS" makes "SMS code" */
  label: string
  /** the code in a sentence, article included: "An SMS code" */
  aCode: string
  /** what to tell the user once Okta sent the code */
  sent: (factor: OktaFactor) => string
  /** how often Okta sends another on this channel, told when the user asks sooner */
  limit: string
}

/** Asks for the code again: the resend link where Okta gives one, else the verify link once more (a voice call has none). */
function resender(kind: MessageKind, factor: OktaFactor, challenge: OktaTransaction, tx: OktaTransaction, ctx: FactorContext) {
  const href = challenge._links?.resend?.[0]?.href ?? challenge._links?.next?.href ?? verifyHref(factor)
  return async () => {
    try {
      await ctx.api.post(href, {stateToken: challenge.stateToken ?? tx.stateToken}, {waitOnRateLimit: false})
      ctx.prompter.say(`Sent again. ${kind.sent(factor)}`)
    } catch (error) {
      if (!(error instanceof OktaRateLimitError)) throw error
      // E0000109/E0000133/E0000118 are the channel's own limit; E0000047 is the org's API rate limit.
      const orgLimit = error.cause instanceof OktaApiError && error.cause.oktaCode === 'E0000047'
      ctx.prompter.say(`${orgLimit ? 'Okta is rate-limiting requests right now' : kind.limit}; wait a little, then type r again.`)
    }
  }
}

/**
 * SMS, voice call and email: the first verify call sends the code, the next one checks
 * it. The user can ask for the code again from the prompt, as often as the channel allows.
 */
export function verifyByMessage(kind: MessageKind): VerifyFactor {
  return async (factor, tx, ctx): Promise<OktaTransaction> => {
    if (!ctx.prompter.interactive) {
      throw new CloktaError(
        `${kind.aCode} can only be typed at a terminal.`,
        'input-missing',
        'Run clokta in a terminal, or choose a factor scripts can use with --mfa (push, or an authenticator app with --mfa-code).',
      )
    }
    const challenge = await ctx.api.post(verifyHref(factor), {stateToken: tx.stateToken})
    ctx.prompter.say(kind.sent(factor))
    return submitPasscode(challenge._links?.next?.href ?? verifyHref(factor), challenge, ctx, {
      label: kind.label,
      pattern: /^\d{4,10}$/,
      patternHint: 'Type the digits of the code.',
      resend: resender(kind, factor, challenge, tx, ctx),
    })
  }
}
