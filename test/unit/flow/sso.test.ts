import {createHash} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {listProfiles} from '../../../src/flow/configure-profile.js'
import {credentialsFor} from '../../../src/flow/credentials-for.js'
import {describeLogout, logoutFailureHint, logoutFailures} from '../../../src/flow/logout-report.js'
import {logout} from '../../../src/flow/logout.js'
import {passwordAccount} from '../../../src/flow/okta-secrets.js'
import {stillValidFor} from '../../../src/flow/still-valid-for.js'
import {convertSsoError} from '../../../src/idp/aws-sso/sso-errors.js'
import {defaultSso, ssoRoleArn} from '../../support/fake/index.js'
import type {Scenario} from '../../support/fake/types.js'
import {FLAGS, withFlow, type FlowHarness} from '../../support/flow.js'
import {parseIniSection} from '../../support/harness.js'
import {makeUnwritable} from '../../support/unwritable.js'

const START = defaultSso().startUrl
const SERVICE = 'arn:aws:iam::777788889999:role/service'
const scenario = (sso: Partial<Scenario['sso']> = {}): Partial<Scenario> => ({
  sso: {...defaultSso(), ...sso},
  chainRoles: [{roleArn: SERVICE, trusts: [ssoRoleArn('111122223333', 'ReadOnly')]}],
})
const SESSION = `[sso-session corp]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`
const awsConfig = (extra = '') =>
  `[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = eu-west-1\n\n[profile pick]\nsso_session = corp\n\n[profile old]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 444455556666\nsso_role_name = Developer\n\n[profile service]\nrole_arn = ${SERVICE}\nsource_profile = dev\n\n${SESSION}${extra}`
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')
const cachePath = (f: FlowHarness, key: string) => f.home.path(`.aws/sso/cache/${sha1(key)}.json`)
const failure = (run: Promise<unknown>) =>
  run.then(
    () => undefined,
    (e: CloktaError) => e,
  )

test('an SSO profile: the device sign-in shown and the browser asked for, GetRoleCredentials, the three artefacts; then still valid', async () => {
  await withFlow(scenario({pendingPolls: 2}), async (f) => {
    f.home.write('.aws/config', awsConfig())
    const {outcomes} = await f.login(['dev'])
    assert.is(outcomes[0].kind, 'logged-in')
    assert.is(outcomes[0].roleArn, 'arn:aws:iam::111122223333:role/ReadOnly')
    assert.is(outcomes[0].ssoRole, true, 'the summary names the permission set, not an IAM role')
    const issued = f.fake.issued.at(-1)!
    assert.is(issued.via, 'GetRoleCredentials')
    assert.is(parseIniSection(readFileSync(f.home.path('.aws/credentials'), 'utf8'), 'dev').aws_access_key_id, issued.accessKeyId)
    for (const file of ['.clokta/dev.env', '.clokta/dev.sh']) assert.ok(existsSync(f.home.path(file)), file)
    const code = f.fake.ssoUserCodes[0]
    const url = `https://device.sso.us-east-1.amazonaws.com/?user_code=${code}`
    assert.equal(f.opened, [url])
    assert.match(
      f.info.join('\n'),
      `To sign in to IAM Identity Center for dev, open this URL and approve the code ${code} (no browser opened: there is no display in this test):\n  ${url}`,
    )
    // the token is where and as the AWS CLI keeps it
    const cache = cachePath(f, 'corp')
    assert.is(statSync(cache).mode & 0o777, 0o600)
    assert.ok(JSON.parse(readFileSync(cache, 'utf8')).refreshToken)
    const requests = f.fake.requests.length
    const again = (await f.login(['dev'])).outcomes[0]
    assert.equal([again.kind, again.ssoRole], ['still-valid', true])
    assert.is(f.fake.requests.length, requests)
    // the fast paths decide the same, with nothing but the files
    const valid = await stillValidFor('dev', FLAGS, f.world(), f.clock.now())
    assert.equal([valid?.credentials.accessKeyId, valid?.ssoRole], [issued.accessKeyId, true])
  })
})

test('a token the AWS CLI cached serves: no sign-in; a legacy profile finds it under the start URL', async () => {
  await withFlow(scenario(), async (f) => {
    f.home.write('.aws/config', awsConfig())
    const token = f.fake.grantSsoToken()
    const expiresAt = new Date(f.clock.now() + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z')
    f.home.write(
      `.aws/sso/cache/${sha1(START)}.json`,
      `{"startUrl": "${START}", "region": "us-east-1", "accessToken": "${token}", "expiresAt": "${expiresAt}"}`,
    )
    await f.login(['old'])
    assert.is(f.fake.count({service: 'sso', action: 'CreateToken'}), 0)
    assert.is(f.fake.count({service: 'sso', action: 'GetRoleCredentials'}), 1)
    const call = f.fake.requests.find((r) => r.action === 'GetRoleCredentials')!
    assert.is(call.headers['x-amz-sso_bearer_token'], token)
    assert.equal(call.query, {account_id: '444455556666', role_name: 'Developer'})
  })
})

test('an expired token is renewed with its refresh token: no browser', async () => {
  await withFlow(scenario({pendingPolls: 0}), async (f) => {
    f.home.write('.aws/config', awsConfig())
    await f.login(['dev'])
    f.clock.advance(9 * 3600_000)
    f.fake.advanceTime(9 * 3600_000)
    await f.login(['dev'])
    assert.is(f.fake.ssoUserCodes.length, 1)
    const grants = f.fake.requests.filter((r) => r.action === 'CreateToken').map((r) => JSON.parse(r.body).grantType)
    assert.equal(grants, ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'])
  })
})

test('without sso_account_id and sso_role_name: the portal lists accounts and roles (every page) for the prompt, or --role picks', async () => {
  await withFlow(scenario({pendingPolls: 0, pageSize: 1}), async (f) => {
    f.home.write('.aws/config', awsConfig())
    f.answer((choices) => choices.find((c) => c.message.includes('Developer'))!.name)
    const {outcomes} = await f.login(['pick'])
    assert.is(outcomes[0].roleArn, 'arn:aws:iam::444455556666:role/Developer')
    const asked = f.asked.at(-1)!
    assert.is(asked.choices!.length, 3)
    assert.match(asked.choices!.map((c) => c.message).join('\n'), /Sandbox/)
    assert.is(f.fake.count({action: 'ListAccounts'}), 2)
    assert.match(f.info.join('\n'), 'set sso_account_id = 444455556666 and sso_role_name = Developer in the profile pick of ~/.aws/config')
    await f.login(['pick'], {role: '111122223333/AdministratorAccess', force: true})
    assert.is(f.fake.issued.at(-1)!.roleArn, ssoRoleArn('111122223333', 'AdministratorAccess'))
    // a one-off --role is not what the still-valid credentials are for
    assert.is((await f.login(['pick'], {role: 'Developer'})).outcomes[0].kind, 'logged-in')
  })
})

test('a role chosen at the prompt is remembered in clokta.cfg, never in ~/.aws/config: the next run asks nothing; --no-default-role asks again', async () => {
  await withFlow(scenario({pendingPolls: 0}), async (f) => {
    const config = awsConfig()
    f.home.write('.aws/config', config)
    // an Okta app's role in [DEFAULT] is not this sign-in's
    f.home.write('.clokta/clokta.cfg', '[DEFAULT]\nokta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n')
    f.answer((choices) => choices.find((c) => c.message.includes('Developer'))!.name)
    await f.login(['pick'])
    assert.is(f.asked.length, 1)
    assert.match(f.info.join('\n'), 'clokta remembers 444455556666/Developer for pick (--no-default-role asks again)')
    assert.is(parseIniSection(readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8'), 'pick').okta_aws_role_to_assume, '444455556666/Developer')
    assert.is(readFileSync(f.home.path('.aws/config'), 'utf8'), config)
    // configure --list shows where it signs in, not a missing Okta app URL
    assert.equal((await listProfiles(f.world())).rows, [{profile: 'pick', appUrl: `IAM Identity Center ${START}`, role: '444455556666/Developer'}])
    // still valid for the remembered role, then a new login with it and no question
    assert.is((await f.login(['pick'])).outcomes[0].kind, 'still-valid')
    await f.login(['pick'], {force: true})
    assert.is(f.asked.length, 1)
    assert.is(f.fake.issued.at(-1)!.roleArn, ssoRoleArn('444455556666', 'Developer'))
    // asked again, the remembered role first; the new choice replaces it
    f.answer((choices) => choices.find((c) => c.message.includes('ReadOnly'))!.name)
    await f.login(['pick'], {noDefaultRole: true})
    assert.is(f.asked.at(-1)!.initial, 'arn:aws:iam::444455556666:role/Developer')
    assert.is(f.fake.issued.at(-1)!.roleArn, ssoRoleArn('111122223333', 'ReadOnly'))
    assert.is(parseIniSection(readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8'), 'pick').okta_aws_role_to_assume, '111122223333/ReadOnly')
  })
})

test('a chain whose source is an SSO profile: AssumeRole signed with the SSO credentials, both profiles written', async () => {
  await withFlow(
    scenario({pendingPolls: 0}),
    async (f) => {
      f.home.write('.aws/config', awsConfig())
      const {outcomes} = await f.login(['service'])
      assert.is(outcomes[0].roleArn, SERVICE)
      const [sso, hop] = f.fake.issued
      assert.equal([sso.via, hop.via], ['GetRoleCredentials', 'AssumeRole'])
      assert.is(hop.sourceAccessKeyId, sso.accessKeyId)
      const credentials = readFileSync(f.home.path('.aws/credentials'), 'utf8')
      assert.is(parseIniSection(credentials, 'dev').aws_access_key_id, sso.accessKeyId)
      assert.is(parseIniSection(credentials, 'service').aws_access_key_id, hop.accessKeyId)
    },
    {stsServer: true},
  )
})

test('a token the portal no longer takes: renewed at once with its refresh token; without one, one line, and the next run signs in again', async () => {
  await withFlow(scenario({pendingPolls: 0}), async (f) => {
    f.home.write('.aws/config', awsConfig())
    await f.login(['dev'])
    f.fake.revokeSsoTokens()
    const {outcomes} = await f.login(['dev'], {force: true})
    assert.is(outcomes[0].kind, 'logged-in')
    assert.match(f.info.join('\n'), 'IAM Identity Center no longer took the token of dev; renewed it with its refresh token.')
    assert.is(JSON.parse(f.fake.requests.filter((r) => r.action === 'CreateToken').at(-1)!.body).grantType, 'refresh_token')
    assert.is(f.fake.count({action: 'GetRoleCredentials'}), 3)
    // a legacy profile has no refresh token
    await f.login(['old'])
    f.fake.revokeSsoTokens()
    const error = await failure(f.login(['old'], {force: true}))
    assert.is(
      error?.message,
      'IAM Identity Center no longer accepts the sign-in used for role Developer in account 444455556666 (profile old) (Session token not found or invalid).',
    )
    assert.is(error?.hint, 'Run clokta -p old to sign in again (clokta has marked the cached token as expired).')
    await f.login(['old'], {force: true})
    assert.is(f.fake.ssoUserCodes.length, 3)
  })
})

test('a role the user has no access to, and a sign-in denied in the browser, each fail in one line', async () => {
  await withFlow(scenario({pendingPolls: 0}), async (f) => {
    f.home.write('.aws/config', awsConfig().replace('sso_role_name = ReadOnly', 'sso_role_name = Nope'))
    const error = await failure(f.login(['dev']))
    assert.is(error?.message, 'IAM Identity Center gives you no access to role Nope in account 111122223333 (profile dev) (No access).')
  })
  await withFlow(scenario({outcome: 'deny'}), async (f) => {
    f.home.write('.aws/config', awsConfig())
    const error = await failure(f.login(['dev'], {noBrowser: true}))
    assert.is(error?.message, 'The IAM Identity Center sign-in for profile dev was refused in the browser.')
    assert.equal(f.opened, [])
    assert.match(f.info.join('\n'), 'no browser opened: as --no-browser asks')
  })
})

test('two profiles of one sso-session in one run: one sign-in serves both; --all-roles is for Okta apps', async () => {
  await withFlow(scenario({pendingPolls: 0}), async (f) => {
    f.home.write('.aws/config', awsConfig('\n[profile dev2]\nsso_session = corp\nsso_account_id = 444455556666\nsso_role_name = Developer\n'))
    const {outcomes, failures} = await f.login(['dev', 'dev2'])
    assert.equal(failures, [])
    assert.equal(
      outcomes.map((o) => o.roleArn),
      ['arn:aws:iam::111122223333:role/ReadOnly', 'arn:aws:iam::444455556666:role/Developer'],
    )
    assert.is(f.fake.ssoUserCodes.length, 1)
    const error = await failure(f.login(['dev'], {}, {}, {template: '{account}-{role}'}))
    assert.match(error?.message ?? '', /^--all-roles writes a profile for each role of an Okta app; dev is an IAM Identity Center profile\.$/)
  })
})

test('exec, env, serve, credential-process and console get an SSO profile through credentialsFor, with its region', async () => {
  await withFlow(scenario({pendingPolls: 0}), async (f) => {
    f.home.write('.aws/config', awsConfig())
    const handed = await credentialsFor('dev', FLAGS, f.deps(), f.world())
    assert.is(handed.credentials.accessKeyId, f.fake.issued.at(-1)!.accessKeyId)
    assert.is(handed.region.value, 'eu-west-1')
  })
})

test('an endless answer from IAM Identity Center is cut off at 256 KB with one line', async () => {
  await withFlow(scenario(), async (f) => {
    f.home.write('.aws/config', awsConfig())
    f.fake.scenario.inject.sso = [{status: 200, body: '{"clientId": "', stream: {chunk: 'x'.repeat(64 * 1024)}}]
    const error = await failure(f.login(['dev']))
    assert.match(error?.message ?? '', /^IAM Identity Center at 127\.0\.0\.1:\d+ answered with more than 256 KB; clokta stopped reading\.$/)
  })
})

test('logout -p of an SSO profile (or a chain on one) ends its sign-in at the portal and removes the cached token, no keychain needed; the next login signs in again', async () => {
  await withFlow(scenario({pendingPolls: 0}), async (f) => {
    f.home.write('.aws/config', awsConfig())
    await f.login(['dev'])
    const cache = cachePath(f, 'corp')
    const token = JSON.parse(readFileSync(cache, 'utf8')) as {accessToken: string; refreshToken: string}
    const file = `~/.aws/sso/cache/${sha1('corp')}.json`
    // the portal of the region the token was issued in, as aws sso logout reads it from the file
    f.home.write(`.aws/sso/cache/${sha1('corp')}.json`, readFileSync(cache, 'utf8').replace('"region": "us-east-1"', '"region": "us-east-2"'))
    const regions: string[] = []
    const deps = f.deps()
    const report = await logout({profile: 'service', all: false}, {...deps, sso: (region) => (regions.push(region), deps.sso(region))}, f.world())
    assert.equal(regions, ['us-east-2'])
    assert.equal(describeLogout(report), [
      `Signed out of IAM Identity Center (sso-session corp) and removed its token ${file}: profiles dev and pick sign in again in the browser next time, with clokta or the AWS CLI alike.`,
    ])
    assert.equal(f.fake.ssoLoggedOut, [token.accessToken])
    assert.is(existsSync(cache), false)
    assert.equal(describeLogout(await logout({profile: 'dev', all: false}, f.deps(), f.world())), [
      `No IAM Identity Center token of sso-session corp is cached in ${file}: there was no sign-in to end.`,
    ])
    await f.login(['dev'], {force: true})
    assert.is(f.fake.ssoUserCodes.length, 2)
  })
})

test('logout --all ends every sign-in of ~/.aws/config; an expired token is removed unsent; a portal that refuses the Logout still loses the token here, in one line', async () => {
  await withFlow(scenario({pendingPolls: 0}), async (f) => {
    f.home.write('.aws/config', awsConfig())
    await f.login(['dev', 'old'])
    const legacy = cachePath(f, START)
    f.home.write(
      `.aws/sso/cache/${sha1(START)}.json`,
      readFileSync(legacy, 'utf8').replace(/"expiresAt": "[^"]+"/, '"expiresAt": "2020-01-01T00:00:00Z"'),
    )
    f.fake.scenario.inject.sso = [
      {
        status: 400,
        headers: {'x-amzn-errortype': 'InvalidRequestException:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/'},
        body: {message: 'Invalid request'},
      },
    ]
    const lines = describeLogout(await logout({all: true}, f.deps(), f.world()))
    assert.equal(lines, [
      `Removed the IAM Identity Center token of sso-session corp (~/.aws/sso/cache/${sha1('corp')}.json), but signing out at IAM Identity Center failed (IAM Identity Center at ${new URL(f.fake.ssoUrl).host} refused the sign-out: Invalid request (InvalidRequestException)), so that sign-in lasts there until it expires; profiles dev and pick sign in again in the browser next time, with clokta or the AWS CLI alike.`,
      `Removed the expired IAM Identity Center token of the start URL ${START} (~/.aws/sso/cache/${sha1(START)}.json): profile old signs in again in the browser next time, with clokta or the AWS CLI alike.`,
    ])
    assert.is(f.fake.count({action: 'Logout'}), 1)
    assert.is(existsSync(cachePath(f, 'corp')) || existsSync(legacy), false)
    // nothing left: --all says nothing of sign-ins it found no token for
    assert.equal(describeLogout(await logout({all: true}, f.deps(), f.world())), [])
  })
})

test('logout --all goes on past a token file it cannot remove: the other sign-ins and the keychain are still seen to, and each thing left undone is one line', async () => {
  await withFlow(
    scenario({pendingPolls: 0}),
    async (f) => {
      f.home.write('.aws/config', awsConfig())
      await f.login(['dev', 'old'])
      const org = new URL('https://example.okta.com')
      for (const user of ['jdoe', 'stuck']) f.keychain.set(passwordAccount(org, user), 'correct horse')
      const deps = f.deps()
      // a keychain that will not let go of one item, as a locked or read-only one does
      const keychain = {
        ...deps.keychain,
        delete: async (account: string) => account !== passwordAccount(org, 'stuck') && deps.keychain.delete(account),
      }
      // the cache folder clokta may not remove files from (0500; for root, which removes them anyway, immutable)
      const unwritable = makeUnwritable(f.home.path('.aws/sso/cache'))
      if (!unwritable) return
      let report
      try {
        report = await logout({all: true}, {...deps, keychain}, f.world())
      } finally {
        unwritable.undo()
      }
      // both sign-ins ended at the service, the second after the first file stayed; the other password forgotten
      assert.is(f.fake.count({action: 'Logout'}), 2)
      assert.ok(existsSync(cachePath(f, 'corp')) && existsSync(cachePath(f, START)))
      assert.equal([...f.keychain.keys()], [passwordAccount(org, 'stuck')])
      assert.equal(describeLogout(report), [
        'Signed out of IAM Identity Center (sso-session corp).',
        `Signed out of IAM Identity Center (the start URL ${START}).`,
        'Forgot the Okta password of jdoe at example.okta.com.',
        'clokta keeps no Okta password or session for stuck at example.okta.com: there was nothing to forget.',
      ])
      const reason = `${unwritable.code === 'EPERM' ? 'operation not permitted' : 'permission denied'} \\(${unwritable.code}\\)`
      const failures = logoutFailures(report)
      assert.is(failures.length, 3)
      assert.match(
        failures[0],
        new RegExp(
          `^The IAM Identity Center token of sso-session corp is still cached: cannot remove ~/\\.aws/sso/cache/${sha1('corp')}\\.json: ${reason}\\.$`,
        ),
      )
      assert.match(
        failures[1],
        new RegExp(
          `^The IAM Identity Center token of the start URL \\S+ is still cached: cannot remove ~/\\.aws/sso/cache/${sha1(START)}\\.json: ${reason}\\.$`,
        ),
      )
      assert.is(failures[2], 'The OS keychain would not remove the Okta password of stuck at example.okta.com.')
      assert.is(
        logoutFailureHint(report),
        'Run clokta logout again, or see to it with your keychain app (service clokta) and the files named (or remove them yourself).',
      )
      // once the folder may be written in, logging out again removes the tokens IAM Identity Center no longer takes
      const again = await logout({all: true}, f.deps(), f.world())
      assert.equal(logoutFailures(again), [])
      assert.not.ok(existsSync(cachePath(f, 'corp')) || existsSync(cachePath(f, START)))
    },
    {keychain: true},
  )
})

test('SDK errors become one line: no answer at all names the host; an unknown code is quoted', () => {
  const network = convertSsoError(
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {name: 'Error'}),
    'x',
    'https://oidc.us-east-1.amazonaws.com',
    'c',
  )
  assert.is(network.message, 'Cannot reach IAM Identity Center at oidc.us-east-1.amazonaws.com: connect ECONNREFUSED 127.0.0.1:1.')
  assert.is(network.code, 'network')
  const other = convertSsoError(
    {name: 'TooManyRequestsException', message: 'Rate exceeded', $metadata: {httpStatusCode: 429}},
    'role R in account 1 (profile dev)',
    'https://portal.sso.us-east-1.amazonaws.com',
    'c',
  )
  assert.is(
    other.message,
    'IAM Identity Center at portal.sso.us-east-1.amazonaws.com refused role R in account 1 (profile dev): Rate exceeded (TooManyRequestsException).',
  )
})

test.run()
