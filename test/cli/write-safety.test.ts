import {spawn, spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, symlinkSync, watch} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseIniSection, PASSWORD, withHarness, type Harness} from '../support/harness.js'
import {inspectWriteLock, WriteLock} from '../../src/io/file-lock.js'
import {baseEnv, BIN} from '../support/run-cli.js'

const noMfa = {authnOutcome: 'SUCCESS' as const}
const withPassword = {okta_password: PASSWORD}

/** [DEFAULT] names the app and the role, so any -p logs in without a section of its own. */
function cfgForAnyProfile(h: Harness): void {
  h.cfg(`[DEFAULT]
okta_username = jdoe@example.com
okta_aws_app_url = ${h.fake.appUrl}
okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer
`)
}

/** The PID of a process that has just ended: a lock file naming it names no one. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid ?? 0
}

async function until(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const authnRequests = (h: Harness) => h.fake.count({service: 'okta', method: 'POST', path: '/api/v1/authn'})

test('1: a run killed (kill -9) while it holds the write lock, STS answering: the next run logs in at once, and releases and removes the lock', async () => {
  await withHarness(noMfa, async (h) => {
    cfgForAnyProfile(h)
    // STS holds its answer back, so the first run is caught between the login and its writes
    h.fake.scenario.inject.sts = [{passThrough: true, delayMs: 2000, status: 200, body: ''}]
    const child = spawn(process.execPath, [BIN, '-p', 'first'], {env: baseEnv(h.home.dir, {...h.env, ...withPassword}), stdio: 'ignore'})
    await until('the lock and the STS call', () => existsSync(h.home.path('.clokta/.write.lock')) && h.fake.count({service: 'sts'}) === 1)
    const ended = new Promise((resolve) => child.on('exit', resolve))
    child.kill('SIGKILL')
    await ended
    const started = Date.now()
    const next = await h.run(['-p', 'second'], withPassword)
    assert.is(next.code, 0, next.stderr)
    assert.not.match(next.stderr, /Waiting|Another clokta/)
    assert.ok(Date.now() - started < 8000, `took ${Date.now() - started} ms`)
    assert.ok(parseIniSection(h.read('.aws/credentials'), 'second').aws_session_token)
    assert.not.ok(existsSync(h.home.path('.clokta/.write.lock')), 'released and removed')
  })
})

test('1: while another clokta holds the lock, a run says once who holds it and waits before sending the password, then logs in once it is free', async () => {
  await withHarness(noMfa, async (h) => {
    cfgForAnyProfile(h)
    const other = new WriteLock(h.home.path('.clokta/.write.lock'))
    await other.hold(['billing'])
    const child = spawn(process.execPath, [BIN, '-p', 'website'], {
      env: baseEnv(h.home.dir, {...h.env, ...withPassword}),
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    await until('the waiting line', () => stderr.includes('Waiting'))
    assert.is(stderr, `Waiting for another clokta (PID ${process.pid}, profile billing) to finish writing credentials (up to 2 min)...\n`)
    assert.is(authnRequests(h), 0, 'no password sent while waiting')
    await other.release()
    assert.is(await exited, 0, stderr)
    assert.is(stderr.match(/Waiting/g)?.length, 1)
    assert.ok(parseIniSection(h.read('.aws/credentials'), 'website').aws_session_token)
  })
})

test('1/3: SIGTERM while the files are being written: they are all finished, the lock released, no temp file left, exit 143 with one line', async () => {
  await withHarness(noMfa, async (h) => {
    cfgForAnyProfile(h)
    h.home.write('.aws/credentials', '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n')
    let result = {code: null as number | null, stderr: '', profile: ''}
    // The first temp file (~/.aws/credentials is written first) is the moment to send it: the
    // four writes take some milliseconds, so it almost always lands among them; a second run
    // covers the rare one where it came after.
    for (const profile of ['term1', 'term2']) {
      const child = spawn(process.execPath, [BIN, '-p', profile], {
        env: baseEnv(h.home.dir, {...h.env, ...withPassword}),
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      const watcher = watch(h.home.path('.aws'), (_, name) => {
        if (name && /^\.credentials\.[0-9a-f]{12}\.tmp$/.test(name)) child.kill('SIGTERM')
      })
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
      watcher.close()
      result = {code, stderr, profile}
      if (code === 143) break
    }
    const {code, stderr, profile} = result
    assert.is(code, 143, `the signal did not land in the write window twice: ${stderr}`)
    // (a notice about the keychain may come first, where there is none)
    assert.match(stderr, /(^|\n)clokta: Stopped by SIGTERM; the files being written were finished first\.\n$/)
    const key = parseIniSection(h.read('.aws/credentials'), profile).aws_access_key_id
    assert.ok(key, 'the credentials written whole')
    assert.is(parseIniSection(h.read('.aws/credentials'), 'default').aws_access_key_id, 'AKIAIOSFODNN7EXAMPLE')
    for (const file of [`.clokta/${profile}.env`, `.clokta/${profile}.sh`, `.clokta/records/${profile}.json`]) {
      assert.ok(existsSync(h.home.path(file)), file)
    }
    assert.match(h.read(`.clokta/${profile}.env`), `AWS_ACCESS_KEY_ID=${key}`)
    const temps = ['.aws', '.clokta', '.clokta/records'].flatMap((d) => readdirSync(h.home.path(d)).filter((n) => n.endsWith('.tmp')))
    assert.equal(temps, [])
    assert.equal(await inspectWriteLock(h.home.path('.clokta/.write.lock')), {state: 'free'}, 'released')
  })
})

test('2: runs started together at an old bare-PID lock: one login-and-write at a time, and every run that exits 0 has its profile in ~/.aws/credentials', async () => {
  await withHarness(noMfa, async (h) => {
    cfgForAnyProfile(h)
    h.home.write('.clokta/.write.lock', String(deadPid()))
    // four, not the eight of the probe: enough to interleave, at half the suite's cost
    const profiles = ['s1', 's2', 's3', 's4']
    const runs = await Promise.all(profiles.map((p) => h.run(['-p', p], withPassword)))
    const credentials = h.read('.aws/credentials')
    runs.forEach((r, i) => {
      assert.is(r.code, 0, `${profiles[i]}: ${r.stderr}`)
      assert.ok(parseIniSection(credentials, profiles[i]).aws_session_token, `${profiles[i]} missing`)
    })
    // The lock is held from before the password to the last write: no run's password goes
    // out between another run's password and that run's STS call.
    const order = h.fake.requests
      .filter((r) => r.service === 'sts' || (r.method === 'POST' && r.path === '/api/v1/authn'))
      .map((r) => (r.service === 'sts' ? 'sts' : 'authn'))
    assert.equal(
      order,
      profiles.flatMap(() => ['authn', 'sts']),
    )
  })
})

test('4: a symlinked ~/.clokta/<profile>.sh pointing at another file is refused with one line before the password is sent; that file and ~/.aws/credentials are untouched', async () => {
  await withHarness(noMfa, async (h) => {
    cfgForAnyProfile(h)
    const victim = h.home.write('.bashrc', 'alias ll="ls -l"\n')
    h.home.write('.aws/credentials', '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n')
    symlinkSync(victim, h.home.path('.clokta/victim.sh'))
    const r = await h.run(['-p', 'victim', '--force'], withPassword)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^clokta: ~\/\.clokta\/victim\.sh is a symbolic link \(to ~\/\.bashrc\); clokta does not write through it\.\n {2}\S/)
    assert.is(r.stderr.trim().split('\n').length, 2, r.stderr)
    assert.is(readFileSync(victim, 'utf8'), 'alias ll="ls -l"\n')
    assert.is(h.read('.aws/credentials'), '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n')
    assert.is(authnRequests(h), 0, 'no password sent')
  })
})

// Leftover temp files, a file where ~/.clokta/records should be, a dangling .env symlink, an
// unwritable ~/.aws, a bare-PID lock of a dead clokta: test/unit/flow/write-safety.test.ts.
test.run()
