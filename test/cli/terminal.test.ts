import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {KEY, stripAnsi} from '../support/run-cli.js'

const developer = 'okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer\n'
const setup = (h: Harness) => h.cfg(returningUserCfg(h.fake, {profile: developer}))
const CTRL_C = '\x03'
// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/
const requests = (h: Harness) =>
  h.fake.requests.filter((q) => q.service === 'okta').map((q) => `${q.method} ${q.path.replace(/factors\/[^/]+/, 'factors/…')}`)

// Which NO_COLOR, TERM and FORCE_COLOR values turn colour off: wantsColour in test/unit/io/prompter.test.ts;
// this proves that the run's environment reaches it, prompts included, both ways.
test('NO_COLOR turns every colour off, prompts included; Ctrl-C at a prompt is "Cancelled.", exit 130', async () => {
  for (const [env, coloured] of [
    [{NO_COLOR: undefined, TERM: 'xterm-256color'}, true],
    [{NO_COLOR: '1', TERM: 'xterm-256color'}, false],
  ] as const) {
    await withHarness({}, async (h) => {
      // a first run: the first question comes before anything is sent anywhere
      const r = await h.pty(['-p', 'website'], [{expect: /Okta App URL/, send: CTRL_C}, {expect: /clokta: Cancelled\./}], env)
      assert.is(r.code, 130, r.screen)
      assert.is(SGR.test(r.raw), coloured, `${JSON.stringify(env)}: ${JSON.stringify(r.raw.slice(0, 300))}`)
      assert.is(h.fake.requests.length, 0)
    })
  }
})

test('yes/no questions are answered yes or no, not true or false; the password shows no mask, so not its length', async () => {
  assert.is(PASSWORD.length, 13)
  await withHarness({factors: [{type: 'push', provider: 'OKTA'}], push: {waits: 0, result: 'TIMEOUT'}}, async (h) => {
    setup(h)
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /Send another push\?/, send: 'y'},
        {expect: /Send another push\?/, send: 'n'},
        {expect: /clokta: The Okta Verify push expired before it was approved\./},
      ],
    )
    assert.is(r.code, 1, r.screen)
    assert.match(r.screen, /Send another push\? \(Y\/n\) · yes\n/)
    assert.match(r.screen, /Send another push\? \(Y\/n\) · no\n/)
    assert.not.match(r.screen, /true|false/)
    assert.not.ok(r.screen.includes('*'), r.screen)
    assert.not.ok(r.screen.includes(PASSWORD), r.screen)
    assert.is(h.fake.pushSentCount, 2)
  })
})

/** The spinner's frames as the terminal got them: each redraw starts with \r and erase-line. */
const frames = (raw: string) =>
  raw
    .split('\r\x1b[K')
    .map(stripAnsi)
    .filter((f) => /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /.test(f))

test('the push spinner keeps to one row at 40 columns, and to the new width once the window narrows', async () => {
  await withHarness({factors: [{type: 'push', provider: 'OKTA'}], push: {waits: 2, result: 'SUCCESS'}}, async (h) => {
    setup(h)
    const r = await h.pty(
      ['-p', 'website'],
      [{expect: /Okta Verify push sent/, resize: 24}, {expect: /Okta Verify push approved\./}, {expect: /valid until/}],
      {okta_password: PASSWORD},
      {cols: 40},
    )
    assert.is(r.code, 0, r.screen)
    const drawn = frames(r.raw)
    assert.ok(drawn.length > 3, JSON.stringify(drawn))
    for (const f of drawn) {
      assert.ok([...f].length <= 39 && !f.includes('\n'), JSON.stringify(f))
    }
    assert.match(drawn[0], /^. Okta Verify push sent\. Approve it on…$/)
    // the last frames were drawn after the resize
    assert.match(drawn.at(-1)!, /^. Okta Verify push sen…$/)
  })
})

test('Ctrl-C while waiting for a push: "Cancelled.", the Okta transaction cancelled, exit 130, nothing written', async () => {
  await withHarness({factors: [{type: 'push', provider: 'OKTA'}], push: {waits: 1000, result: 'SUCCESS'}}, async (h) => {
    setup(h)
    const r = await h.pty(
      ['-p', 'website'],
      [
        // typed at a prompt first: the terminal leaves raw mode after it, as in real use
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /Okta Verify push sent/, send: CTRL_C},
        {expect: /clokta: Cancelled\./},
      ],
    )
    assert.is(r.code, 130, r.screen)
    assert.not.match(r.screen, /Okta Verify push sent[^\n]*\n[^\n]*Okta Verify push sent/, 'the spinner went on after Ctrl-C')
    const sent = requests(h)
    assert.equal(sent.slice(0, 2), ['POST /api/v1/authn', 'POST /api/v1/authn/factors/…/verify'])
    assert.is(sent.at(-1), 'POST /api/v1/authn/cancel', sent.join('\n'))
    const cancel = h.fake.requests.at(-1)!
    assert.is(cancel.status, 200)
    const stateToken = (q: {body: string}) => (JSON.parse(q.body) as {stateToken?: string}).stateToken
    assert.ok(stateToken(cancel))
    assert.is(stateToken(cancel), stateToken(h.fake.requests[1]), 'the transaction of the push')
    assert.is(h.fake.issued.length, 0)
    assert.throws(() => h.read('.aws/credentials'))
  })
})

test('Ctrl-C at the factor picker cancels the Okta transaction too', async () => {
  await withHarness({}, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}).replace('Okta Verify with Push', 'Voice call'))
    const r = await h.pty(['-p', 'website'], [{expect: /Choose an MFA factor/, send: CTRL_C}, {expect: /clokta: Cancelled\./}], {
      okta_password: PASSWORD,
    })
    assert.is(r.code, 130, r.screen)
    assert.equal(requests(h), ['POST /api/v1/authn', 'POST /api/v1/authn/cancel'])
    assert.is(h.fake.requests.at(-1)!.status, 200)
  })
})

test.run()
