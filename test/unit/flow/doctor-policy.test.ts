import {mkdirSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {nodeFinding} from '../../../src/flow/doctor/node-version.js'
import {ok} from '../../../src/flow/doctor/findings.js'
import {maskProxyUrl, proxyFindings} from '../../../src/flow/doctor/proxy-settings.js'
import {ssoSignInState} from '../../../src/flow/doctor/sso-rows.js'
import type {SsoToken} from '../../../src/idp/aws-sso/token-cache.js'
import {lockFinding, writeLock} from '../../../src/flow/doctor/write-lock.js'
import {tempHome} from '../../support/run-cli.js'

// `clokta doctor`'s pure policies: Node's end of life, the proxy settings in force, the write lock's row, an IAM Identity Center sign-in.
const on = (day: string) => Date.parse(`${day}T12:00:00Z`)

test("Node: past its end of life, near it (90 days), or supported; the advice names an LTS with a year's fixes ahead", () => {
  assert.equal(nodeFinding('20.20.2', on('2026-12-04')), {
    check: 'node',
    subject: 'v20.20.2',
    status: 'warning',
    detail: 'past its end of life (2026-04-30): no security fixes; upgrade to Node 24 or later',
  })
  assert.equal(nodeFinding('22.1.0', on('2027-03-01')).detail, 'end of life on 2027-04-30, in 60 days; upgrade to Node 24 or later')
  assert.is(nodeFinding('22.1.0', on('2027-03-01')).status, 'warning')
  assert.equal(nodeFinding('22.1.0', on('2026-12-04')), {check: 'node', subject: 'v22.1.0', status: 'ok', detail: 'supported until 2027-04-30'})
  assert.is(nodeFinding('25.0.0', on('2026-12-04')).status, 'warning', 'odd releases end sooner')
  assert.is(nodeFinding('14.21.3', on('2026-12-04')).detail, 'long past its end of life: no security fixes; upgrade to Node 24 or later')
  assert.equal(nodeFinding('30.0.0', on('2026-12-04')).status, 'ok')
})

test('an IAM Identity Center sign-in as the next login finds it: used, renewed without the browser, or the browser', () => {
  const now = on('2026-12-05')
  const start = 'https://d-1234567890.awsapps.com/start'
  const path = '/nowhere/x.json'
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')
  const token: SsoToken = {startUrl: start, region: 'us-east-1', accessToken: 'a', expiresAt: iso(now - 60_000)}
  const renewable = {...token, refreshToken: 'r', clientId: 'c', clientSecret: 's', registrationExpiresAt: '2027-03-01T00:00:00Z'}
  const state = (t: SsoToken | undefined, url = start) => ssoSignInState(t, url, path, now)
  assert.equal(state({...token, expiresAt: iso(now + 2 * 3600_000)}), {status: 'ok', text: 'signed in for 2h'})
  assert.equal(state(renewable), {
    status: 'ok',
    text: 'sign-in expired; its refresh token renews it without the browser; client registered until 2027-03-01',
  })
  // what the login cannot renew with: no client secret, a registration ended, another start URL
  assert.is(state({...renewable, clientSecret: undefined}).status, 'warning')
  assert.match(state({...renewable, registrationExpiresAt: '2026-12-01T00:00:00Z'}).text, 'client registration expired')
  assert.is(state({...renewable, registrationExpiresAt: '2026-12-01T00:00:00Z'}).status, 'warning')
  assert.equal(state(renewable, 'https://other.awsapps.com/start'), {
    status: 'warning',
    text: `the token in ${path} is for ${start}, not this start URL: the next login opens the browser`,
  })
  assert.match(state(undefined).text, /^not signed in/)
})

test('proxy URLs are shown with the password masked, whatever it holds', () => {
  assert.is(maskProxyUrl('http://bob:s3cret@proxy.corp:3128'), 'http://bob:****@proxy.corp:3128')
  assert.is(maskProxyUrl('http://bob:p@ss:w0rd@proxy.corp:3128/'), 'http://bob:****@proxy.corp:3128/')
  assert.is(maskProxyUrl('bob:s3cret@proxy.corp:3128'), 'bob:****@proxy.corp:3128')
  assert.is(maskProxyUrl('http://proxy.corp:3128'), 'http://proxy.corp:3128')
  assert.is(maskProxyUrl('http://bob@proxy.corp:3128'), 'http://bob@proxy.corp:3128')
})

test('proxy variables in any case: the lowercase one is in force, mixed case is ignored, none means direct', () => {
  const rows = (env: NodeJS.ProcessEnv) => proxyFindings(env).map((r) => [r.subject, r.status, r.detail])
  assert.equal(rows({PATH: '/bin'}), [['(none)', 'ok', 'no HTTPS_PROXY, HTTP_PROXY, ALL_PROXY or NO_PROXY: connections go direct']])
  assert.equal(
    rows({
      NO_PROXY: 'localhost,.corp',
      HTTPS_PROXY: 'http://bob:s3cret@proxy.corp:3128',
      https_proxy: 'http://alice:hunter2@other:8080',
      Http_Proxy: 'http://x:1',
      HTTP_PROXY: '',
      ALL_PROXY: 'http://[bad',
    }),
    [
      ['https_proxy', 'ok', 'http://alice:****@other:8080'],
      ['HTTPS_PROXY', 'warning', 'differs from https_proxy, which is the one in force'],
      ['HTTP_PROXY', 'ok', 'empty: no proxy'],
      ['Http_Proxy', 'warning', 'ignored: only http_proxy and HTTP_PROXY are read'],
      ['ALL_PROXY', 'warning', 'not a proxy URL: http://[bad'],
      ['NO_PROXY', 'ok', 'not proxied: localhost,.corp'],
    ],
  )
  assert.equal(rows({http_proxy: 'proxy:3128', HTTP_PROXY: 'proxy:3128'}), [
    ['http_proxy', 'ok', 'proxy:3128'],
    ['HTTP_PROXY', 'ok', 'same as http_proxy, which is the one in force'],
  ])
})

test("the write lock's row: free, who holds it, an older clokta's leftover, and a lock no run could open is broken", async () => {
  const path = '/home/jdoe/.clokta/.write.lock'
  assert.equal(lockFinding({state: 'free'}, path), {check: 'lock', subject: path, status: 'ok', detail: 'free'})
  const held = lockFinding({state: 'held', pid: 4242, host: 'laptop', profiles: ['website', 'billing']}, path)
  assert.is(held.status, 'warning')
  assert.is(held.detail, 'held by a running clokta (pid 4242, laptop, profiles website, billing): a login that writes waits for it')
  assert.is(lockFinding({state: 'legacy-held', pid: 7}, path).status, 'warning')
  assert.is(
    lockFinding({state: 'legacy-leftover', pid: 7}, path).detail,
    'left by an older clokta that is gone (pid 7); the next login takes it over',
  )
  const home = tempHome()
  const saved = process.env.HOME
  process.env.HOME = home.dir
  try {
    assert.equal(await writeLock(), [ok('lock', '~/.clokta/.write.lock', 'free')])
    mkdirSync(home.path('.clokta/.write.lock'), {recursive: true})
    const [row] = await writeLock()
    assert.is(row.status, 'broken')
    assert.match(row.detail, /lock file/)
  } finally {
    process.env.HOME = saved
    home.remove()
  }
})

test.run()
