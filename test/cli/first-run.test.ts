import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseIniSection, PASSWORD, withHarness} from '../support/harness.js'
import {KEY} from '../support/run-cli.js'

test('first run: every prompt answered in a real terminal, answers saved, artefacts written', async () => {
  await withHarness({push: {waits: 1, correctAnswer: 42, result: 'SUCCESS'}}, async (h) => {
    const first = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta App URL/, send: `${h.fake.appUrl}?fromHome=true${KEY.enter}`},
        {expect: /Okta username/, send: `jdoe@example.com${KEY.enter}`},
        {expect: /Preferred MFA/, send: KEY.enter}, // the first choice: Okta Verify with Push
        {expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`},
        {expect: /Tap 42 on your phone/},
        {expect: /Choose a role/, send: `${KEY.down}${KEY.down}${KEY.enter}`}, // 210987654321 / Admin
        {
          expect:
            /AWS credentials for profile website \(Admin in 210987654321\) are valid until (?:\d{4}-\d\d-\d\d )?\d\d:\d\d \(4h\)\. Run: {2}export AWS_PROFILE=website/,
        },
      ],
    )
    assert.is(first.code, 0, first.screen)
    assert.not.ok(first.screen.includes(PASSWORD), 'the password was echoed')
    assert.match(first.screen, /Admin in 210987654321 allows less than 12h; got 4h instead/)

    const cfg = h.read('.clokta/clokta.cfg')
    // no keychain reachable in this test: said once, and recorded so it is not said again
    assert.match(
      first.screen,
      /No OS keychain is reachable \(no Secret Service on the D-Bus session bus\): clokta will ask for your password instead\./,
    )
    assert.equal(parseIniSection(cfg, 'DEFAULT'), {
      okta_username: 'jdoe@example.com',
      multifactor_preference: 'Okta Verify with Push',
      save_password_in_keychain: 'False',
    })
    assert.ok(cfg.startsWith('[DEFAULT]\n'), `[DEFAULT] is not first, as configparser writes it:\n${cfg}`)
    assert.equal(parseIniSection(cfg, 'website'), {
      okta_aws_app_url: h.fake.appUrl,
      okta_aws_role_to_assume: 'arn:aws:iam::210987654321:role/Admin',
    })
    assert.is(h.mode('.clokta'), 0o700)
    for (const file of ['.clokta/clokta.cfg', '.clokta/website.env', '.clokta/website.sh', '.aws/credentials']) assert.is(h.mode(file), 0o600, file)

    const issued = h.fake.issued.at(-1)!
    assert.is(issued.roleArn, 'arn:aws:iam::210987654321:role/Admin')
    assert.equal(parseIniSection(h.read('.aws/credentials'), 'website'), {
      aws_access_key_id: issued.accessKeyId,
      aws_secret_access_key: issued.secretAccessKey,
      aws_session_token: issued.sessionToken,
      x_security_token_expires: issued.expiration,
    })

    // The second run asks only for the password (and the push): app, user, factor and role are remembered.
    const second = await h.pty(
      ['-p', 'website', '--force'],
      [{expect: /Okta password/, send: `${PASSWORD}${KEY.enter}`}, {expect: /Tap 42 on your phone/}, {expect: /valid until/}],
    )
    assert.is(second.code, 0, second.screen)
    for (const notAsked of ['Okta App URL', 'Okta username', 'Preferred MFA', 'Choose a role']) {
      assert.not.ok(second.screen.includes(notAsked), `asked again: ${notAsked}`)
    }
    assert.is(h.fake.issued.at(-1)!.roleArn, 'arn:aws:iam::210987654321:role/Admin')
  })
})

/** Every file under dir, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, join(prefix, e.name)) : [join(prefix, e.name)],
  )
}

// A typo in the password must not cost the other answers: they are saved before the login.
test('first run with a wrong password: one line, exit 1, the typed answers kept, the password nowhere', async () => {
  await withHarness({factors: [{type: 'push', provider: 'OKTA'}]}, async (h) => {
    const wrong = 'Tr0ub4dor&3-typo'
    const r = await h.pty(
      ['-p', 'website'],
      [
        {expect: /Okta App URL/, send: `${h.fake.appUrl}${KEY.enter}`},
        {expect: /Okta username/, send: `jdoe@example.com${KEY.enter}`},
        {expect: /Preferred MFA/, send: `${KEY.down}${KEY.enter}`}, // the second choice: Okta Verify
        {expect: /Okta password/, send: `${wrong}${KEY.enter}`},
        {expect: /E0000004/},
      ],
    )
    assert.is(r.code, 1, r.screen)
    const lines = r.screen.trimEnd().split(/\r?\n/)
    const errorLine = lines.findIndex((l) => l.startsWith('clokta: '))
    assert.ok(errorLine >= 0, r.screen)
    assert.is(lines[errorLine].trimEnd(), 'clokta: Okta rejected the username or password for jdoe@example.com (E0000004).')
    assert.ok(lines.length - errorLine <= 2, `more than a line and a hint:\n${r.screen}`)
    assert.match(r.screen, /never retries a password/)
    assert.not.ok(r.screen.includes(wrong), 'the password was echoed')
    assert.is(h.fake.count({path: '/api/v1/authn'}), 1)

    const cfg = h.read('.clokta/clokta.cfg')
    assert.equal(parseIniSection(cfg, 'DEFAULT'), {
      okta_username: 'jdoe@example.com',
      multifactor_preference: 'Okta Verify',
      save_password_in_keychain: 'False',
    })
    assert.equal(parseIniSection(cfg, 'website'), {okta_aws_app_url: h.fake.appUrl})
    assert.is(h.mode('.clokta/clokta.cfg'), 0o600)

    for (const file of filesUnder(h.home.dir)) {
      assert.not.ok(readFileSync(join(h.home.dir, file), 'utf8').includes(wrong), `the password is in ~/${file}`)
    }
    assert.not.ok(existsSync(h.home.path('.aws/credentials')), '~/.aws/credentials written')
    assert.not.ok(existsSync(h.home.path('.clokta/website.env')), '.env written')
    assert.not.ok(existsSync(h.home.path('.clokta/website.sh')), '.sh written')
  })
})

// -i: what it explains for one profile is loginSummary's (test/unit/cli/summary.test.ts); cli/command-line runs it.

test('--help, -h, --version, and `clokta -p x --help` showing the login help', async () => {
  await withHarness({}, async (h) => {
    // (--help: cli/command-line)
    const help = await h.run(['-h'])
    assert.is(help.code, 0, help.stderr)
    assert.match(help.stdout, /COMMANDS[\s\S]*login/)
    const loginShort = await h.run(['login', '-h'])
    assert.is(loginShort.code, 0, loginShort.stderr)
    assert.match(loginShort.stdout, /--no-default-role/)
    const version = await h.run(['--version'])
    assert.match(version.stdout, /^clokta\/\d+\.\d+\.\d+ /)
    const loginHelp = await h.run(['-p', 'website', '--help'])
    assert.match(loginHelp.stdout, /--no-default-role/)
    assert.is(h.fake.requests.length, 0)
  })
})

// (was cli/checks-before-password: one process fewer for one pty run)
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
