import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {CloktaError} from '../../../src/errors.js'
import {configureProfile} from '../../../src/flow/configure-profile.js'
import {withFlow} from '../../support/flow.js'
import {parseIniSection} from '../../support/harness.js'

// Moved from cli/configure: which flag values configure takes and which it refuses, with which
// message; cli/configure keeps a flag set, one refusal's `clokta: ...` line and exit code, and --list.
const cfg = `# my clokta settings
[DEFAULT]
okta_username = jdoe@example.com
multifactor_preference = Okta Verify with Push

[website]
okta_aws_app_url = https://example.okta.com/home/amazon_aws/0oa1/272
okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer
`

test('configure with flags: an app URL over plain http and an MFA factor clokta does not know are refused, a short factor name taken; the file keeps its comment (moved from cli/configure)', async () => {
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfg)
    const configure = (flags: {appUrl?: string; mfa?: string}) => configureProfile('website', flags, f.deps(), f.world())
    const refused = (flags: {appUrl?: string; mfa?: string}) =>
      configure(flags).then(
        () => {
          throw new Error(`taken: ${JSON.stringify(flags)}`)
        },
        (e: CloktaError) => e,
      )
    const http = await refused({appUrl: 'http://example.okta.com/x'})
    assert.is(http.exitCode, 1)
    assert.match(http.message, /^Refusing the Okta app URL from --app-url: http:\/\/example\.okta\.com: only https:\/\/ is allowed/)
    const pigeon = await refused({mfa: 'carrier pigeon'})
    assert.is(pigeon.exitCode, 1)
    assert.match(pigeon.message, /^"carrier pigeon" is not an MFA factor clokta knows; use one of: Okta Verify with Push, Okta Verify, /)
    await configure({mfa: 'push'})
    const text = readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8')
    assert.match(text, /^# my clokta settings\n/)
    assert.is(
      parseIniSection(text, 'website').okta_aws_app_url,
      'https://example.okta.com/home/amazon_aws/0oa1/272',
      'the refused URL was not written',
    )
  })
})

test.run()
