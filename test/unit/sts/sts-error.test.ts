import {InvalidIdentityTokenException} from '@aws-sdk/client-sts'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {convertStsError, isExpiredAssertion, isMaxDurationError} from '../../../src/sts/sts-error.js'

/** What the AWS SDK throws for an STS error answer. */
function sdkError(name: string, message: string, status = 400) {
  return Object.assign(new Error(message), {name, $metadata: {httpStatusCode: status}, $fault: 'client'})
}

test('an STS answer becomes one line naming the call, the message and the error name, with its hint', () => {
  const e = convertStsError(sdkError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML'), 'role Dev', 'https://sts')
  assert.is(e.code, 'sts')
  assert.is(e.message, 'AWS STS refused role Dev: Not authorized to perform sts:AssumeRoleWithSAML (AccessDenied).')
  assert.match(e.hint ?? '', /trusts Okta's SAML provider/)
})

test("STS's InvalidIdentityToken, as the SDK throws it, gets its hint", () => {
  const thrown = new InvalidIdentityTokenException({message: "Couldn't verify the SAML assertion.", $metadata: {httpStatusCode: 400}})
  const e = convertStsError(thrown, 'role Dev', 'https://sts')
  assert.match(e.hint ?? '', /does not trust this SAML assertion/)
})

test('an error without an HTTP status, or with a network code, is a network error', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {code: 'ECONNREFUSED'})
  assert.is(
    convertStsError(refused, 'role Dev', 'https://sts').message,
    'Cannot reach AWS STS at https://sts: connect ECONNREFUSED 127.0.0.1:1 (ECONNREFUSED).',
  )
  assert.is(convertStsError('odd', 'role Dev', 'https://sts').message, 'Cannot reach AWS STS at https://sts: odd.')
  assert.is(convertStsError(null, 'role Dev', 'https://sts').code, 'network')
})

test('isMaxDurationError and isExpiredAssertion read the name, also through a CloktaError cause; anything else is neither', () => {
  assert.ok(isMaxDurationError(sdkError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')))
  assert.not.ok(isMaxDurationError(sdkError('ValidationError', 'Something else')))
  assert.ok(isExpiredAssertion(new CloktaError('x', 'sts', undefined, {cause: sdkError('ExpiredTokenException', 'expired')})))
  for (const thrown of [undefined, null, 'ValidationError', {name: 7}]) {
    assert.not.ok(isMaxDurationError(thrown))
    assert.not.ok(isExpiredAssertion(thrown))
  }
})

test("IDPRejectedClaim (the role's trust policy rejects the assertion's claims) and an assertion not addressed to AWS's sign-in each get a hint saying what to fix", () => {
  const rejected = convertStsError(
    sdkError(
      'IDPRejectedClaimException',
      'The identity provider (IdP) reported that authentication failed. This might be because the claim is invalid.',
      403,
    ),
    'role Dev',
    'https://sts',
  )
  assert.is(
    rejected.message,
    'AWS STS refused role Dev: The identity provider (IdP) reported that authentication failed. This might be because the claim is invalid. (IDPRejectedClaimException).',
  )
  assert.match(rejected.hint ?? '', /^The role's trust policy rejects a claim of Okta's SAML assertion: ask your AWS administrator/)
  const notForAws = convertStsError(
    sdkError('InvalidIdentityTokenException', 'Response does not contain the required audience.'),
    'role Dev',
    'https://sts',
  )
  assert.match(notForAws.hint ?? '', /^The Okta AWS app's ACS URL is not the AWS sign-in of the role's partition/)
  // any other InvalidIdentityToken keeps the certificate hint
  assert.match(
    convertStsError(sdkError('InvalidIdentityTokenException', 'Response signature invalid'), 'r', 'https://sts').hint ?? '',
    /old Okta certificate/,
  )
})

test.run()
