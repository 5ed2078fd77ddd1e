import {chmodSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {webIdentityToken} from '../../support/fake/index.js'
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
    const last = f.sts.at(-1)
    assert.is(last?.kind === 'web-identity' && last.token, 'eyJ.rotated.token', 'the rotated token is read, not a kept one')
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

const ISSUER = 'https://example.okta.com/oauth2/default'
const AUDIENCE = 'sts.amazonaws.com'

test("the test server's AssumeRoleWithWebIdentity: credentials, then STS's refusals as one line with what to do", async () => {
  await withFlow(
    {webIdentity: {issuer: ISSUER, audience: AUDIENCE, roleArns: [POD]}},
    async (f) => {
      const token = (claims: Partial<Parameters<typeof webIdentityToken>[0]> = {}) =>
        f.home.write(
          'token',
          webIdentityToken({
            iss: ISSUER,
            aud: AUDIENCE,
            sub: 'system:serviceaccount:ci:runner',
            exp: Math.floor(f.clock.now() / 1000) + 3600,
            ...claims,
          }),
        )
      setup(f)
      token()
      await f.login(['k8s'])
      assert.equal(
        f.fake.issued.map((i) => [i.via, i.roleArn]),
        [['AssumeRoleWithWebIdentity', POD]],
      )
      const refusal = async () => (await failure(f.login(['k8s'], {force: true}))) as CloktaError
      token({exp: Math.floor(f.clock.now() / 1000) - 10})
      let e = await refusal()
      assert.match(e.message, /^AWS STS refused role .*pod with a web identity token \(profile k8s\): Token expired: .* \(ExpiredTokenException\)\.$/)
      assert.match(e.hint ?? '', /get a new one/)
      token({aud: 'other'})
      const aud = await refusal()
      assert.match(aud.message, /Incorrect token audience \(InvalidIdentityTokenException\)/)
      assert.match(aud.hint ?? '', /audience/)
      token({iss: 'https://elsewhere.example'})
      e = await refusal()
      assert.match(e.message, /No OpenIDConnect provider found in your account for https:\/\/elsewhere.example \(InvalidIdentityTokenException\)/)
      assert.match(e.hint ?? '', /OIDC identity provider in IAM/)
      f.home.write('token', 'not-a-jwt')
      assert.match((await refusal()).message, /verification key .*\(InvalidIdentityTokenException\)/)
      token()
      f.home.write('.aws/config', `[profile k8s]\nweb_identity_token_file = ${f.home.path('token')}\nrole_arn = ${SERVICE}\n`)
      e = await refusal()
      assert.match(e.message, /Not authorized to perform sts:AssumeRoleWithWebIdentity \(AccessDenied\)/)
      assert.match(e.hint ?? '', /trust policy/)
    },
    {stsServer: true},
  )
})

test.run()
