import {chmodSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {withFlow, type FlowHarness} from '../../support/flow.js'

const POD = 'arn:aws:iam::123456789012:role/pod'
const SERVICE = 'arn:aws:iam::444455556666:role/service'
const GOV = 'arn:aws-us-gov:iam::123456789012:role/pod'
const failure = (run: Promise<unknown>) =>
  run.then(
    () => undefined,
    (e: CloktaError) => e,
  )
const setup = (f: FlowHarness, extra = '') => {
  f.home.write('token', 'eyJ.first.token\n')
  f.home.write('.aws/config', `[profile k8s]\nweb_identity_token_file = ${f.home.path('token')}\nrole_arn = ${POD}\n${extra}`)
}

test('a token-file profile: AssumeRoleWithWebIdentity with the file as it is at each login, then served while valid', async () => {
  await withFlow({}, async (f) => {
    setup(f, 'role_session_name = ci\nduration_seconds = 1800\n')
    const first = await f.login(['k8s'])
    assert.is(first.outcomes[0].kind, 'logged-in')
    assert.equal(f.sts, [
      {kind: 'web-identity', region: 'us-east-1', roleArn: POD, roleSessionName: 'ci', durationSeconds: 1800, token: 'eyJ.first.token'},
    ])
    assert.match(readFileSync(f.home.path('.aws/credentials'), 'utf8'), /\[k8s\]\naws_access_key_id = ASIAFAKE00000001/)
    assert.is((await f.login(['k8s'])).outcomes[0].kind, 'still-valid')
    assert.is(f.sts.length, 1, 'no STS call for still-valid credentials')
    f.home.write('token', 'eyJ.rotated.token')
    await f.login(['k8s'], {force: true})
    assert.is(f.sts.at(-1)?.kind === 'web-identity' && f.sts.at(-1)?.token, 'eyJ.rotated.token', 'the rotated token is read, not a kept one')
  })
})

test('without role_session_name the session is named as the SDKs name it; the region follows the role partition', async () => {
  await withFlow({}, async (f) => {
    f.home.write('token', 't')
    f.home.write('.aws/config', `[profile gov]\nweb_identity_token_file = ${f.home.path('token')}\nrole_arn = ${GOV}\nregion = eu-west-1\n`)
    await f.login(['gov'])
    const call = f.sts[0]
    assert.is(call.region, 'us-gov-west-1')
    assert.match(call.kind === 'web-identity' ? call.roleSessionName : '', /^clokta-session-\d+$/)
    assert.is(call.kind === 'web-identity' && call.durationSeconds, 0, 'no duration asked: the role decides')
  })
})

test('a missing, unreadable or empty token file is one line naming the file and the profile', async () => {
  await withFlow({}, async (f) => {
    setup(f)
    f.home.write('token', '  \n')
    assert.match((await failure(f.login(['k8s'])))?.message ?? '', /^The web identity token file .*token of profile k8s is empty\.$/)
    chmodSync(f.home.path('token'), 0o000)
    if (process.getuid?.() !== 0) {
      assert.match((await failure(f.login(['k8s'])))?.message ?? '', /token of profile k8s cannot be read \(permission denied\)\./)
    }
    f.home.write('.aws/config', `[profile k8s]\nweb_identity_token_file = ${f.home.path('nowhere')}\nrole_arn = ${POD}\n`)
    assert.match((await failure(f.login(['k8s'])))?.message ?? '', /nowhere of profile k8s does not exist\./)
    assert.is(f.sts.length, 0)
  })
})

test('a chain on a web identity profile: its hop signed with the web identity credentials', async () => {
  await withFlow({}, async (f) => {
    setup(f, `\n[profile svc]\nrole_arn = ${SERVICE}\nsource_profile = k8s\n`)
    await f.login(['svc'])
    assert.equal(
      f.sts.map((c) => [c.kind, c.roleArn]),
      [
        ['web-identity', POD],
        ['role', SERVICE],
      ],
    )
    const hop = f.sts[1]
    assert.is(hop.kind === 'role' && hop.as, 'ASIAFAKE00000001')
  })
})

test.run()
