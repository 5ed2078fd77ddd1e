import {test} from 'uvu'
import * as assert from 'uvu/assert'

import type {Scenario} from '../support/fake/types.js'
import {PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'
import {BIN, KEY, runInPty} from '../support/run-cli.js'

const pushOnly: Partial<Scenario> = {factors: [{type: 'push', provider: 'OKTA'}]}
const withPassword = {okta_password: PASSWORD}
const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const setup = (h: Harness, extra = '') => h.cfg(returningUserCfg(h.fake, {profile: `okta_aws_role_to_assume = ${DEVELOPER}\n`}) + extra)
const billing = (h: Harness) => `\n[billing]\nokta_aws_app_url = ${h.fake.appUrl}\nokta_aws_role_to_assume = arn:aws:iam::210987654321:role/Admin\n`
const TIME = '(?:\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d'

test('-q: eval "$(clokta -p website -q)" asks for the password on the terminal and sets AWS_PROFILE', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    const r = await runInPty([], {
      home: h.home.dir,
      env: h.env,
      command: ['/bin/bash', '-c', 'eval "$("$0" "$1" -p website -q)"; echo "P=$AWS_PROFILE."', process.execPath, BIN],
      steps: [{expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`}, {expect: /P=website\./}],
    })
    assert.is(r.code, 0, r.screen)
    assert.not.match(r.screen, /valid until|Run:/, 'quiet prints no summary')
    assert.ok(h.read('.aws/credentials').includes('[website]'))
  })
})

test('-q without a terminal: stdout is exactly the export line; failures still reach stderr', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    const r = await h.run(['-p', 'website', '--quiet'], withPassword)
    assert.is(r.code, 0, r.stderr)
    assert.is(r.stdout, 'export AWS_PROFILE=website\n')
    // what the push asks of the user still reaches stderr: only the summary is held back
    assert.match(r.stderr, /push sent/)
    assert.not.match(r.stderr, /valid until|Run:/)
    const fromEnv = await h.run(['-q'], {AWS_PROFILE: 'website'})
    assert.is(fromEnv.code, 0, fromEnv.stderr)
    assert.is(fromEnv.stdout, 'export AWS_PROFILE=website\n')
    assert.is(fromEnv.stderr, '', 'not even "Using profile ... from AWS_PROFILE"')
    const wrong = await h.run(['-p', 'website', '-q', '--force'], {okta_password: 'wrong'})
    assert.is(wrong.code, 1)
    assert.is(wrong.stdout, '')
    assert.match(wrong.stderr, /^clokta: /m)
  })
})

// That -v and --verbose are --debug, and that a failure shows the stack with either and none
// without: test/unit/cli/command-errors.test.ts; this is the wiring, a login and a failure.
test('-v logs debug lines, saying where each setting came from; --verbose adds a stack trace to an error', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    const r = await h.run(['-p', 'website', '-v'], {...withPassword, AWS_DEFAULT_REGION: 'ap-south-1'})
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stderr, /^\[debug\] /m)
    assert.match(r.stderr, /region=ap-south-1 \(from environment variable AWS_DEFAULT_REGION\)/)
    const failed = await h.run(['-p', 'nosuch', '--verbose'])
    assert.is(failed.code, 1)
    assert.match(failed.stderr, /^clokta: [\s\S]*^\s+at /m, '--verbose shows the stack')
  })
})

test('--list-accounts: "<profile> = <number>" for the profiles that have one; no login, no prompt', async () => {
  await withHarness(pushOnly, async (h) => {
    h.cfg(
      returningUserCfg(h.fake, {profile: 'aws_account_number = 111111111111\n'}) +
        `\n[billing]\nokta_aws_app_url = ${h.fake.appUrl}\n\n[ops]\nAWS_ACCOUNT_NUMBER = 222222222222\n\n[empty]\naws_account_number =\n\n[accounts]\n111111111111 = production\n`,
    )
    for (const env of [{}, {AWS_PROFILE: 'website'}]) {
      const r = await h.run(['--list-accounts'], env)
      assert.is(r.code, 0, r.stderr)
      assert.is(r.stdout, 'website = 111111111111\nops = 222222222222\n')
      assert.is(r.stderr, '')
    }
    assert.is(h.fake.requests.length, 0)
  })
})

test('a bare clokta logs in $AWS_PROFILE and says so; without it, and with --help, the root help: clokta -p <profile> first, then the commands', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    const r = await h.run([], {...withPassword, AWS_PROFILE: 'website'})
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stderr, /^Using profile 'website' from AWS_PROFILE\n/)
    assert.match(r.stderr, /profile website \(Developer in 123456789012\) are valid until/)
    for (const args of [[], ['--help']]) {
      const help = await h.run(args)
      assert.is(help.code, 0, help.stderr)
      assert.match(
        help.stdout,
        /^USAGE\n {2}\$ clokta -p <profile> \[-p <profile>\.\.\.\] \[FLAGS\]\n {2}\$ clokta\n {2}\$ clokta COMMAND \[FLAGS\]\n/m,
        args.join(' '),
      )
      assert.match(help.stdout, /clokta login --help lists its flags/)
      assert.match(help.stdout, /COMMANDS[\s\S]*configure[\s\S]*login[\s\S]*logout/)
      assert.not.match(help.stdout, /\[COMMAND\]/)
    }
  })
})

// Which command is named for which slip: test/unit/cli/command-errors.test.ts; this is the hook's wiring.
test('a profile name typed as a command gets the -p hint', async () => {
  await withHarness({}, async (h) => {
    const website = await h.run(['website'])
    assert.is(website.code, 2)
    assert.is(website.stderr, 'clokta: There is no command "website". To log in to that profile: clokta -p website\n  See: clokta --help\n')
  })
})

test("-i with several profiles: each head line, then each profile's files once under each heading", async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h, billing(h))
    const r = await h.run(['-p', 'website', '-p', 'billing', '-i'], withPassword)
    assert.is(r.code, 0, r.stderr)
    const expected = new RegExp(
      [
        `^AWS credentials for profile website \\(Developer in 123456789012\\) are valid until ${TIME} \\(12h\\)\\.`,
        `AWS credentials for profile billing \\(Admin in 210987654321\\) are valid until ${TIME} \\(4h\\)\\.`,
        "To use them with docker-compose, give a service one profile's file:",
        '    env_file: ~/\\.clokta/website\\.env',
        '    env_file: ~/\\.clokta/billing\\.env',
        'In shell scripts or on another machine, source one of:',
        '    source ~/\\.clokta/website\\.sh',
        '    source ~/\\.clokta/billing\\.sh',
        'In this shell, one of:',
        '    export AWS_PROFILE=website',
        '    export AWS_PROFILE=billing\n$',
      ].join('\n'),
      'm',
    )
    assert.match(r.stderr, expected)
    assert.is(r.stdout, '')
  })
})

test.run()
