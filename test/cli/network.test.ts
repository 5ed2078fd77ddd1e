import {existsSync, readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {startFakeServices, type FakeServices} from '../support/fake/index.js'
import {PASSWORD, parseIniSection, returningUserCfg, withHarness} from '../support/harness.js'
import {startProxy} from '../support/proxy.js'
import {runCli, tempHome, type CliResult} from '../support/run-cli.js'

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
    // one run with --debug: its stderr is the plain run's last line and hint, and the log and stack besides
    h.fake.scenario.inject.sts = [echo]
    const r = await h.run(['-p', 'website', '--debug'], withPassword)
    const sent = h.fake.requests.filter((q) => q.service === 'sts').at(-1)
    const assertion = new URLSearchParams(sent?.body).get('SAMLAssertion') ?? ''
    assert.ok(assertion.length > 1000, 'the assertion reached STS')
    assert.is(r.code, 1, r.stderr)
    assert.match(
      errorLines(r.stderr)[0],
      /^clokta: AWS STS refused role Developer in 123456789012: 1 validation error detected: Value '\*\*\*\*' at 'SAMLAssertion'/,
    )
    for (const secret of [assertion, assertion.slice(0, 200), PASSWORD, 'correct+horse', 'correct%20horse']) {
      assert.not.ok(r.stderr.includes(secret), `stderr holds ${secret.slice(0, 40)}:\n${r.stderr.slice(0, 2000)}`)
    }
    assert.match(r.stderr, /\n\s+at .+:\d+:\d+/, 'the --debug stack')
  })
})

const TLS_DIR = new URL('../fixtures/tls/', import.meta.url).pathname
const CA = `${TLS_DIR}ca.pem`

/** Okta and STS over https with one of test/fixtures/tls's certificates, and a run of the CLI against them. */
async function withTls(
  cert: string,
  body: (fake: FakeServices, run: (env: Record<string, string>) => Promise<CliResult>, home: ReturnType<typeof tempHome>) => Promise<void>,
) {
  const fake = await startFakeServices(pushOnly, {
    tls: {key: readFileSync(`${TLS_DIR}${cert}.key`, 'utf8'), cert: readFileSync(`${TLS_DIR}${cert}.pem`, 'utf8')},
  })
  const home = tempHome()
  home.write('.clokta/clokta.cfg', returningUserCfg(fake, {profile: developer}))
  try {
    await body(fake, (env) => runCli(['-p', 'website'], {home: home.dir, env: {AWS_ENDPOINT_URL_STS: fake.stsUrl, ...withPassword, ...env}}), home)
  } finally {
    await fake.close()
    home.remove()
  }
}

test("behind a CONNECT proxy (HTTPS_PROXY), with the network's CA in NODE_EXTRA_CA_CERTS: Okta and STS both reached through the tunnel", async () => {
  await withTls('localhost', async (fake, run, home) => {
    const proxy = await startProxy()
    try {
      const r = await run({HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: CA})
      assert.is(r.code, 0, r.stderr)
      const okta = new URL(fake.oktaUrl).host
      const sts = new URL(fake.stsUrl).host
      assert.ok(proxy.tunnels.includes(okta) && proxy.tunnels.includes(sts), proxy.tunnels.join(' '))
      assert.equal([...new Set(proxy.tunnels)].sort(), [okta, sts].sort())
      assert.is(fake.issued.length, 1)
      assert.is(parseIniSection(readFileSync(home.path('.aws/credentials'), 'utf8'), 'website').aws_access_key_id, fake.issued[0].accessKeyId)
    } finally {
      await proxy.close()
    }
  })
})

// An expired certificate and one for another host: test/unit/io/tls-errors.test.ts; this is the wiring.
test('a TLS error in one line with what to do: an unknown CA', async () => {
  await withTls('localhost', async (fake, run) => {
    const r = await run({})
    assert.is(r.code, 1, r.stderr)
    const lines = errorLines(r.stderr)
    assert.is(lines.length, 2, r.stderr)
    assert.ok(lines[0].startsWith(`clokta: Cannot reach ${new URL(fake.oktaUrl).host}: `), lines[0])
    assert.match(lines[0], /: its TLS certificate is signed by an authority this computer does not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\.$/)
    assert.match(lines[1], /NODE_EXTRA_CA_CERTS/)
    assert.is(fake.requests.length, 0, 'nothing reached Okta')
  })
})

test.run()
