import {CloktaError} from '../../../errors.js'
import {Interrupted, whileCatchingCtrlC} from '../../../io/interrupt.js'
import {startSpinner, type Spinner} from '../../../io/spinner.js'
import type {OktaFactor, OktaTransaction} from '../types.js'
import {verifyHref, type FactorContext} from './factor-context.js'

/** Poll briskly while the user is likely reaching for the phone, then ease off Okta's rate limit. */
function pollDelay(elapsedMs: number): number {
  return elapsedMs < 10_000 ? 1_000 : 2_000
}

function waitingText(tx: OktaTransaction): string {
  const answer = tx._embedded?.factor?._embedded?.challenge?.correctAnswer
  return answer === undefined ? 'Okta Verify push sent. Approve it on your phone...' : `Okta Verify push sent. Tap ${answer} on your phone...`
}

/** Polls until the push is answered, or until our own timeout (then the answer is still WAITING). */
async function pollUntilAnswered(
  first: OktaTransaction,
  factor: OktaFactor,
  ctx: FactorContext,
  spinner: Spinner,
  signal: AbortSignal,
): Promise<OktaTransaction> {
  const started = ctx.clock.now()
  let current = first
  while (current.status === 'MFA_CHALLENGE' && current.factorResult === 'WAITING') {
    spinner.update(waitingText(current))
    const elapsed = ctx.clock.now() - started
    if (elapsed >= ctx.pushTimeoutMs) return current
    await ctx.clock.sleep(pollDelay(elapsed), signal)
    current = await ctx.api.post(current._links?.next?.href ?? verifyHref(factor), {stateToken: current.stateToken}, {idempotent: true})
  }
  return current
}

/** After a timeout the user may want another push (the phone was in a pocket); never after a rejection. */
async function offerResend(ctx: FactorContext, why: string): Promise<boolean> {
  if (!ctx.prompter.interactive) return false
  return ctx.prompter.confirm({message: `${why} Send another push?`, subject: 'whether to resend the push', provide: '', initial: true})
}

/**
 * Okta Verify push: the first verify call sends the push; Okta then answers WAITING (with
 * the number to tap when number challenge is on) until the user approves or rejects it,
 * or Okta gives up (TIMEOUT). clokta also stops waiting after --push-timeout.
 */
export async function verifyPush(factor: OktaFactor, tx: OktaTransaction, ctx: FactorContext): Promise<OktaTransaction> {
  let current = await ctx.api.post(verifyHref(factor), {stateToken: tx.stateToken})
  for (;;) {
    const sent = current
    let spinner: Spinner | undefined
    try {
      current = await whileCatchingCtrlC((signal) => {
        // started once Ctrl-C is caught: the user may press it as soon as the spinner shows
        spinner = startSpinner(waitingText(sent), ctx.terminal, (line) => ctx.prompter.say(line))
        return pollUntilAnswered(sent, factor, ctx, spinner, signal)
      })
    } catch (error) {
      // authenticate() tells Okta the login is abandoned
      if (error instanceof Interrupted) throw new CloktaError('Cancelled.', 'cancelled')
      throw error
    } finally {
      spinner?.stop(current.status !== 'MFA_CHALLENGE' ? 'Okta Verify push approved.' : undefined)
    }
    // Approved: SUCCESS, or whatever Okta asks after MFA (PASSWORD_WARN, PASSWORD_EXPIRED) for authn to handle.
    if (current.status !== 'MFA_CHALLENGE') return current
    const timedOut = current.factorResult === 'WAITING' || current.factorResult === 'TIMEOUT'
    if (!timedOut) break
    const why =
      current.factorResult === 'WAITING'
        ? `The Okta Verify push was not approved within ${Math.round(ctx.pushTimeoutMs / 1000)} s.`
        : 'The Okta Verify push expired before it was approved.'
    const resendHref = current._links?.resend?.find((l) => l.name === 'push')?.href ?? current._links?.next?.href
    if (!resendHref || !(await offerResend(ctx, why))) {
      throw new CloktaError(why, 'okta-mfa', 'Run clokta again to send a new push.')
    }
    current = await ctx.api.post(resendHref, {stateToken: current.stateToken ?? tx.stateToken})
  }
  if (current.factorResult === 'REJECTED') {
    throw new CloktaError(
      'The Okta Verify push was rejected on your phone.',
      'okta-mfa',
      'If you did not reject it, run clokta again; if you did not start this login, tell your security team.',
    )
  }
  throw new CloktaError(
    `Okta answered the push with ${current.status}${current.factorResult ? `/${current.factorResult}` : ''}, which clokta cannot complete.`,
    'okta-mfa',
    'Run clokta again, or choose another factor with --mfa.',
  )
}
