import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {readdirSync} from 'node:fs'
import {join, relative} from 'node:path'

import pty from 'node-pty'

import type {RecordedRequest} from '../support/fake/types.js'
import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {BIN, baseEnv, runInPty, stripAnsi} from '../support/run-cli.js'

const CTRL_C = '\x03'
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'

/** every file under HOME, relative to it */
const filesIn = (dir: string, root = dir): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name), root) : [relative(root, join(dir, e.name))]))

/**
 * The CLI in a pty, Ctrl-C typed once a request matching `inFlight` has reached the test server
 * and is not answered yet; `ms` runs from that request's arrival to the CLI's exit, so a slow
 * start on a loaded machine does not count against it.
 */
function ctrlCDuring(h: Harness, args: string[], env: Record<string, string>, inFlight: (q: RecordedRequest) => boolean) {
  return new Promise<{code: number; signal?: number; screen: string; ms: number}>((resolve) => {
    let started = Number.NaN
    const term = pty.spawn(process.execPath, [BIN, ...args], {env: baseEnv(h.home.dir, {...h.env, ...env}), cols: 200, rows: 50})
    let raw = ''
    term.onData((d) => (raw += d))
    const watch = setInterval(() => {
      const held = h.fake.requests.find((q) => inFlight(q) && q.status === 0)
      if (!held) return
      started = held.startedAt
      clearInterval(watch)
      term.write(CTRL_C)
    }, 10)
    term.onExit(({exitCode, signal}) => {
      clearInterval(watch)
      const ms = Date.now() - started
      // let the last output arrive
      setTimeout(() => resolve({code: exitCode, signal, screen: stripAnsi(raw), ms}), 50)
    })
  })
}

test('Ctrl-C at the password prompt with stdin, stdout and stderr redirected: the terminal has echo on again afterwards', async () => {
  await withHarness({}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const out = h.home.path('out')
    const err = h.home.path('err')
    const script = `"$0" "$1" -p website </dev/null >"$2" 2>"$3"; echo "exit=$?"; stty -a`
    const r = await runInPty([], {
      home: h.home.dir,
      env: h.env,
      command: ['/bin/bash', '-c', script, process.execPath, BIN, out, err],
      steps: [{expect: /Okta password/, send: CTRL_C}, {expect: /exit=\d+/}],
    })
    assert.match(r.screen, /exit=130/, r.screen)
    assert.match(r.screen, /(^|\s)echo(\s|$)/m, r.screen)
    assert.match(r.screen, /(^|\s)icanon(\s|$)/m, r.screen)
    assert.is(h.read('err'), 'clokta: Cancelled.\n')
    assert.is(h.fake.requests.length, 0)
  })
})

// An STS Expiration already past, an AWS_REGION that is no region name: test/unit/flow/odd-answers.test.ts.

// The same from AWS_PROFILE, with the line that names where the profile came from: test/unit/cli/command-errors.test.ts.
test('a profile name with a newline is echoed escaped, never raw, in one line', async () => {
  await withHarness({}, async (h) => {
    const flag = await h.run(['-p', 'web\nsite'])
    assert.is(flag.code, 2, flag.stderr)
    assert.match(flag.stderr, /^clokta: Invalid profile name "web\\nsite": use letters/)
    assert.is(flag.stderr.trimEnd().split('\n').length, 1, flag.stderr)
    // eslint-disable-next-line no-control-regex
    assert.not.match(flag.stderr, /[\x00-\x09\x0b-\x1f\x7f]/)
    assert.is(h.fake.requests.length, 0)
  })
})

test('Ctrl-C while the app page loads or STS answers (no prompt showing): "Cancelled.", exit 130 at once, nothing written', async () => {
  for (const [key, inFlight] of [
    ['app', (q: RecordedRequest) => q.path.startsWith('/home/')],
    ['sts', (q: RecordedRequest) => q.service === 'sts'],
  ] as const) {
    await withHarness(pushOnly, async (h) => {
      h.cfg(returningUserCfg(h.fake, {profile: developer}))
      // the answer is held back 5 s from the request's arrival: the run must end well before it comes
      h.fake.scenario.inject[key] = [{status: 0, body: '', passThrough: true, delayMs: 5000}]
      const r = await ctrlCDuring(h, ['-p', 'website'], {okta_password: PASSWORD}, inFlight)
      assert.is(r.code, 130, `${key}: ${r.screen}`)
      assert.is(r.signal, 0, key)
      assert.ok(r.screen.trimEnd().endsWith('clokta: Cancelled.'), `${key}: ${r.screen}`)
      assert.ok(r.ms < 4000, `${key}: took ${r.ms} ms`)
      assert.is(h.fake.issued.length, 0, key)
      assert.equal(filesIn(h.home.dir), ['.clokta/clokta.cfg'], key)
    })
  }
})

test.run()
