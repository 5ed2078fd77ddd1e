import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseCloktaCfg} from '../../../src/config/clokta-cfg.js'
import {resolveSettings} from '../../../src/config/resolve-settings.js'
import {SETTINGS} from '../../../src/config/setting-specs.js'

const cfgKeys = (spec: (typeof SETTINGS)[number]) => [spec.cfgKey, ...(spec.cfgAliases ?? [])].filter((k): k is string => k !== undefined)

// No exceptions: the secret settings are the ones people should give in the environment
// rather than a file, so their keys are there too.
test('every clokta.cfg key and alias is also an environment variable of the same name, in the same order, first', () => {
  for (const spec of SETTINGS) {
    const keys = cfgKeys(spec)
    assert.equal(spec.env.slice(0, keys.length), keys, `${spec.name}: env ${JSON.stringify(spec.env)}`)
  }
})

test('an environment variable feeds one setting only', () => {
  const all = SETTINGS.flatMap((s) => s.env)
  assert.equal(
    all.filter((name, i) => all.indexOf(name) !== i),
    [],
  )
})

test('secrets are never saved from a prompt; the password has no clokta.cfg key at all', () => {
  for (const spec of SETTINGS.filter((s) => s.secret)) assert.is(spec.saveTo, undefined, spec.name)
  const password = SETTINGS.find((s) => s.name === 'password')!
  assert.is(password.cfgKey, undefined)
  assert.equal(password.env, ['okta_password'])
})

const cfg = parseCloktaCfg('[website]\nduration = 2h\nassume_role_ttl = 45m\n', '/nowhere/clokta.cfg')
const resolve = (env: Record<string, string>) => resolveSettings({profile: 'website', flags: {}, env, cfg})

test('session_ttl and assume_role_ttl in the environment beat clokta.cfg', () => {
  const r = resolve({session_ttl: '3h', assume_role_ttl: '30m'})
  assert.is(r.values.duration, '3h')
  assert.is(r.sources.duration, 'environment variable session_ttl')
  assert.is(r.values.assumeRoleTtl, '30m')
  assert.is(r.sources.assumeRoleTtl, 'environment variable assume_role_ttl')
  assert.is(r.origins.assumeRoleTtl, 'env')
})

test("clokta's own names win over the AWS_* ones when both are set", () => {
  const r = resolve({duration: '1h', session_ttl: '3h', AWS_SESSION_TTL: '4h', assume_role_ttl: '30m', AWS_ASSUME_ROLE_TTL: '20m'})
  assert.is(r.sources.duration, 'environment variable duration')
  assert.is(r.sources.assumeRoleTtl, 'environment variable assume_role_ttl')
  const aliasFirst = resolve({session_ttl: '3h', AWS_SESSION_TTL: '4h'})
  assert.is(aliasFirst.values.duration, '3h')
  const awsOnly = resolve({AWS_SESSION_TTL: '4h', AWS_ASSUME_ROLE_TTL: '20m'})
  assert.is(awsOnly.values.duration, '4h')
  assert.is(awsOnly.values.assumeRoleTtl, '20m')
})

test.run()
