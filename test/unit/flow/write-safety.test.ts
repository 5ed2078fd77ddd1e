import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, symlinkSync, utimesSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {withFlow, type FlowHarness} from '../../support/flow.js'
import {parseIniSection} from '../../support/harness.js'
import {makeUnwritable} from '../../support/unwritable.js'

// Moved from cli/write-safety: which leftovers and which unwritable places the login's writes
// meet, and what it says of them, are the flow's; the CLI file keeps the locks between
// processes, the signals and one refusal's `clokta: ...` line and exit code.
const noMfa = {authnOutcome: 'SUCCESS' as const}
const PASSWORD = {okta_password: 'correct horse'}

/** [DEFAULT] names the app and the role, so any profile logs in without a section of its own. */
function cfgForAnyProfile(f: FlowHarness): void {
  f.home.write(
    '.clokta/clokta.cfg',
    `[DEFAULT]\nokta_username = jdoe@example.com\nokta_aws_app_url = ${f.fake.appUrl}\nokta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n`,
  )
}

async function refusal(run: Promise<unknown>): Promise<CloktaError> {
  return run.then(
    () => {
      throw new Error('the login did not fail')
    },
    (e: CloktaError) => e,
  )
}

const authnRequests = (f: FlowHarness) => f.fake.count({service: 'okta', method: 'POST', path: '/api/v1/authn'})
const temps = (f: FlowHarness) =>
  ['.aws', '.clokta', '.clokta/records'].flatMap((d) =>
    (existsSync(f.home.path(d)) ? readdirSync(f.home.path(d)) : []).filter((n) => n.endsWith('.tmp')),
  )

test('a bare-PID lock an older clokta left when it died: the login goes ahead at once, then releases and removes it (moved from cli/write-safety)', async () => {
  await withFlow(noMfa, async (f) => {
    cfgForAnyProfile(f)
    // the PID of a process that has just ended names no one
    f.home.write('.clokta/.write.lock', String(spawnSync(process.execPath, ['-e', '']).pid))
    await f.login(['third'], {}, PASSWORD)
    assert.not.match(f.info.join('\n'), /Waiting|Another clokta/)
    assert.ok(parseIniSection(readFileSync(f.home.path('.aws/credentials'), 'utf8'), 'third').aws_session_token)
    assert.not.ok(existsSync(f.home.path('.clokta/.write.lock')), 'released and removed')
  })
})

test('temp files killed runs left (a copy of the credentials, keys and all) are removed by the next login that writes there once a minute old; it leaves none of its own (moved from cli/write-safety)', async () => {
  await withFlow(noMfa, async (f) => {
    cfgForAnyProfile(f)
    const old = (Date.now() - 120_000) / 1000
    const leftovers = [
      '.aws/.credentials.0123456789ab.tmp',
      '.clokta/.website.env.a1b2c3d4e5f6.tmp',
      '.clokta/records/.website.json.00aa11bb22cc.tmp',
    ]
    for (const path of leftovers) utimesSync(f.home.write(path, '[website]\naws_secret_access_key = leaked\n'), old, old)
    const fresh = f.home.write('.aws/.credentials.fedcba987654.tmp', 'another run is writing this one now')
    await f.login(['website'], {}, PASSWORD)
    for (const path of leftovers) assert.not.ok(existsSync(f.home.path(path)), path)
    assert.ok(existsSync(fresh), 'a temp file of a live run is left alone')
    assert.equal(temps(f), ['.credentials.fedcba987654.tmp'])
  })
})

test('a file where ~/.clokta/records should be, a dangling .env symlink, a ~/.aws clokta may not write in: one message each before the password is sent, nothing written (moved from cli/write-safety)', async () => {
  await withFlow(noMfa, async (f) => {
    cfgForAnyProfile(f)
    f.home.write('.clokta/records', 'not a folder')
    const records = await refusal(f.login(['website'], {}, PASSWORD))
    assert.equal([records.message, records.hint, records.exitCode], ['Cannot write in ~/.clokta/records: it is a file, not a folder.', undefined, 1])
    assert.not.ok(existsSync(f.home.path('.aws/credentials')))
    assert.is(authnRequests(f), 0, 'no password sent')
  })
  await withFlow(noMfa, async (f) => {
    cfgForAnyProfile(f)
    symlinkSync(f.home.path('gone/website.env'), f.home.path('.clokta/website.env'))
    const dangling = await refusal(f.login(['website'], {}, PASSWORD))
    assert.is(dangling.exitCode, 1)
    assert.match(dangling.message, /^~\/\.clokta\/website\.env is a symbolic link \(to ~\/gone\/website\.env\); clokta does not write through it\./)
    assert.not.ok(existsSync(f.home.path('.aws/credentials')))
    assert.not.ok(existsSync(f.home.path('.clokta/website.sh')))
    assert.is(authnRequests(f), 0, 'no password sent')
  })
  await withFlow(noMfa, async (f) => {
    // ~/.aws clokta may not write in (0500; for root, which writes there anyway, immutable)
    cfgForAnyProfile(f)
    f.home.write('.aws/config', '[default]\nregion = eu-west-1\n')
    const unwritable = makeUnwritable(f.home.path('.aws'))
    if (!unwritable) return
    let error: CloktaError
    try {
      error = await refusal(f.login(['website'], {}, PASSWORD))
    } finally {
      unwritable.undo()
    }
    assert.equal([error.hint, error.exitCode], [undefined, 1])
    assert.match(error.message, new RegExp(`^Cannot write in ~/\\.aws: (permission denied|operation not permitted) \\(${unwritable.code}\\)\\.$`))
    assert.not.ok(existsSync(f.home.path('.clokta/website.env')))
    assert.is(authnRequests(f), 0, 'no password sent')
  })
})

test.run()
