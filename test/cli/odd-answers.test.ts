import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {existsSync} from 'node:fs'

import {stsResult} from '../support/fake/sts-xml.js'
import {PASSWORD, returningUserCfg, withHarness} from '../support/harness.js'
import {BIN, runInPty} from '../support/run-cli.js'

const CTRL_C = '\x03'
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
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

test('an STS Expiration in the past is an error naming the profile, not "valid until 2001-01-01 (0s)"; nothing written', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const credentials = [
      ['AccessKeyId', 'ASIAEXAMPLEEXAMPLE01'],
      ['SecretAccessKey', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
      ['SessionToken', 'FwoGZXIvYXdzEXAMPLETOKEN'],
      ['Expiration', '2001-01-01T00:00:00Z'],
    ] as [string, string][]
    const {body = ''} = stsResult('AssumeRoleWithSAML', [['Credentials', credentials]])
    h.fake.scenario.inject.sts = [{status: 200, headers: {'content-type': 'text/xml'}, body}]
    const r = await h.run(['-p', 'website'], {okta_password: PASSWORD})
    assert.is(r.code, 1, r.stderr)
    assert.ok(
      r.stderr.endsWith(
        "\nclokta: AWS STS answered role Developer in 123456789012 (profile website) with an Expiration already past (2001-01-01T00:00:00Z).\n  Check this computer's date and time, then log in again.\n",
      ),
      r.stderr,
    )
    assert.not.match(r.stdout, /valid until/)
    assert.not.ok(existsSync(h.home.path('.aws/credentials')))
    assert.not.ok(existsSync(h.home.path('.clokta/website.env')))
  })
})

test('a profile name with a newline or control characters is echoed escaped in every message, never raw', async () => {
  await withHarness({}, async (h) => {
    const flag = await h.run(['-p', 'web\nsite'])
    assert.is(flag.code, 2, flag.stderr)
    assert.match(flag.stderr, /^clokta: Invalid profile name "web\\nsite": use letters/)
    assert.is(flag.stderr.trimEnd().split('\n').length, 1, flag.stderr)
    const env = await h.run([], {AWS_PROFILE: 'dev\x1b[2J\x07'})
    assert.is(env.code, 2, env.stderr)
    assert.equal(env.stderr.trimEnd().split('\n'), [
      "Using profile 'dev\\x1b[2J\\x07' from AWS_PROFILE",
      'clokta: Invalid profile name "dev\\x1b[2J\\x07": use letters, digits, ".", "_" and "-" only (at most 128, not starting with "." or "-", no "..").',
    ])
    // eslint-disable-next-line no-control-regex
    assert.not.match(flag.stderr + env.stderr, /[\x00-\x09\x0b-\x1f\x7f]/)
    assert.is(h.fake.requests.length, 0)
  })
})

test('an AWS_REGION that is not a region name is refused before the password is sent, naming AWS_REGION (not the SDK after the login)', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(returningUserCfg(h.fake, {profile: developer}))
    const r = await h.run(['-p', 'website'], {okta_password: PASSWORD, AWS_REGION: 'us-east-1.evil.example#'})
    assert.is(r.code, 1, r.stderr)
    assert.is(
      r.stderr,
      'clokta: The region "us-east-1.evil.example#" from environment variable AWS_REGION is not a region name.\n  Region names are lower case, such as us-east-1 or eu-west-2.\n',
    )
    assert.is(h.fake.requests.length, 0, 'the password was sent')
  })
})

test.run()
