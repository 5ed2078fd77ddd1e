import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import type {Logger} from '../../../src/io/log.js'
import {implausibleExpiration} from '../../../src/model/credentials.js'
import {assumeRoleHop} from '../../../src/sts/assume-role-chain.js'
import {assumeRoleWithSaml} from '../../../src/sts/assume-role-with-saml.js'
import type {StsApi} from '../../../src/sts/sts-client.js'

const NOW = Date.parse('2026-03-10T12:00:00Z')
const H = 3600 * 1000
const log: Logger = {info: () => {}, warn: () => {}, debug: () => {}, secret: () => {}, debugEnabled: false}
const role = {
  roleArn: 'arn:aws:iam::123456789012:role/ReadOnly',
  principalArn: 'arn:aws:iam::123456789012:saml-provider/Okta',
  accountId: '123456789012',
  roleName: 'ReadOnly',
}

/** An STS whose every answer expires at `expiration`. */
const stsExpiringAt = (expiration: Date): StsApi => {
  const Credentials = {AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'secret-key', SessionToken: 'session-token', Expiration: expiration}
  return {
    endpoint: 'https://sts.example',
    assumeRoleWithSaml: async () => ({$metadata: {}, Credentials}),
    assumeRole: async () => ({$metadata: {}, Credentials}),
    assumeRoleWithWebIdentity: async () => ({$metadata: {}, Credentials}),
  }
}

async function refusal(work: Promise<unknown>): Promise<CloktaError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  assert.instance(error, CloktaError, 'taken')
  return error as CloktaError
}

test('an Expiration in the past, more than 36 h ahead, or not a date cannot be right; up to 36 h ahead (a clock a day off) can', () => {
  assert.match(implausibleExpiration(new Date('2001-01-01T00:00:00Z'), NOW) ?? '', /already past \(2001-01-01T00:00:00Z\)/)
  assert.match(implausibleExpiration(new Date(NOW), NOW) ?? '', /already past/)
  assert.match(implausibleExpiration(new Date(NOW + 36 * H + 1000), NOW) ?? '', /more than 36 h ahead \(2026-03-12T00:00:01Z\)/)
  assert.match(implausibleExpiration(new Date(Number.NaN), NOW) ?? '', /not a date/)
  assert.is(implausibleExpiration(new Date(NOW + 12 * H), NOW), undefined)
  assert.is(implausibleExpiration(new Date(NOW + 36 * H), NOW), undefined)
  assert.is(implausibleExpiration(new Date(NOW + 1000), NOW), undefined)
})

test('AssumeRoleWithSAML answered with an Expiration in the past or two days ahead: an error naming the role and the profile', async () => {
  const input = {role, assertion: 'x', durationSeconds: 3600, now: NOW, profile: 'website'}
  const past = await refusal(assumeRoleWithSaml(input, stsExpiringAt(new Date('2001-01-01T00:00:00Z')), log))
  assert.is(past.code, 'sts')
  assert.is(past.message, 'AWS STS answered role ReadOnly in 123456789012 (profile website) with an Expiration already past (2001-01-01T00:00:00Z).')
  assert.match(past.hint ?? '', /date and time/)
  const ahead = await refusal(assumeRoleWithSaml(input, stsExpiringAt(new Date(NOW + 48 * H)), log))
  assert.match(ahead.message, /\(profile website\) with an Expiration more than 36 h ahead \(2026-03-12T12:00:00Z\)/)
  const fine = await assumeRoleWithSaml(input, stsExpiringAt(new Date(NOW + H)), log)
  assert.is(fine.credentials.expiration.getTime(), NOW + H)
})

test('AssumeRole for a hop of a chain: the same check, naming the hop and its profile', async () => {
  const planned = {
    hop: {profile: 'deploy', roleArn: 'arn:aws:iam::123456789012:role/Deploy'},
    roleSessionName: 'jdoe',
    durationSeconds: 3600,
    position: {index: 1, of: 1},
  }
  const from = {accessKeyId: 'ASIABASE', secretAccessKey: 's', sessionToken: 't', expiration: new Date(NOW + H)}
  const error = await refusal(assumeRoleHop(from, planned, stsExpiringAt(new Date('2001-01-01T00:00:00Z')), log, () => NOW))
  assert.match(
    error.message,
    /^AWS STS answered arn:aws:iam::123456789012:role\/Deploy \(profile deploy, hop 1 of 1\) with an Expiration already past/,
  )
  const fine = await assumeRoleHop(from, planned, stsExpiringAt(new Date(NOW + H)), log, () => NOW)
  assert.is(fine.accessKeyId, 'ASIAEXAMPLE')
})

test.run()
