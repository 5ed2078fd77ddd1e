import {CloktaError, messageOf} from '../../errors.js'
import {chooseFactor} from './choose-factor.js'
import {factorLabel, kindOf, type FactorPreference} from './factor-catalog.js'
import type {FactorContext} from './factors/factor-context.js'
import {OktaApiError} from './okta-api.js'
import type {OktaTransaction} from './types.js'

export interface AuthnInput {
  username: string
  password: string
  mfa: FactorPreference
  /** Okta accepted the password (before MFA): the moment to keep it, if the user wants that */
  onPasswordAccepted?: () => Promise<void>
}

/** Okta said no to the username or password: the one error after which a stored password must go. */
export class BadPasswordError extends CloktaError {}

function primaryAuthError(error: unknown, username: string, org: URL): unknown {
  if (!(error instanceof OktaApiError)) return error
  if (error.oktaCode === 'E0000004' || error.oktaCode === 'E0000207') {
    return new BadPasswordError(
      `Okta rejected the username or password for ${username} (${error.oktaCode}).`,
      'okta-auth',
      `Check both (clokta configure changes the username) and run clokta again; clokta never retries a password by itself, since repeated failures lock the account. (Org: ${org.host})`,
    )
  }
  return error
}

/**
 * The user gave up (Ctrl-C at a prompt or during a push): the transaction is cancelled at
 * Okta rather than left to expire, so that a push approved later approves nothing.
 */
async function cancelTransaction(tx: OktaTransaction, ctx: FactorContext): Promise<void> {
  if (!tx.stateToken) return
  try {
    await ctx.api.post(tx._links?.cancel?.href ?? '/api/v1/authn/cancel', {stateToken: tx.stateToken}, {waitOnRateLimit: false})
  } catch (error) {
    ctx.log.debug(`Okta did not cancel the login: ${messageOf(error)}`)
  }
}

/** Follows the transaction from the first answer to SUCCESS, one state at a time; `current` holds the latest, for cancelling it. */
async function completeTransaction(current: {tx: OktaTransaction}, input: AuthnInput, ctx: FactorContext): Promise<string> {
  const {api, log} = ctx
  const org = api.org.origin
  let tx = current.tx
  for (let step = 0; step < 10; step++) {
    current.tx = tx
    switch (tx.status) {
      case 'SUCCESS':
        if (!tx.sessionToken) throw new CloktaError('Okta reported SUCCESS without a session token.', 'okta-state', 'Run clokta again.')
        return tx.sessionToken
      case 'MFA_REQUIRED': {
        const factor = await chooseFactor(tx._embedded?.factors ?? [], input.mfa, ctx.prompter, log, {org, codeGiven: ctx.mfaCode !== undefined})
        // chooseFactor offers only factors that clokta can verify.
        const verify = kindOf(factor)?.verify
        if (!verify) throw new CloktaError(`clokta cannot verify ${factorLabel(factor)} from a terminal.`, 'okta-mfa')
        tx = await verify(factor, tx, ctx)
        break
      }
      case 'PASSWORD_WARN': {
        const days = tx._embedded?.policy?.expiration?.passwordExpireDays
        log.warn(`Your Okta password expires ${days === undefined ? 'soon' : `in ${days} day${days === 1 ? '' : 's'}`}; change it at ${org}.`)
        if (!tx._links?.skip) throw new CloktaError('Okta asks for a password change before going on.', 'okta-state', `Change it at ${org}.`)
        tx = await api.post(tx._links.skip.href, {stateToken: tx.stateToken})
        break
      }
      case 'LOCKED_OUT':
        throw new CloktaError(`Your Okta account ${input.username} is locked.`, 'okta-auth', `Unlock it at ${org} or ask your Okta administrator.`)
      case 'PASSWORD_EXPIRED':
        throw new CloktaError('Your Okta password has expired.', 'okta-auth', `Change it at ${org}, then run clokta again.`)
      case 'MFA_ENROLL':
        throw new CloktaError(
          'Okta requires you to set up an MFA factor first.',
          'okta-mfa',
          `Sign in at ${org} in a browser and enrol a factor (Okta Verify, Google Authenticator or SMS), then run clokta again.`,
        )
      case 'UNAUTHENTICATED':
        throw new CloktaError(
          'Okta ended the login without authenticating you (UNAUTHENTICATED).',
          'okta-state',
          `Run clokta again, or sign in at ${org} in a browser.`,
        )
      default:
        throw new CloktaError(
          `Okta answered the login with the state ${tx.status}, which clokta cannot complete.`,
          'okta-state',
          `Sign in at ${org} in a browser to finish it.`,
        )
    }
  }
  throw new CloktaError('The Okta login did not finish after 10 steps.', 'okta-state', 'Run clokta again.')
}

/**
 * Okta's authentication state machine (classic /api/v1/authn), from username and password
 * to a one-time sessionToken. A transaction that expires half-way (E0000011, e.g. a push
 * left unanswered for minutes) is started again once with the password already accepted.
 */
export async function authenticate(input: AuthnInput, ctx: FactorContext): Promise<string> {
  const {api, log} = ctx
  log.secret(input.password)
  for (let restart = 0; ; restart++) {
    let first: OktaTransaction
    try {
      first = await api.post('/api/v1/authn', {
        username: input.username,
        password: input.password,
        options: {warnBeforePasswordExpired: true, multiOptionalFactorEnroll: false},
      })
    } catch (error) {
      throw primaryAuthError(error, input.username, api.org)
    }
    if (restart === 0) await input.onPasswordAccepted?.()
    const current = {tx: first}
    try {
      return await completeTransaction(current, input, ctx)
    } catch (error) {
      if (error instanceof CloktaError && error.code === 'cancelled') await cancelTransaction(current.tx, ctx)
      if (!(error instanceof OktaApiError) || error.oktaCode !== 'E0000011') throw error
      if (restart > 0) {
        throw new CloktaError(
          'The Okta login expired again before it finished (E0000011).',
          'okta-state',
          'Run clokta again and answer the MFA promptly.',
        )
      }
      log.info('The Okta login expired before it finished; starting it again.')
    }
  }
}
