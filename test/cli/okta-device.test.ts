import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {OIDC_CLIENT_ID} from '../support/fake/index.js'
import {KEYCHAIN, KEYCHAIN_ENV, withHarness, type Harness} from '../support/harness.js'

const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
// Okta says 5 s; the client sleeps whatever the server says, so the test server says 1
const idx = {pipeline: 'idx' as const, oidc: {interval: 1, pendingPolls: 1}}

function cfg(h: Harness): void {
  const app = `okta_aws_app_url = ${h.fake.appUrl}\nokta_aws_role_to_assume = ${DEVELOPER}\n`
  h.cfg(`[DEFAULT]\nokta_username = jdoe@example.com\nokta_oidc_client_id = ${OIDC_CLIENT_ID}\n\n[website]\n${app}\n[billing]\n${app}`)
}

test('an Identity Engine org: the code and URL on stderr, no browser with --no-browser, the credentials written; no password asked', async () => {
  await withHarness(idx, async (h) => {
    cfg(h)
    const r = await h.run(['-p', 'website', '--no-browser'], {DISPLAY: ':99'})
    assert.is(r.code, 0, r.stderr)
    const shown =
      /^Okta Identity Engine login for 127\.0\.0\.1:\d+: open (http:\/\/127\.0\.0\.1:\d+\/activate\?user_code=([A-Z]{8})) and confirm the code ([A-Z]{8})\.$/m.exec(
        r.stderr,
      )
    assert.ok(shown, r.stderr)
    assert.is(shown[2], shown[3])
    assert.not.match(r.stderr, /Opened it in your browser/)
    assert.not.match(r.stderr, /password/i)
    assert.is(r.stdout, '')
    assert.match(h.read('.aws/credentials'), /\[website\]\naws_access_key_id = ASIA/)
    assert.equal(
      h.fake.requests.filter((q) => q.service === 'okta').map((q) => `${q.method} ${q.path}`),
      [
        'GET /.well-known/okta-organization',
        'POST /oauth2/v1/device/authorize',
        'POST /oauth2/v1/token',
        'POST /oauth2/v1/token',
        'POST /oauth2/v1/token',
        'POST /login/token/sso',
      ],
    )
    assert.match(h.read('.clokta/okta-engines.json'), /"pipeline": "idx"/)
  })
})

if (!KEYCHAIN) {
  console.log('  (the kept-token test is skipped: no private Secret Service; test/run.sh starts one on Linux)')
} else {
  test('the tokens kept in the keychain serve a second profile with no device request and no browser; none of them in the --debug log', async () => {
    await withHarness(idx, async (h) => {
      cfg(h)
      const first = await h.run(['-p', 'website'], KEYCHAIN_ENV)
      assert.is(first.code, 0, first.stderr)
      const from = h.fake.requests.length
      const second = await h.run(['-p', 'billing', '--debug'], KEYCHAIN_ENV)
      assert.is(second.code, 0, second.stderr)
      assert.match(second.stderr, /Using your Okta tokens for 127\.0\.0\.1:\d+ \(no browser needed\)\./)
      assert.not.match(second.stderr, /user_code/)
      const later = h.fake.requests.slice(from)
      assert.equal(
        later.filter((q) => q.service === 'okta').map((q) => `${q.method} ${q.path}`),
        ['POST /oauth2/v1/token', 'POST /login/token/sso'],
      )
      const exchange = new URLSearchParams(later[0].body)
      for (const name of ['actor_token', 'subject_token']) {
        const token = exchange.get(name)!
        assert.ok(token.length > 100)
        assert.not.ok(second.stderr.includes(token), `${name} is not in the debug log`)
        assert.equal(h.filesHolding(token), [], `${name} is in no file`)
      }
      const webSso = new URLSearchParams(later[1].body).get('token')!
      assert.not.ok(second.stderr.includes(webSso))
      assert.match(h.read('.aws/credentials'), /\[billing\]\naws_access_key_id = ASIA/)
    })
  })
}

test.run()
