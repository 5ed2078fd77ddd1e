import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {knownProfileNames} from '../../../src/config/known-profiles.js'

const dir = mkdtempSync(join(tmpdir(), 'clokta-known-profiles-'))
let n = 0
/** Writes the two files (undefined: absent) and lists the names a shell would complete. */
async function names(cfg: string | undefined, awsConfig: string | undefined): Promise<string[]> {
  const files = {cfgPath: join(dir, `clokta-${++n}.cfg`), awsConfigPath: join(dir, `config-${n}`)}
  if (cfg !== undefined) writeFileSync(files.cfgPath, cfg)
  if (awsConfig !== undefined) writeFileSync(files.awsConfigPath, awsConfig)
  return knownProfileNames(files)
}

test('clokta.cfg sections are profiles; [DEFAULT] and [accounts] are not', async () => {
  const cfg = '[DEFAULT]\nokta_username = jdoe\n\n[website]\nokta_aws_app_url = https://x\n\n[accounts]\n123456789012 = prod\n\n[billing]\n'
  assert.equal(await names(cfg, undefined), ['billing', 'website'])
})

test('~/.aws/config: [profile x] and [default] name profiles; other sections do not', async () => {
  const config =
    '[default]\nregion = eu-west-1\n\n[profile chained]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = website\n\n' +
    '[profile "quoted.name"]\n[sso-session corp]\nsso_region = us-east-1\n[services dev]\n[DEFAULT]\nregion = us-east-1\n'
  assert.equal(await names(undefined, config), ['chained', 'default', 'quoted.name'])
})

test('both files together: each name once, sorted', async () => {
  const cfg = '[zeta]\n[website]\n[alpha]\n'
  const config = '[profile website]\nregion = eu-west-1\n[profile beta]\n[default]\n'
  assert.equal(await names(cfg, config), ['alpha', 'beta', 'default', 'website', 'zeta'])
})

test('names clokta would refuse are not offered', async () => {
  const config = "[profile 'two words']\n[profile ../escape]\n[profile ok-name]\n[profile -dash]\n"
  assert.equal(await names('[has space]\n[fine_1]\n', config), ['fine_1', 'ok-name'])
})

test('a malformed or unreadable file adds nothing, quietly; the other still counts', async () => {
  assert.equal(await names('[website]\nthis line has no equals sign\n', '[profile chained]\n'), ['chained'])
  assert.equal(await names('[website]\n', '[profile broken\nregion = x\n'), ['website'])
  // a value with a bad % is never read: only headers are
  assert.equal(await names('[website]\nokta_username = 100%\n', undefined), ['website'])
  const files = {cfgPath: dir, awsConfigPath: join(dir, 'missing', 'config')}
  assert.equal(await knownProfileNames(files), [])
})

test.after(() => rmSync(dir, {recursive: true, force: true}))
test.run()
