import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {webIdentityToken} from '../support/fake/index.js'
import {parseIniSection, withHarness} from '../support/harness.js'

const POD = 'arn:aws:iam::123456789012:role/pod'
const DEPLOY = 'arn:aws:iam::444455556666:role/deploy'
const ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE'

test('a token-file profile end to end: AssumeRoleWithWebIdentity unsigned, a chain on top, the files written, exec served while valid', async () => {
  await withHarness(
    {webIdentity: {issuer: ISSUER, audience: 'sts.amazonaws.com', roleArns: [POD]}, chainRoles: [{roleArn: DEPLOY, trusts: [POD]}]},
    async (h) => {
      const token = webIdentityToken({
        iss: ISSUER,
        aud: 'sts.amazonaws.com',
        sub: 'system:serviceaccount:ci:runner',
        exp: Math.floor(Date.now() / 1000) + 3600,
      })
      h.home.write('token', token)
      h.home.write(
        '.aws/config',
        `[profile k8s]\nweb_identity_token_file = ${h.home.path('token')}\nrole_arn = ${POD}\nrole_session_name = runner\n\n[profile deploy]\nrole_arn = ${DEPLOY}\nsource_profile = k8s\n`,
      )
      const r = await h.run(['-p', 'deploy', '--debug'])
      assert.is(r.code, 0, r.stderr)
      const call = h.fake.requests.find((q) => q.action === 'AssumeRoleWithWebIdentity')
      assert.ok(call, 'AssumeRoleWithWebIdentity called')
      assert.is(call?.headers.authorization, undefined, 'unsigned')
      assert.ok(!r.stderr.includes(token), 'the token is never shown')
      const [web, hop] = [h.fake.issued.find((i) => i.roleArn === POD), h.fake.issued.find((i) => i.roleArn === DEPLOY)]
      assert.is(web?.roleSessionName, 'runner')
      assert.is(hop?.sourceAccessKeyId, web?.accessKeyId)
      assert.is(parseIniSection(h.read('.aws/credentials'), 'deploy').aws_access_key_id, hop?.accessKeyId)

      const before = h.fake.requests.length
      const served = await h.run(['exec', '-p', 'k8s', '--', 'node', '-e', 'process.stdout.write(process.env.AWS_ACCESS_KEY_ID)'])
      assert.is(served.code, 0, served.stderr)
      assert.is(served.stdout, web?.accessKeyId)
      assert.is(h.fake.requests.length, before, 'still valid: nobody contacted')
    },
  )
})

test.run()
