import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {Logger} from '../../../src/io/log.js'
import type {Credentials} from '../../../src/model/credentials.js'
import {assumeRoleChain} from '../../../src/flow/sources/assume-role.js'
import {cached, type ValidityQuestion} from '../../../src/flow/sources/cached.js'
import {fixed, once} from '../../../src/flow/sources/credential-source.js'
import {staticKeys} from '../../../src/flow/sources/static-keys.js'
import type {PlannedHop} from '../../../src/sts/assume-role-chain.js'
import type {StsApi} from '../../../src/sts/sts-client.js'
import {tempHome} from '../../support/run-cli.js'

const log: Logger = {info: () => {}, warn: () => {}, debug: () => {}, secret: () => {}, debugEnabled: false}
// the fake STS's credentials expire at 1 ms: a clock at 0 takes them as fresh
const clock = {now: () => 0, sleep: async () => {}}
const creds = (id: string): Credentials => ({accessKeyId: id, secretAccessKey: 's', sessionToken: 't', expiration: new Date(0)})
const hop = (roleArn: string, index: number, of: number, after?: string): PlannedHop => ({
  hop: {profile: roleArn.split('/')[1], roleArn},
  roleSessionName: 'jdoe',
  durationSeconds: 3600,
  position: {index, of, after},
})

function fakeSts(calls: string[], refuse?: string): StsApi {
  return {
    endpoint: 'https://sts.example',
    assumeRoleWithSaml: async () => {
      throw new Error('not here')
    },
    assumeRoleWithWebIdentity: async () => {
      throw new Error('not here')
    },
    assumeRole: async (input, as) => {
      calls.push(`${as.accessKeyId} → ${input.roleArn}`)
      if (input.roleArn === refuse) throw Object.assign(new Error('not authorized'), {name: 'AccessDenied', $metadata: {httpStatusCode: 403}})
      return {Credentials: {AccessKeyId: `key-of-${input.roleArn}`, SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(1)}, $metadata: {}}
    },
  }
}

test('assumeRoleChain: each hop signed with the credentials of the source below it, the base got once', async () => {
  const calls: string[] = []
  let bases = 0
  const base = once({name: 'base', get: async () => (bases++, creds('BASE'))})
  const a = 'arn:aws:iam::1:role/a'
  const b = 'arn:aws:iam::2:role/b'
  const top = assumeRoleChain(base, [hop(a, 1, 2), hop(b, 2, 2, a)], () => fakeSts(calls), log, clock)
  assert.is((await top.get()).accessKeyId, `key-of-${b}`)
  await assumeRoleChain(base, [hop(a, 1, 1)], () => fakeSts(calls), log, clock).get()
  assert.equal(calls, [`BASE → ${a}`, `key-of-${a} → ${b}`, `BASE → ${a}`])
  assert.is(bases, 1)
  assert.is(
    assumeRoleChain(base, [], () => fakeSts(calls), log, clock),
    base,
  )
})

test('assumeRoleChain: a refused hop names itself, its place and the role before it', async () => {
  const a = 'arn:aws:iam::1:role/a'
  const b = 'arn:aws:iam::2:role/b'
  const error = await assumeRoleChain(fixed('base', creds('BASE')), [hop(a, 1, 2), hop(b, 2, 2, a)], () => fakeSts([], b), log, clock)
    .get()
    .then(
      () => undefined,
      (e: Error) => e.message,
    )
  assert.match(error ?? '', `to let ${a} assume ${b} (profile b, hop 2 of 2)`)
})

test('staticKeys: the profile must hold a key and secret; a session token makes it a role session', async () => {
  const file = (keys: Record<string, string>) => ({path: '~/.aws/credentials', profile: () => keys})
  const user = staticKeys('iam', file({aws_access_key_id: 'AKIA', aws_secret_access_key: 's'}))
  assert.is(user.roleSession, false)
  assert.is((await user.get()).sessionToken, '')
  assert.is(staticKeys('tmp', file({aws_access_key_id: 'ASIA', aws_secret_access_key: 's', aws_session_token: 't'})).roleSession, true)
  assert.throws(() => staticKeys('iam', file({aws_access_key_id: 'AKIA'})), /Profile iam in ~\/\.aws\/credentials has no access key and secret\./)
})

test('cached: a record that still vouches for the keys serves without making the inner source; each condition breaks it', async () => {
  const home = tempHome()
  const saved = process.env.HOME
  process.env.HOME = home.dir
  try {
    const now = Date.parse('2026-01-05T09:00:00Z')
    const record = {
      version: 1,
      profile: 'website',
      roleArn: 'arn:aws:iam::123456789012:role/Developer',
      accessKeyId: 'ASIA1',
      expiration: new Date(now + 3600_000).toISOString(),
      region: 'eu-west-1',
      askedSeconds: 7200,
      madeFor: 'saml app jdoe',
    }
    home.write('.clokta/records/website.json', JSON.stringify(record))
    home.write('.clokta/website.env', '')
    const q: ValidityQuestion = {
      profile: 'website',
      keys: {aws_access_key_id: 'ASIA1', aws_secret_access_key: 's', aws_session_token: 't'},
      minRemainingSeconds: 600,
      madeFor: 'saml app jdoe',
      role: 'Developer',
      now,
      artefacts: [home.path('.clokta/website.env')],
      askedSeconds: 7200,
      region: 'eu-west-1',
    }
    let made = 0
    const inner = async () => ++made
    const serves = async (question: ValidityQuestion | undefined) => 'valid' in (await cached(question, inner))
    assert.ok(await serves(q))
    assert.is(made, 0)
    const hit = await cached(q, inner)
    assert.is('valid' in hit && hit.valid.credentials.secretAccessKey, 's')
    const broken: [string, Partial<ValidityQuestion>][] = [
      ['too close to expiry', {minRemainingSeconds: 3601}],
      ['keys replaced', {keys: {...q.keys, aws_access_key_id: 'AKIAOTHER'}}],
      ['no session token', {keys: {aws_access_key_id: 'ASIA1', aws_secret_access_key: 's'}}],
      ['a missing artefact', {artefacts: [home.path('.clokta/website.sh')]}],
      ['another duration', {askedSeconds: 3600}],
      ['another region', {region: 'us-east-1'}],
      ['made from other settings', {madeFor: 'saml app other'}],
      ['another role', {role: 'Admin'}],
      ['no role named, and the app had several', {role: undefined}],
    ]
    for (const [why, change] of broken) assert.not.ok(await serves({...q, ...change}), why)
    assert.ok(await serves({...q, askedSeconds: 3600, anyDuration: true}), "a chain's source: any duration")
    assert.ok(await serves({...q, role: '123456789012/Developer'}))
    assert.ok(await serves({...q, role: 'any'}))
    assert.not.ok(await serves(undefined), '--force')
    assert.is(made, broken.length + 1)
    // GovCloud credentials were written with their partition's region, whatever region was set outside it
    home.write(
      '.clokta/records/website.json',
      JSON.stringify({...record, roleArn: 'arn:aws-us-gov:iam::123456789012:role/Developer', region: 'us-gov-west-1'}),
    )
    assert.ok(await serves({...q, region: undefined}), 'GovCloud, no region set')
    assert.ok(await serves({...q, region: 'us-east-1'}), 'GovCloud, a region of aws set')
    assert.not.ok(await serves({...q, region: 'us-gov-east-1'}), 'GovCloud, another GovCloud region set')
  } finally {
    process.env.HOME = saved
    home.remove()
  }
})

test.run()
