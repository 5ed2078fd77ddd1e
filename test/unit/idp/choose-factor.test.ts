import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {chooseFactor} from '../../../src/idp/okta-classic/choose-factor.js'
import {factorMatches} from '../../../src/idp/okta-classic/factor-catalog.js'
import type {OktaFactor} from '../../../src/idp/okta-classic/types.js'
import {createLogger} from '../../../src/io/log.js'
import {nonInteractivePrompter} from '../../../src/io/prompter.js'

const factor = (id: string, factorType: string, provider: string): OktaFactor => ({
  id,
  factorType,
  provider,
  _links: {verify: {href: `/api/v1/authn/factors/${id}/verify`}},
})
const push = factor('opf1', 'push', 'OKTA')
const oktaCode = factor('ost1', 'token:software:totp', 'OKTA')
const google = factor('ost2', 'token:software:totp', 'GOOGLE')
const otherApp = factor('ost3', 'token:software:totp', 'FORTINET')
const sms = factor('sms1', 'sms', 'OKTA')

test('totp and "Authenticator app" match every authenticator app, whoever provides it; nothing else', () => {
  for (const value of ['totp', 'TOTP', 'Authenticator app', 'token:software:totp']) {
    for (const app of [oktaCode, google, otherApp]) assert.ok(factorMatches(app, {value}), `${value} / ${app.provider}`)
    for (const other of [push, sms]) assert.not.ok(factorMatches(other, {value}), `${value} / ${other.factorType}`)
  }
})

test('a provider-specific name still picks only that provider', () => {
  assert.ok(factorMatches(google, {value: 'Google Authenticator'}))
  assert.not.ok(factorMatches(oktaCode, {value: 'Google Authenticator'}))
  assert.ok(factorMatches(oktaCode, {value: 'Okta Verify'}))
  assert.not.ok(factorMatches(google, {value: 'okta totp'}))
  assert.not.ok(factorMatches(push, {value: 'Okta Verify'}))
})

function choose(factors: OktaFactor[], value: string) {
  const lines: string[] = []
  const log = createLogger({debug: false, write: (l) => lines.push(l)})
  return chooseFactor(factors, {value, source: '--mfa'}, nonInteractivePrompter, log, {org: 'https://example.okta.com', codeGiven: false}).then(
    (f) => ({f, lines}),
  )
}

test('several authenticator apps: the first Okta lists is used, and named in one line', async () => {
  const {f, lines} = await choose([push, google, oktaCode, sms], 'totp')
  assert.is(f.id, 'ost2')
  assert.equal(lines, ['Using Google Authenticator, the first of your factors matching "totp" (also enrolled: Okta Verify).'])

  const reversed = await choose([oktaCode, otherApp, google], 'totp')
  assert.is(reversed.f.id, 'ost1')
  assert.equal(reversed.lines, [
    'Using Okta Verify, the first of your factors matching "totp" (also enrolled: Authenticator app (FORTINET), Google Authenticator).',
  ])
})

test('one match: used without a word', async () => {
  const {f, lines} = await choose([push, otherApp, sms], 'totp')
  assert.is(f.id, 'ost3')
  assert.equal(lines, [])
  const google1 = await choose([push, oktaCode, google], 'Google Authenticator')
  assert.is(google1.f.id, 'ost2')
  assert.equal(google1.lines, [])
})

test.run()
