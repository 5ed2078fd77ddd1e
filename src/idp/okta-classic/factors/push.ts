import {CloktaError} from '../../../errors.js'
import {startSpinner} from '../../../io/spinner.js'
import type {OktaFactor, OktaTransaction} from '../types.js'
import {verifyHref, type FactorContext} from './factor-context.js'

/** Poll briskly while the user is likely reaching for the phone, then ease off Okta's rate limit. */
function pollDelay(elapsedMs: number): number {
  return elapsedMs < 10_000 ? 1_000 : 2_000
}

function waitingText(tx: OktaTransaction): string {
  const answer = tx._embedded?.factor?._embedded?.challenge?.correctAnswer
  return answer === undefined
    ? 'Okta Verify push sent. Approve it on your phone...'
    : `Okta Verify push sent. Tap ${answer} on your phone...`
}

/**
 * Okta Verify push: the first verify call sends the push; Okta then answers WAITING (with
 * the number to tap when number challenge is on) until the user approves or rejects.
 */
export async function verifyPush(factor: OktaFactor, tx: OktaTransaction, ctx: FactorContext): Promise<OktaTransaction> {
  const started = ctx.clock.now()
  let current = await ctx.api.post(verifyHref(factor), {stateToken: tx.stateToken})
  const spinner = startSpinner(waitingText(current), ctx.terminal)
  try {
    while (current.status === 'MFA_CHALLENGE' && current.factorResult === 'WAITING') {
      spinner.update(waitingText(current))
      const elapsed = ctx.clock.now() - started
      if (elapsed >= ctx.pushTimeoutMs) {
        throw new CloktaError(
          `The Okta Verify push was not approved within ${Math.round(ctx.pushTimeoutMs / 1000)} s.`,
          'okta-mfa',
          'Run clokta again to send a new push.',
        )
      }
      await ctx.clock.sleep(pollDelay(elapsed))
      current = await ctx.api.post(current._links?.next?.href ?? verifyHref(factor), {stateToken: current.stateToken ?? tx.stateToken})
    }
  } catch (error) {
    spinner.stop()
    throw error
  }
  if (current.status === 'SUCCESS') {
    spinner.stop('Okta Verify push approved.')
    return current
  }
  spinner.stop()
  switch (current.factorResult) {
    case 'REJECTED':
      throw new CloktaError(
        'The Okta Verify push was rejected on your phone.',
        'okta-mfa',
        'If you did not reject it, run clokta again; if you did not start this login, tell your security team.',
      )
    case 'TIMEOUT':
      throw new CloktaError('The Okta Verify push expired before it was approved.', 'okta-mfa', 'Run clokta again to send a new push.')
    default:
      throw new CloktaError(
        `Okta answered the push with ${current.status}${current.factorResult ? `/${current.factorResult}` : ''}, which clokta does not expect.`,
        'okta-mfa',
      )
  }
}
