import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {authenticate} from '../../../src/idp/okta-classic/authn.js'
import type {FactorContext} from '../../../src/idp/okta-classic/factors/factor-context.js'
import type {OktaApi} from '../../../src/idp/okta-classic/okta-api.js'
import type {OktaTransaction} from '../../../src/idp/okta-classic/types.js'
import {createLogger} from '../../../src/io/log.js'
import {nonInteractivePrompter} from '../../../src/io/prompter.js'

const org = 'https://example.okta.com'
const sms = {
  id: 'sms1',
  factorType: 'sms',
  provider: 'OKTA',
  profile: {phoneNumber: '+1 XXX-XXX-1337'},
  _links: {verify: {href: `${org}/api/v1/authn/factors/sms1/verify`}},
}
const required: OktaTransaction = {
  status: 'MFA_REQUIRED',
  stateToken: 'st1',
  _embedded: {factors: [sms]},
  _links: {cancel: {href: `${org}/api/v1/authn/cancel`}},
}
const challenge: OktaTransaction = {status: 'MFA_CHALLENGE', stateToken: 'st1', _links: {cancel: {href: `${org}/api/v1/authn/cancel`}}}

function context(answers: OktaTransaction[]) {
  const sent: string[] = []
  const ctx: FactorContext = {
    api: {
      org: new URL(org),
      post: async (href: string, body: Record<string, unknown>) => {
        sent.push(`${new URL(href, org).pathname} ${String(body.stateToken ?? body.username)}`)
        return answers.shift() ?? {}
      },
    } as unknown as OktaApi,
    prompter: {
      ...nonInteractivePrompter,
      interactive: true,
      say: () => {},
      input: async () => {
        throw new CloktaError('Cancelled.', 'cancelled')
      },
    },
    terminal: undefined,
    clock: {now: () => 0, sleep: async () => {}},
    log: createLogger({debug: false, write: () => {}}),
    pushTimeoutMs: 60_000,
  }
  return {ctx, sent}
}

test('cancelled at a prompt during MFA: Okta is told (cancel with the stateToken), and the cancel is what the user sees', async () => {
  const c = context([required, challenge])
  try {
    await authenticate({username: 'jdoe@example.com', password: 'pw', mfa: {value: 'sms'}}, c.ctx)
    assert.unreachable()
  } catch (error) {
    assert.instance(error, CloktaError)
    assert.is((error as CloktaError).code, 'cancelled')
  }
  assert.equal(c.sent, ['/api/v1/authn jdoe@example.com', '/api/v1/authn/factors/sms1/verify st1', '/api/v1/authn/cancel st1'])
})

test('a cancel Okta refuses changes nothing for the user', async () => {
  const c = context([required, challenge])
  const post = c.ctx.api.post.bind(c.ctx.api)
  c.ctx.api.post = async (href, body) => {
    if (href.endsWith('/cancel')) throw new Error('socket hang up')
    return post(href, body)
  }
  try {
    await authenticate({username: 'jdoe@example.com', password: 'pw', mfa: {value: 'sms'}}, c.ctx)
    assert.unreachable()
  } catch (error) {
    assert.is((error as CloktaError).message, 'Cancelled.')
  }
})

test.run()
