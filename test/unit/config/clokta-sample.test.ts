import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseAppUrl} from '../../../src/config/app-url.js'
import {ACCOUNTS_SECTION, DEFAULT_SECTION, parseCloktaCfg} from '../../../src/config/clokta-cfg.js'
import {parseDuration} from '../../../src/config/duration.js'
import {oktaWebIdentityProfileOf} from '../../../src/config/okta-web-identity-profile.js'
import {resolveSettings} from '../../../src/config/resolve-settings.js'
import {IniDocument} from '../../../src/config/ini-document.js'
import {SETTINGS} from '../../../src/config/setting-specs.js'

const raw = readFileSync(new URL('../../../.clokta-sample', import.meta.url), 'utf8')
// The sample shows optional keys and sections commented out as `# key = value` and
// `# [section]`; prose comments stay comments.
const uncommented = raw.replace(/^# (\[[^\]]+\]|[A-Za-z0-9_]+ = .*)$/gm, '$1')
const sample = IniDocument.parse(uncommented, '.clokta-sample')

test('the sample, as shipped and with every example uncommented, is a valid clokta.cfg', () => {
  IniDocument.parse(raw, '.clokta-sample')
  assert.ok(sample.sections().includes(DEFAULT_SECTION))
})

test('every clokta.cfg key and alias is shown in the sample', () => {
  const shown = new Set(sample.sections().flatMap((s) => Object.keys(sample.entries(s))))
  const missing = SETTINGS.flatMap((s) => [s.cfgKey, ...(s.cfgAliases ?? [])]).filter((k) => k !== undefined && !shown.has(k))
  assert.equal(missing, [])
})

test('an [accounts] section maps 12-digit account ids to names', () => {
  const accounts = Object.entries(sample.entries(ACCOUNTS_SECTION))
  assert.ok(accounts.length > 0, 'no [accounts] example')
  for (const [id, name] of accounts) {
    assert.match(id, /^\d{12}$/)
    assert.ok(name.length > 0, id)
  }
})

test('the example values are ones clokta accepts', () => {
  // read as clokta and the Python clokta read them: through configparser's % interpolation
  const cfg = parseCloktaCfg(uncommented, '.clokta-sample')
  for (const section of cfg.sections())
    for (const [key, value] of Object.entries(cfg.entries(section))) assert.is(value, sample.get(section, key), key)
  const durationKeys = new Set(['duration', 'session_ttl', 'assume_role_ttl', 'refresh_before'])
  const settingKeys = new Set(SETTINGS.flatMap((s) => [s.cfgKey, ...(s.cfgAliases ?? [])]))
  for (const section of sample.sections().filter((s) => s !== ACCOUNTS_SECTION)) {
    for (const [key, value] of Object.entries(sample.entries(section))) {
      assert.ok(settingKeys.has(key), `[${section}] ${key} is not a clokta.cfg key`)
      if (durationKeys.has(key)) parseDuration(value, `[${section}] ${key}`)
      if (key === 'okta_aws_app_url') parseAppUrl(value, `[${section}]`)
    }
    if (sample.get(section, 'okta_web_identity') !== undefined) {
      const resolved = resolveSettings({profile: section, flags: {}, env: {}, cfg})
      assert.ok(oktaWebIdentityProfileOf(section, resolved, cfg.path), `[${section}] is an Okta web identity profile`)
    }
  }
})

test.run()
