import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {FactorContext} from '../../../src/idp/okta-classic/factors/factor-context.js'
import {verifyTotp} from '../../../src/idp/okta-classic/factors/passcode.js'
import {OktaApiError, type OktaApi} from '../../../src/idp/okta-classic/okta-api.js'
import type {OktaTransaction} from '../../../src/idp/okta-classic/types.js'
import {totpCode, base32Decode} from '../../../src/idp/totp.js'
import {createLogger} from '../../../src/io/log.js'
import {nonInteractivePrompter} from '../../../src/io/prompter.js'

const SECRET = 'JBSWY3DPEHPK3PXP'
const factor = {id: 'ost1', factorType: 'token:software:totp', provider: 'GOOGLE', _links: {verify: {href: '/api/v1/authn/factors/ost1/verify'}}}
const tx: OktaTransaction = {status: 'MFA_REQUIRED', stateToken: 'st'}
const invalid = () => new OktaApiError(403, 'E0000068', 'Invalid Passcode/Answer', [], 'example.okta.com')

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

test('a refused seed code (already used in this 30 s step) is followed by the next step\'s code', async () => {
  const c = context([invalid(), {status: 'SUCCESS', sessionToken: 'tok'}])
  await verifyTotp('Google Authenticator')(factor, tx, c.ctx)
  assert.equal(c.sleeps, [20_000 + 500], 'waits for the next step, no longer')
  assert.is.not(c.sent[0].passCode, c.sent[1].passCode)
  assert.match(c.lines.join('\n'), /waiting 21 s for the next one/)
})

test('refused twice without a terminal: one error naming the secret', async () => {
  const c = context([invalid(), invalid()])
  try {
    await verifyTotp('Google Authenticator')(factor, tx, c.ctx)
    assert.unreachable()
  } catch (error) {
    assert.is((error as Error).message, 'Okta did not accept the Google Authenticator codes made from okta_onetimepassword_secret (E0000068).')
  }
  assert.is(c.sent.length, 2)
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
