import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {withHarness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

// Which app links and seeds are refused, with which message and hint, before anything is sent:
// test/unit/flow/bad-input.test.ts; this proves the terminal prompt asks again.
test('the first-run prompt refuses the dashboard link and asks again', async () => {
  await withHarness({}, async (h) => {
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta App URL/, send: `${h.fake.oktaUrl}/app/UserHome${KEY.enter}`},
        {expect: /is the Okta dashboard, not the AWS app\. Right-click the AWS app/, send: '\x07'}, // Ctrl-G clears the answer
        {expect: /Okta App URL/, send: `${h.fake.appUrl}${KEY.enter}`},
        {expect: /Okta username/, send: '\x03'},
        {expect: /clokta: Cancelled\./},
      ],
    )
    assert.is(r.code, 130, r.screen)
    assert.is(h.fake.requests.length, 0)
  })
})

test.run()
