import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'
import {KEY, runInPty} from '../support/run-cli.js'

const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'

// What clokta does with each state Okta answers (PASSWORD_WARN, PASSWORD_EXPIRED, UNAUTHENTICATED,
// an expired state token, a redirect to the password POST) is tested in process
// (test/unit/flow/okta-states.test.ts), and rate limits and 5xx answers on a fake clock
// (test/unit/flow/retries.test.ts); this proves where the prompts go.
test('prompts reach the terminal when stdout is piped, and stdout gets nothing', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const out = h.home.path('stdout.txt')
    const r = await runInPty([], {
      home: h.home.dir,
      env: h.env,
      command: ['/bin/sh', '-c', `exec "$0" "$1" -p website > "$2"`, process.execPath, new URL('../../bin/run.cjs', import.meta.url).pathname, out],
      steps: [{expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`}, {expect: /valid until/}],
    })
    assert.is(r.code, 0, r.screen)
    assert.is(h.read('stdout.txt'), '')
  })
})

test.run()
