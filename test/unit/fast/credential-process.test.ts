import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseFastArgs, stillValidJson} from '../../../src/fast/credential-process.js'
import type {Scenario} from '../../support/fake/index.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'
import {parseIniSection} from '../../support/harness.js'

// The fast path serves exactly when the login would call the credentials still valid: each
// case asks it first, then the login (which may then log in) and compares.
const PASSWORD = {okta_password: 'correct horse'}
const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const scenario: Partial<Scenario> = {
  factors: [{type: 'push', provider: 'OKTA'}],
  sessionDuration: 3600,
  chainRoles: [{roleArn: SERVICE, trusts: [DEVELOPER]}],
}
const setup = (f: FlowHarness, extra = '') => {
  f.home.write('.clokta/clokta.cfg', cfgFor(f.fake, extra))
  f.home.write('.aws/config', `[profile website]\noutput = json\n\n[profile myservice]\nrole_arn = ${SERVICE}\nsource_profile = website\n`)
}
const keysOf = (f: FlowHarness, profile: string) => parseIniSection(readFileSync(f.home.path('.aws/credentials'), 'utf8'), profile)

/** What the fast path prints for `args`, checked against what the login of the same profile and flags does next. */
async function served(
  f: FlowHarness,
  profile: string,
  extra: string[] = [],
  flags: Record<string, string> = {},
): Promise<Record<string, unknown> | undefined> {
  const json = await stillValidJson(['-p', profile, ...extra], {...process.env}, f.clock.now())
  const {outcomes} = await f.login([profile], flags, PASSWORD)
  assert.is(outcomes[0].kind === 'still-valid', json !== undefined, `the fast path and the login disagree about ${profile} ${extra.join(' ')}`)
  return json === undefined ? undefined : JSON.parse(json)
}

test('still valid: the keys of ~/.aws/credentials, Version 1 and the expiry STS gave; within min-remaining of it: the login', async () => {
  await withFlow(scenario, async (f) => {
    setup(f)
    assert.is(await served(f, 'website'), undefined, 'nothing written yet')
    const json = await served(f, 'website')
    const keys = keysOf(f, 'website')
    assert.equal(Object.keys(json ?? {}), ['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'])
    assert.is(json?.Version, 1)
    assert.is(json?.AccessKeyId, keys.aws_access_key_id)
    assert.is(json?.SecretAccessKey, keys.aws_secret_access_key)
    assert.is(json?.SessionToken, keys.aws_session_token)
    assert.is(Date.parse(String(json?.Expiration)), f.clock.now() + 3600_000)
    assert.is(await served(f, 'website', ['--min-remaining', '2h'], {minRemaining: '2h'}), undefined, '1h left, 2h asked')
    f.clock.advance(3600_000 - 9 * 60_000)
    assert.is(await served(f, 'website'), undefined, '9 min left, 10 min margin')
    setup(f, 'refresh_before = 0\n')
    assert.ok(await served(f, 'website'), 'refresh_before = 0: an hour left serves')
  })
})

test('keys someone replaced, other settings, another role: not served', async () => {
  await withFlow(scenario, async (f) => {
    setup(f)
    await f.login(['website'], {}, PASSWORD)
    const text = readFileSync(f.home.path('.aws/credentials'), 'utf8')
    f.home.write('.aws/credentials', text.replace(/aws_access_key_id = \S+/, 'aws_access_key_id = AKIAOTHERKEY0000000'))
    assert.is(await served(f, 'website'), undefined, 'the record vouches for another key')
    setup(f, 'duration = 2h\n')
    assert.is(await served(f, 'website'), undefined, 'another duration asked')
    assert.is(await served(f, 'website', ['--role', 'Admin'], {role: 'Admin'}), undefined, 'another role asked')
  })
})

test('a chained profile: its own still-valid credentials, until its chain changes', async () => {
  await withFlow(scenario, async (f) => {
    setup(f)
    await f.login(['myservice'], {}, PASSWORD)
    const json = await served(f, 'myservice')
    assert.is(json?.AccessKeyId, keysOf(f, 'myservice').aws_access_key_id)
    assert.is.not(json?.AccessKeyId, keysOf(f, 'website').aws_access_key_id)
    assert.is(await served(f, 'myservice', ['--assume-role-ttl', '30m'], {assumeRoleTtl: '30m'}), undefined, 'another TTL')
  })
})

test('arguments the fast path does not know go to the full command', () => {
  assert.equal(parseFastArgs(['-p', 'website'])?.profile, 'website')
  assert.equal(parseFastArgs(['--profile=website', '--role', 'Dev'])?.flags.role, 'Dev')
  for (const args of [[], ['-p'], ['-p', 'a', '-p', 'b'], ['-p', 'website', '--debug'], ['-p', 'website', '--force'], ['-p', '--role']]) {
    assert.is(parseFastArgs(args), undefined, args.join(' '))
  }
})

test.run()
