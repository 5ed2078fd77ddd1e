import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {OIDC_CLIENT_ID} from '../support/fake/index.js'
import {parseIniSection, withHarness} from '../support/harness.js'

const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'

test('an Okta web identity profile end to end: the device code on stderr, no browser, AssumeRoleWithWebIdentity with the ID token, the artefacts written; credential_process served while valid', async () => {
  // Okta says 5 s; the client sleeps whatever the server says, so the test server says 1
  await withHarness({oidc: {interval: 1, pendingPolls: 1}}, async (h) => {
    h.fake.scenario = {...h.fake.scenario, webIdentity: {issuer: h.fake.oktaUrl, audience: OIDC_CLIENT_ID, roleArns: [DEVELOPER]}}
    h.cfg(`[dev]\nokta_web_identity = true\nokta_org_url = ${h.fake.oktaUrl}\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\nrole_arn = ${DEVELOPER}\n`)
    const r = await h.run(['-p', 'dev', '--no-browser', '--debug'], {DISPLAY: ':99'})
    assert.is(r.code, 0, r.stderr)
    assert.match(
      r.stderr,
      /^Okta Identity Engine login for 127\.0\.0\.1:\d+: open http:\/\/127\.0\.0\.1:\d+\/activate\?user_code=[A-Z]{8} and confirm the code [A-Z]{8}\.$/m,
    )
    assert.not.match(r.stderr, /Opened it in your browser|password/i)
    assert.is(r.stdout, '')
    assert.equal(
      h.fake.requests.map((q) => q.action ?? `${q.method} ${q.path}`),
      ['POST /oauth2/v1/device/authorize', 'POST /oauth2/v1/token', 'POST /oauth2/v1/token', 'AssumeRoleWithWebIdentity'],
    )
    const token = new URLSearchParams(h.fake.requests[3].body).get('WebIdentityToken')!
    assert.ok(token.split('.').length === 3 && token.length > 300)
    assert.not.ok(r.stderr.includes(token), 'the ID token is not in the --debug log')
    assert.equal(h.filesHolding(token), [], 'nor in any file')
    const [issued] = h.fake.issued
    assert.equal([issued.roleArn, issued.roleSessionName], [DEVELOPER, 'jdoe@example.com'])
    assert.is(parseIniSection(h.read('.aws/credentials'), 'dev').aws_access_key_id, issued.accessKeyId)
    for (const file of ['.clokta/dev.env', '.clokta/dev.sh']) assert.ok(h.read(file).includes(issued.accessKeyId), file)

    const served = await h.run(['credential-process', '-p', 'dev'])
    assert.is(served.code, 0, served.stderr)
    assert.is((JSON.parse(served.stdout) as {AccessKeyId: string}).AccessKeyId, issued.accessKeyId)
    assert.is(h.fake.requests.length, 4, 'still valid: nobody contacted')
  })
})

test.run()
