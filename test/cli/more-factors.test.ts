// The wiring a user sees of the factors beyond push and authenticator apps; what each one
// sends, asks and says, resend limits and --mfa-code are tested in process
// (test/unit/flow/more-factors).
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

const withPassword = {okta_password: PASSWORD}
const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const setup = (h: Harness) => h.cfg(returningUserCfg(h.fake, {profile: developer}))
const verifyCalls = (h: Harness) =>
  h.fake.requests.filter((q) => /\/verify(\/resend)?$/.test(q.path)).map((q) => q.path.replace(/.*factors\/[^/]+/, ''))

test('SMS: the code is sent, sent again on request, then typed at the prompt', async () => {
  await withHarness({factors: [{type: 'sms', provider: 'OKTA'}]}, async (h) => {
    setup(h)
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        // Okta sends at most one SMS every 30 s: make the first one old enough for a resend
        {
          expect: /SMS code sent to \+1 XXX-XXX-1337\.[\s\S]*SMS code \(r to send it again\)/,
          send: () => (h.fake.advanceTime(31_000), `r${KEY.enter}`),
        },
        {expect: /Sent again\. SMS code sent to \+1 XXX-XXX-1337\./},
        {expect: /SMS code \(r to send it again\)/, send: () => `${h.fake.smsSent.at(-1)}${KEY.enter}`},
        {expect: /valid until/},
      ],
    )
    assert.is(r.code, 0, r.screen)
    assert.is(h.fake.smsSent.length, 2)
    assert.equal(verifyCalls(h), ['/verify', '/verify/resend', '/verify'])
  })
})

test('security question: the answer is typed masked, a wrong one retyped', async () => {
  await withHarness({factors: [{type: 'question', provider: 'OKTA'}]}, async (h) => {
    setup(h)
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /What is the food you least liked as a child\?/, send: `broccoli${KEY.enter}`},
        {expect: /That answer was not accepted\. Try again \(2 tries left\)\./},
        {expect: /What is the food you least liked as a child\?/, send: `pizza${KEY.enter}`},
        {expect: /valid until/},
      ],
    )
    assert.is(r.code, 0, r.screen)
    for (const answer of ['broccoli', 'pizza']) assert.not.ok(r.screen.includes(answer), `the answer ${answer} was echoed`)
  })
})

test('without a terminal, an SMS code (no SMS is sent) and a push not approved within --push-timeout: one line each', async () => {
  await withHarness(
    {
      factors: [
        {type: 'push', provider: 'OKTA'},
        {type: 'sms', provider: 'OKTA'},
      ],
      push: {waits: 1000, result: 'SUCCESS'},
    },
    async (h) => {
      setup(h)
      const sms = await h.run(['-p', 'website', '--mfa', 'sms'], withPassword)
      assert.is(sms.code, 1)
      assert.match(sms.stderr, /^clokta: An SMS code can only be typed at a terminal\.$/m)
      assert.is(sms.stderr.split('\n').filter((l) => l.startsWith('clokta: ')).length, 1, sms.stderr)
      assert.not.match(sms.stderr, /\n\s+at .+:\d+:\d+/, 'stack trace')
      assert.is(h.fake.smsSent.length, 0)
      // the waiting itself is tested on the fake clock (test/unit/flow/factors); this is the flag's wiring, 1 s
      const started = Date.now()
      const push = await h.run(['-p', 'website', '--push-timeout', '1'], withPassword)
      assert.is(push.code, 1)
      assert.match(push.stderr, /^clokta: The Okta Verify push was not approved within 1 s\.$/m)
      assert.ok(Date.now() - started < 8000)
      assert.is(h.fake.count({service: 'sts'}), 0)
    },
  )
})

test.run()
