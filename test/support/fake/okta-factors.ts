// POST /api/v1/authn/factors/{id}/verify[/resend]: per-factor MFA semantics (authn API "Verify Factor").
import type {Incoming, Reply} from './http.js'
import {digits} from './ids.js'
import {
  challengedFactor,
  illegalState,
  invalidToken,
  json,
  link,
  notFound,
  oktaError,
  resolveFactors,
  userObject,
  verifyUrl,
  type ResolvedFactor,
} from './okta-shapes.js'
import {afterFactor} from './okta-password.js'
import {findTransaction, parseJson, str, transactionHead} from './okta-transactions.js'
import type {Challenge, State, Transaction} from './state.js'
import {totpStep} from './totp.js'

const PASSCODE_MISMATCH = "Your passcode doesn't match our records. Please try again."
const ANSWER_MISMATCH = "Your answer doesn't match our records. Please try again."
const PASSCODE_REPLAYED = 'Each code can only be used once. Please wait for a new code and try again.'
export const SECURITY_ANSWER = 'pizza'
/** How soon each channel sends another code, and Okta's 429 when asked sooner. */
const RESEND_LIMITS: Record<string, {intervalMs: number; code: string; summary: string}> = {
  sms: {intervalMs: 30_000, code: 'E0000109', summary: 'An SMS message was recently sent. Please wait 30 seconds before trying again.'},
  call: {intervalMs: 30_000, code: 'E0000133', summary: 'A phone call was recently made. Please wait 30 seconds before trying again.'},
  email: {intervalMs: 5_000, code: 'E0000118', summary: 'An email was recently sent. Please wait 5 seconds before trying again.'},
}
const YUBICO_OTP = /^cccccc[cbdefghijklnrtuv]{38}$/
const AMR: Record<string, string> = {
  push: 'swk',
  'token:software:totp': 'otp',
  sms: 'sms',
  call: 'tel',
  email: 'otp',
  'token:hardware': 'hwk',
  token: 'hwk',
  question: 'kba',
}
const POLICY = {allowRememberDevice: false, rememberDeviceLifetimeInMinutes: 0, rememberDeviceByDefault: false}

interface View {
  factorResult?: string
  next: 'poll' | 'verify'
  resend?: string
  embedded?: Record<string, unknown>
  top?: Record<string, unknown>
  policy?: boolean
}

/** How the chosen factor's MFA_CHALLENGE looks, modelled on the okta-docs verify-* fixtures. */
function viewOf(state: State, factor: ResolvedFactor, c: Challenge): View {
  switch (factor.type) {
    case 'push': {
      const waiting = c.factorResult === 'WAITING'
      const answer = state.scenario.push.correctAnswer
      return {
        factorResult: c.factorResult,
        next: waiting ? 'poll' : 'verify',
        resend: 'push',
        ...(waiting && answer !== undefined ? {embedded: {challenge: {correctAnswer: answer}}} : {}),
      }
    }
    // fx okta-docs/verify-call-send-challenge.json has no resend link: a call is repeated by
    // POSTing the verify link again, which every channel allows.
    case 'sms':
    case 'email':
      return {next: 'verify', resend: factor.type}
    case 'call':
      return {next: 'verify'}
    case 'web':
      return {
        factorResult: 'WAITING',
        next: 'poll',
        policy: true,
        embedded: {
          verification: {
            host: 'api-your-host.duosecurity.com',
            signature: 'TX|...your-signature',
            factorResult: 'WAITING',
            _links: {
              complete: link(`${state.oktaUrl}/api/v1/authn/factors/${factor.id}/lifecycle/duoCallback`),
              script: {href: `${state.oktaUrl}/js/sections/duo/Duo-Web-v2.js`, type: 'text/javascript; charset=utf-8'},
            },
          },
        },
      }
    case 'webauthn':
      return {
        factorResult: 'CHALLENGE',
        top: {challengeType: 'FACTOR'},
        next: 'verify',
        policy: true,
        embedded: {challenge: {challenge: 'K0UNqWlz2TCCDd5qEkBf', userVerification: 'preferred', extensions: {}}},
      }
    case 'u2f':
      return {next: 'verify', policy: true, embedded: {challenge: {nonce: 'tT1MI7XGzMu48Ivnz3vB', timeoutSeconds: 20}}}
    default:
      return {next: 'verify'}
  }
}

export function renderChallenge(state: State, tx: Transaction): Reply {
  const c = tx.challenge
  const factor = resolveFactors(state.scenario).find((f) => f.id === c?.factorId)
  if (!c || !factor) return illegalState()
  const v = viewOf(state, factor, c)
  const base = `${state.oktaUrl}/api/v1/authn`
  return json(200, {
    ...transactionHead(tx),
    ...(v.factorResult ? {factorResult: v.factorResult} : {}),
    ...v.top,
    _embedded: {user: userObject(state.scenario), factor: challengedFactor(state, factor, v.embedded), ...(v.policy ? {policy: POLICY} : {})},
    _links: {
      next: link(verifyUrl(state, factor), v.next),
      cancel: link(`${base}/cancel`),
      prev: link(`${base}/previous`),
      ...(v.resend ? {resend: [link(`${verifyUrl(state, factor)}/resend`, v.resend)]} : {}),
    },
  })
}

function challenge(state: State, tx: Transaction, factor: ResolvedFactor, fields: Partial<Challenge> = {}): Reply {
  tx.status = 'MFA_CHALLENGE'
  tx.challenge = {factorId: factor.id, pushAnswers: 0, ...fields}
  return renderChallenge(state, tx)
}

const mismatch = (cause: string): Reply => oktaError(403, 'E0000068', 'Invalid Passcode/Answer', [cause])
const replayed = (): Reply => oktaError(403, 'E0000082', PASSCODE_REPLAYED)
const succeed = (state: State, tx: Transaction, factor: ResolvedFactor): Reply => afterFactor(state, tx, ['pwd', 'mfa', AMR[factor.type] ?? 'mca'])

/** Each POST advances the push script: `waits` WAITING answers, then the scripted result. */
function verifyPush(state: State, tx: Transaction, factor: ResolvedFactor, current: Challenge | undefined, resend: boolean): Reply {
  let c = current
  if (resend || !c || c.factorResult !== 'WAITING') {
    state.pushSentCount++
    c = {factorId: factor.id, pushAnswers: 0, factorResult: 'WAITING'}
  }
  const script = state.scenario.push
  if (c.pushAnswers < script.waits) return challenge(state, tx, factor, {...c, pushAnswers: c.pushAnswers + 1})
  if (script.result === 'SUCCESS') return succeed(state, tx, factor)
  return challenge(state, tx, factor, {...c, factorResult: script.result})
}

function sendCode(state: State, tx: Transaction, factor: ResolvedFactor, current: Challenge | undefined): Reply {
  const limit = RESEND_LIMITS[factor.type]!
  if (current?.sentAt !== undefined && state.now() < current.sentAt + limit.intervalMs) return oktaError(429, limit.code, limit.summary)
  const code = digits(6)
  state.smsSent.push(code)
  return challenge(state, tx, factor, {code, sentAt: state.now()})
}

/**
 * An authenticator-app code works once: Okta remembers which 30 s step each factor last
 * accepted, so the same code (or one from the same step) sent again is refused. Kept per
 * fake, beside the only code that reads it.
 */
const usedSteps = new WeakMap<State, Set<string>>()

function checkPasscode(state: State, factor: ResolvedFactor, code: string): 'ok' | 'mismatch' | 'replayed' {
  if (factor.type === 'token:hardware' && factor.provider === 'YUBICO') return YUBICO_OTP.test(code) ? 'ok' : 'mismatch'
  const step = /^\d{6}$/.test(code) ? totpStep(state.scenario.totpSecret, code, state.now()) : undefined
  if (step === undefined) return 'mismatch'
  if (factor.type !== 'token:software:totp') return 'ok'
  const used = usedSteps.get(state) ?? new Set<string>()
  usedSteps.set(state, used)
  const key = `${state.scenario.user.login.toLowerCase()}|${factor.id}|${step}`
  if (used.has(key)) return 'replayed'
  used.add(key)
  return 'ok'
}

export function verifyFactor(state: State, req: Incoming, id: string, resend: boolean): Reply {
  const parsed = parseJson(req)
  if (!parsed.ok) return parsed.reply
  const tx = findTransaction(state, str(parsed.body.stateToken))
  if (!tx) return invalidToken()
  if (tx.status !== 'MFA_REQUIRED' && tx.status !== 'MFA_CHALLENGE') return illegalState()
  const factor = resolveFactors(state.scenario).find((f) => f.id === id || (id === 'webauthn' && f.type === 'webauthn'))
  if (!factor) return notFound(`${id} (UserFactor)`)
  const current = tx.challenge?.factorId === factor.id ? tx.challenge : undefined
  const passCode = str(parsed.body.passCode) ?? ''
  if (resend) {
    if (!current || tx.status !== 'MFA_CHALLENGE') return illegalState()
    if (factor.type === 'push') return verifyPush(state, tx, factor, current, true)
    return RESEND_LIMITS[factor.type] ? sendCode(state, tx, factor, current) : illegalState()
  }
  switch (factor.type) {
    case 'push':
      return verifyPush(state, tx, factor, current, false)
    case 'sms':
    case 'call':
    case 'email':
      if (!passCode) return sendCode(state, tx, factor, current)
      return current?.code === passCode ? succeed(state, tx, factor) : mismatch(ANSWER_MISMATCH)
    case 'webauthn':
    case 'u2f':
    case 'web':
      return challenge(state, tx, factor)
    case 'question':
      return str(parsed.body.answer) === SECURITY_ANSWER ? succeed(state, tx, factor) : mismatch(ANSWER_MISMATCH)
    default: {
      const verdict = checkPasscode(state, factor, passCode)
      return verdict === 'ok' ? succeed(state, tx, factor) : verdict === 'replayed' ? replayed() : mismatch(PASSCODE_MISMATCH)
    }
  }
}
