import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {isOktaErrorBody, parseTransaction, profileText} from '../../../src/idp/okta-classic/types.js'

const factor = {id: 'sms1', factorType: 'sms', provider: 'OKTA', profile: {phoneNumber: '+1 XXX-XXX-1234'}, _links: {verify: {href: 'https://o/v'}}}

test('parseTransaction: an Okta transaction is read as it came', () => {
  const text = JSON.stringify({
    status: 'MFA_REQUIRED',
    stateToken: 's',
    expiresAt: '2026-01-01T00:00:00.000Z',
    _embedded: {user: {profile: {login: 'u'}}, factors: [factor]},
    _links: {cancel: {href: 'https://o/c', hints: {allow: ['POST']}}, resend: [{name: 'sms', href: 'https://o/r'}]},
  })
  assert.equal(parseTransaction(text), JSON.parse(text))
})

test('parseTransaction: factors without an id (MFA_ENROLL lists those to set up) are left out, not fatal', () => {
  const tx = parseTransaction(
    JSON.stringify({status: 'MFA_ENROLL', _embedded: {factors: [factor, {factorType: 'webauthn', provider: 'FIDO'}], factor: [factor]}}),
  )
  assert.equal(tx._embedded?.factors, [factor])
  assert.is(tx._embedded?.factor, undefined)
})

test('parseTransaction: throws on what is not a transaction', () => {
  assert.throws(() => parseTransaction('<html>'), SyntaxError)
  assert.throws(() => parseTransaction('{"stateToken":"s"}'), /not an Okta transaction/)
  assert.throws(() => parseTransaction('{"status":"SUCCESS","sessionToken":7}'), /not an Okta transaction/)
  assert.throws(() => parseTransaction('{"status":"MFA_CHALLENGE","_links":{"next":{"name":"poll"}}}'), /not an Okta transaction/)
})

test('isOktaErrorBody: the error fields are text when present', () => {
  assert.ok(isOktaErrorBody({errorCode: 'E0000004', errorSummary: 'Authentication failed', errorCauses: [], errorId: 'x'}))
  assert.ok(isOktaErrorBody({}))
  assert.not.ok(isOktaErrorBody({errorCauses: [{errorSummary: 1}]}))
})

test('profileText: a profile field that is text, else undefined', () => {
  assert.is(profileText(factor, 'phoneNumber'), '+1 XXX-XXX-1234')
  assert.is(profileText({...factor, profile: {phoneNumber: {}}}, 'phoneNumber'), undefined)
  assert.is(profileText({...factor, profile: undefined}, 'email'), undefined)
})

test.run()
