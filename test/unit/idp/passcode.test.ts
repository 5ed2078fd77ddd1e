import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {FactorContext} from '../../../src/idp/okta-classic/factors/factor-context.js'
import {verifyTotp} from '../../../src/idp/okta-classic/factors/totp-app.js'
import {OktaApiError, type OktaApi} from '../../../src/idp/okta-classic/okta-api.js'
import type {OktaTransaction} from '../../../src/idp/okta-classic/types.js'
import {totpCode, base32Decode} from '../../../src/idp/totp.js'
import {createLogger} from '../../../src/io/log.js'
import {nonInteractivePrompter} from '../../../src/io/prompter.js'

const SECRET = 'JBSWY3DPEHPK3PXP'
const factor = {id: 'ost1', factorType: 'token:software:totp', provider: 'GOOGLE', _links: {verify: {href: '/api/v1/authn/factors/ost1/verify'}}}
const tx: OktaTransaction = {status: 'MFA_REQUIRED', stateToken: 'st'}
const invalid = () => new OktaApiError(403, 'E0000068', 'Invalid Passcode/Answer', [], 'example.okta.com')
const replayed = () =>
  new OktaApiError(403, 'E0000082', 'Each code can only be used once. Please wait for a new code and try again.', [], 'example.okta.com')

/** Okta answers in order; the clock only moves when the code sleeps, so nothing waits for real. */
function context(answers: (OktaTransaction | Error)[], now = 1_700_000_020_000) {
  const sent: Record<string, unknown>[] = []
  const sleeps: number[] = []
  let time = now
  const lines: string[] = []
  const ctx: FactorContext = {
    api: {
      post: async (_href: string, body: Record<string, unknown>) => {
        sent.push(body)
        const next = answers.shift()!
        if (next instanceof Error) throw next
        return next
      },
    } as unknown as OktaApi,
    prompter: nonInteractivePrompter,
    terminal: undefined,
    clock: {
      now: () => time,
      sleep: async (ms) => {
        sleeps.push(ms)
        time += ms
      },
    },
    log: createLogger({debug: false, write: (l) => lines.push(l)}),
    otpSecret: {value: SECRET, source: 'okta_onetimepassword_secret'},
    pushTimeoutMs: 60_000,
  }
  return {ctx, sent, sleeps, lines, time: () => time}
}

test('a code made from the seed is sent without asking', async () => {
  const c = context([{status: 'SUCCESS', sessionToken: 'tok'}])
  const out = await verifyTotp('Google Authenticator')(factor, tx, c.ctx)
  assert.is(out.sessionToken, 'tok')
  assert.equal(c.sent, [{stateToken: 'st', passCode: totpCode(base32Decode(SECRET, 'x'), 1_700_000_020_000)}])
  assert.equal(c.sleeps, [])
})

test("a seed code used already in this 30 s step (E0000082) is followed by the next step's code", async () => {
  const c = context([replayed(), {status: 'SUCCESS', sessionToken: 'tok'}])
  await verifyTotp('Google Authenticator')(factor, tx, c.ctx)
  assert.equal(c.sleeps, [20_000 + 500], 'waits for the next step, no longer')
  const key = base32Decode(SECRET, 'x')
  assert.equal(
    c.sent.map((b) => b.passCode),
    [totpCode(key, 1_700_000_020_000), totpCode(key, 1_700_000_040_500)],
  )
  assert.match(c.lines.join('\n'), /The code made from okta_onetimepassword_secret was used already in this 30 s step; waiting 21 s for the next one/)
})

test('a wrong seed code (E0000068) is not waited on: without a terminal, one error naming the secret', async () => {
  const c = context([invalid()])
  try {
    await verifyTotp('Google Authenticator')(factor, tx, c.ctx)
    assert.unreachable()
  } catch (error) {
    assert.is((error as Error).message, 'Okta did not accept the Google Authenticator code made from okta_onetimepassword_secret (E0000068).')
  }
  assert.is(c.sent.length, 1)
  assert.equal(c.sleeps, [])
})

test("the next step's code used already too: one error saying so", async () => {
  const c = context([replayed(), replayed()])
  try {
    await verifyTotp('Google Authenticator')(factor, tx, c.ctx)
    assert.unreachable()
  } catch (error) {
    assert.is(
      (error as Error).message,
      'Okta refused the Google Authenticator codes made from okta_onetimepassword_secret as used already (E0000082).',
    )
  }
  assert.is(c.sent.length, 2)
})

test('a typed code used already is said so, and asked again within the three tries', async () => {
  const c = context([replayed(), replayed(), {status: 'SUCCESS', sessionToken: 'tok'}])
  const said: string[] = []
  const typed = ['111111', '222222', '333333']
  delete c.ctx.otpSecret
  c.ctx.prompter = {...nonInteractivePrompter, interactive: true, input: async () => typed.shift()!, say: (l) => said.push(l)}
  const out = await verifyTotp('Okta Verify')(factor, tx, c.ctx)
  assert.is(out.sessionToken, 'tok')
  assert.equal(
    c.sent.map((b) => b.passCode),
    ['111111', '222222', '333333'],
  )
  assert.equal(said, [
    'That code was used already; wait for the next one and type it (2 tries left).',
    'That code was used already; wait for the next one and type it (1 try left).',
  ])
})

test('a typed code used already three times: one error with E0000082', async () => {
  const c = context([replayed(), replayed(), replayed()])
  delete c.ctx.otpSecret
  c.ctx.prompter = {...nonInteractivePrompter, interactive: true, input: async () => '123456', say: () => {}}
  try {
    await verifyTotp('Okta Verify')(factor, tx, c.ctx)
    assert.unreachable()
  } catch (error) {
    assert.is((error as Error).message, 'Okta did not accept the Okta Verify code (3 tries): it was used already (E0000082).')
  }
  assert.is(c.sent.length, 3)
})

test('--mfa-code wins over the seed and is tried once', async () => {
  const c = context([invalid()])
  c.ctx.mfaCode = '123456'
  try {
    await verifyTotp('Okta Verify')(factor, tx, c.ctx)
    assert.unreachable()
  } catch (error) {
    assert.is((error as Error).message, 'Okta did not accept the Okta Verify code from --mfa-code (E0000068).')
  }
  assert.equal(c.sent, [{stateToken: 'st', passCode: '123456'}])
})

test.run()
