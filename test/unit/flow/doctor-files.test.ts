import {chmodSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {DoctorDeps} from '../../../src/flow/doctor/deps.js'
import {modeFinding} from '../../../src/flow/doctor/file-modes.js'
import type {Finding} from '../../../src/flow/doctor/findings.js'
import {runDoctor} from '../../../src/flow/doctor/run-doctor.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'

// `clokta doctor`'s checks of the user's files: found and parsed, and their modes.
function doctorDeps(f: FlowHarness, platform: NodeJS.Platform = 'linux'): DoctorDeps {
  const base = f.deps()
  return {http: () => base.http(), keychain: base.keychain, clock: base.clock, node: {version: '24.11.0', platform}, uid: process.getuid?.()}
}
const checks = (findings: Finding[], check: string) => findings.filter((r) => r.check === check).map((r) => [r.subject, r.status, r.detail])

test('every line of clokta.cfg that does not parse is named, every unreadable value too; the rest is still checked', async () => {
  await withFlow({}, async (f) => {
    f.home.write(
      '.clokta/clokta.cfg',
      [
        '[DEFAULT]',
        'okta_username = jdoe@example.com',
        'this is no key',
        '',
        '[website]',
        `okta_aws_app_url = ${f.fake.appUrl}`,
        '[website]',
        'okta_aws_role_to_assume = 50%',
        '',
      ].join('\n'),
    )
    f.home.write('.aws/credentials', '[website]\naws_access_key_id = AKIA\n  oops\nno equals sign\n')
    const findings = await runDoctor(f.world(), doctorDeps(f))
    assert.equal(checks(findings, 'config'), [
      ['~/.clokta/clokta.cfg', 'broken', 'line 3 is not `key = value`, a `[section]` header or a comment.'],
      ['~/.clokta/clokta.cfg', 'broken', 'line 7 repeats the section [website].'],
      ['~/.clokta/clokta.cfg', 'broken', 'okta_aws_role_to_assume in [website] has a % that is neither %% nor %(key)s.'],
      ['~/.aws/config', 'ok', 'not found (clokta does not need it)'],
      ['~/.aws/credentials', 'broken', 'line 4 is not `key = value`, a `[section]` header or a comment.'],
    ])
    assert.equal(
      findings.filter((r) => r.check === 'profile').map((r) => r.subject),
      ['website'],
      'the profile the rest of the file holds',
    )
    assert.ok(findings.some((r) => r.check === 'okta' && r.status === 'ok'))
  })
})

test('files found where AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE say; a missing clokta.cfg is a warning', async () => {
  await withFlow({}, async (f) => {
    f.home.write('elsewhere/config', '[profile x]\nregion = eu-west-1\n')
    f.home.write('elsewhere/creds', '[x]\naws_access_key_id = AKIA\n')
    const env = {AWS_CONFIG_FILE: '~/elsewhere/config', AWS_SHARED_CREDENTIALS_FILE: '$HOME/elsewhere/creds'}
    const findings = await runDoctor(f.world(env), doctorDeps(f))
    assert.equal(checks(findings, 'config'), [
      ['~/.clokta/clokta.cfg', 'warning', 'not found: clokta -p <profile> asks for the settings and creates it'],
      ['~/elsewhere/config', 'ok', 'parsed'],
      ['~/elsewhere/creds', 'ok', 'parsed'],
    ])
    assert.equal(
      findings.filter((r) => r.check === 'profile' || r.check === 'okta'),
      [],
    )
  })
})

test('modes: ~/.clokta 0700, clokta.cfg, ~/.aws/credentials and each .env and .sh 0600; more open is a warning', async () => {
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfgFor(f.fake), 0o644)
    f.home.write('.clokta/website.env', 'X=1\n')
    f.home.write('.clokta/website.sh', 'export X=1\n')
    f.home.write('.clokta/billing.sh', 'export X=1\n', 0o640)
    f.home.write('.aws/credentials', '', 0o600)
    chmodSync(f.home.path('.clokta'), 0o755)
    const findings = await runDoctor(f.world(), doctorDeps(f))
    assert.equal(checks(findings, 'mode'), [
      ['~/.clokta', 'warning', '0755: open to your group and everyone; chmod 700 ~/.clokta'],
      ['~/.clokta/clokta.cfg', 'warning', '0644: open to your group and everyone; chmod 600 ~/.clokta/clokta.cfg'],
      ['~/.aws/credentials', 'ok', '0600'],
      ['~/.clokta/*.env, *.sh', 'ok', '2 files, private'],
      ['~/.clokta/billing.sh', 'warning', '0640: open to your group; chmod 600 ~/.clokta/billing.sh'],
    ])
    assert.equal(checks(await runDoctor(f.world(), doctorDeps(f, 'win32')), 'mode'), [
      ['(files)', 'ok', 'not checked on Windows, where folders in your profile are private'],
    ])
  })
  assert.equal(modeFinding('~/.clokta', 0o40700, 0o700, 0, 1000), {
    check: 'mode',
    subject: '~/.clokta',
    status: 'warning',
    detail: 'owned by uid 0, not by you (uid 1000): clokta may not be able to rewrite it',
  })
  assert.is(modeFinding('f', 0o100400, 0o600, 1000, 1000).status, 'ok', 'stricter is fine')
})

test.run()
