import {existsSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'

function errorLines(stderr: string): string[] {
  const lines = stderr.trimEnd().split('\n')
  return lines.slice(lines.findIndex((l) => l.startsWith('clokta: ')))
}

test('an app link answering forever: stopped past 2 MB with one line naming the host, long before the 30 s timeout, nothing written', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    h.fake.scenario.inject.app = [{status: 200, headers: {'content-type': 'text/html'}, body: '<html><body>', stream: {chunk: '<p>'.repeat(20_000)}}]
    const started = Date.now()
    const r = await h.run(['-p', 'website'], withPassword)
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`)
    assert.is(r.code, 1, r.stderr)
    const host = new URL(h.fake.oktaUrl).host
    assert.equal(errorLines(r.stderr), [
      `clokta: ${host} answered GET ${new URL(h.fake.appUrl).pathname} with more than 2 MB; clokta stopped reading.`,
      "  Okta's answers are a few KB: check the URL, and whether a proxy or captive portal answers in Okta's place.",
    ])
    assert.is(h.fake.count({service: 'sts'}), 0)
    assert.not.ok(existsSync(h.home.path('.aws')), '~/.aws was written')
  })
})

test('an STS error that echoes the SAML assertion and the password: both redacted from the last line and the --debug stack', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const echo = {
      status: 400,
      headers: {'content-type': 'text/xml'},
      echo: true,
      body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>1 validation error detected: Value '{{SAMLAssertion}}' at 'SAMLAssertion' failed to satisfy constraint (sent with password ${PASSWORD})</Message></Error><RequestId>1fd1964b-1544-11ea-ba37-99c3c1dede42</RequestId></ErrorResponse>`,
    }
    for (const args of [
      ['-p', 'website'],
      ['-p', 'website', '--debug'],
    ]) {
      h.fake.scenario.inject.sts = [echo]
      const r = await h.run(args, withPassword)
      const sent = h.fake.requests.filter((q) => q.service === 'sts').at(-1)
      const assertion = new URLSearchParams(sent?.body).get('SAMLAssertion') ?? ''
      assert.ok(assertion.length > 1000, 'the assertion reached STS')
      assert.is(r.code, 1, r.stderr)
      assert.match(
        errorLines(r.stderr)[0],
        /^clokta: AWS STS refused role Developer in 123456789012: 1 validation error detected: Value '\*\*\*\*' at 'SAMLAssertion'/,
      )
      for (const secret of [assertion, assertion.slice(0, 200), PASSWORD, 'correct+horse', 'correct%20horse']) {
        assert.not.ok(r.stderr.includes(secret), `${args.join(' ')}: stderr holds ${secret.slice(0, 40)}:\n${r.stderr.slice(0, 2000)}`)
      }
      if (args.includes('--debug')) assert.match(r.stderr, /\n\s+at .+:\d+:\d+/, 'the --debug stack')
    }
  })
})

test.run()
