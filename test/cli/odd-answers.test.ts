import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {returningUserCfg, withHarness} from '../support/harness.js'
import {BIN, runInPty} from '../support/run-cli.js'

const CTRL_C = '\x03'
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'

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

test.run()
