import {chmodSync} from 'node:fs'
import {createServer} from 'node:net'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {KEYCHAIN, KEYCHAIN_ENV, returningUserCfg, withHarness} from '../support/harness.js'
import {store} from '../support/secret-service.js'

// `clokta doctor` through the built CLI: the table a user reads, the exit code, --json. The policy of each check is in unit/flow/doctor*.
const PROXY = {HTTPS_PROXY: 'http://bob:s3cret-proxy@proxy.invalid:3128', NO_PROXY: '127.0.0.1'}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  await new Promise((resolve) => server.close(resolve))
  return port
}

const fitsIn80 = (stdout: string) => {
  for (const line of stdout.split('\n')) assert.ok(line.length <= 80, `longer than 80 columns: ${line}`)
}

test('a healthy HOME: a table of ok rows (warnings allowed, such as an old Node), exit 0, only the well-known asked, secrets masked', async () => {
  await withHarness({pipeline: 'idx'}, async (h) => {
    h.cfg(returningUserCfg(h.fake))
    chmodSync(h.home.path('.clokta'), 0o700)
    if (KEYCHAIN) store('password', h, 'hunter2-kept')
    const r = await h.run(['doctor'], {...PROXY, ...(KEYCHAIN ? KEYCHAIN_ENV : {})})
    assert.is(r.code, 0, r.stdout + r.stderr)
    assert.is(r.stderr, '')
    fitsIn80(r.stdout)
    const host = new URL(h.fake.oktaUrl).host.replace(/\./g, '\\.')
    assert.match(r.stdout, /^CHECK\s+SUBJECT\s+STATUS\s+DETAIL$/m)
    assert.match(r.stdout, /^node\s+v\d+\.\d+\.\d+\s+(ok|warning)\s/m)
    assert.match(r.stdout, /^config\s+~\/\.clokta\/clokta\.cfg\s+ok\s+parsed: 1 profile$/m)
    assert.match(r.stdout, /^profile\s+website\s+warning\s+http:\/\/127\.0\.0\.1/m, 'never logged in')
    assert.match(r.stdout, new RegExp(`^okta\\s+${host}\\s+warning\\s+reachable \\(\\d+ ms\\), Identity Engine`, 'm'))
    assert.match(r.stdout, new RegExp(`^clock\\s+${host}\\s+ok\\s+within \\d+ s`, 'm'))
    assert.match(r.stdout, /^proxy\s+HTTPS_PROXY\s+ok\s+http:\/\/bob:\*\*\*\*@proxy\.invalid:3128$/m)
    assert.match(r.stdout, /^mode\s+~\/\.clokta\/clokta\.cfg\s+ok\s+0600$/m)
    if (KEYCHAIN) assert.match(r.stdout, new RegExp(`^keychain\\s+jdoe@example\\.com\\s+ok\\s+at ${host}: kept password$`, 'm'))
    else assert.match(r.stdout, /^keychain\s+OS keychain\s+warning\s+No OS keychain is reachable/m)
    assert.match(r.stdout, /\n\n\d+ ok, \d+ warnings?, 0 broken\n$/)
    for (const secret of ['s3cret-proxy', 'hunter2-kept']) assert.not.ok(r.stdout.includes(secret), secret)
    assert.equal(
      h.fake.requests.map((q) => `${q.method} ${q.path}`),
      ['GET /.well-known/okta-organization'],
    )
    assert.equal(h.fake.requests[0].headers.accept, 'application/json')
  })
})

test('a broken HOME: the bad line of clokta.cfg named, an unreachable org broken, exit 1; --json says the same', async () => {
  await withHarness({}, async (h) => {
    const dead = `127.0.0.1:${await closedPort()}`
    h.cfg(`${returningUserCfg(h.fake)}\n[gone]\nokta_aws_app_url = http://${dead}/home/amazon_aws/0oa1/272\n`.replace('[website]', 'oops\n[website]'))
    const table = await h.run(['doctor'])
    assert.is(table.code, 1, table.stdout + table.stderr)
    assert.is(table.stderr, '')
    fitsIn80(table.stdout)
    assert.match(table.stdout, /^config\s+~\/\.clokta\/clokta\.cfg\s+broken\s+line 5 is not `key = value`/m)
    assert.match(table.stdout, new RegExp(`^okta\\s+${dead.replace(/\./g, '\\.')}\\s+broken\\s+Cannot reach ${dead.replace(/\./g, '\\.')}: the`, 'm'))
    assert.match(table.stdout, /^profile\s+website\s+warning\s/m, 'the profiles after the bad line are still checked')
    assert.match(table.stdout, /, 2 broken\n$/)

    const json = await h.run(['doctor', '--json'])
    assert.is(json.code, 1)
    const findings = JSON.parse(json.stdout) as Record<string, string>[]
    for (const f of findings) assert.equal(Object.keys(f), ['check', 'subject', 'status', 'detail'])
    assert.equal(
      findings.filter((f) => f.status === 'broken').map((f) => [f.check, f.subject, f.detail.slice(0, 30)]),
      [
        ['config', '~/.clokta/clokta.cfg', 'line 5 is not `key = value`, a'],
        ['okta', dead, `Cannot reach ${dead}: the connecti`.slice(0, 30)],
      ],
    )
  })
})

test.run()
