import {chmodSync, readFileSync} from 'node:fs'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {parseIniSection, PASSWORD, returningUserCfg, withHarness, type Harness} from '../support/harness.js'

// The wiring of `clokta console` (the federation endpoint is the fake's, through AWS_ENDPOINT_URL_SIGNIN) and of --json.
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const DEVELOPER = 'arn:aws:iam::123456789012:role/Developer'
const setup = (h: Harness) => h.cfg(returningUserCfg(h.fake, {profile: `okta_aws_role_to_assume = ${DEVELOPER}\n`}))
const signinEnv = (h: Harness) => ({okta_password: PASSWORD, AWS_ENDPOINT_URL_SIGNIN: h.fake.stsUrl, DISPLAY: undefined, WAYLAND_DISPLAY: undefined})
/** The fake's Action=login takes only a sign-in token it handed out. */
const follow = async (url: string) => {
  const response = await fetch(url, {redirect: 'manual'})
  return {status: response.status, location: response.headers.get('location')}
}

test('console --print prints only the URL, whose SigninToken came from the endpoint; without a display it prints it with a notice; with one it starts the browser', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    const printed = await h.run(['console', '-p', 'website', '--print'], signinEnv(h))
    assert.is(printed.code, 0, printed.stderr)
    const lines = printed.stdout.split('\n')
    assert.equal(lines.length, 2, printed.stdout)
    const url = new URL(lines[0])
    assert.is(url.origin + url.pathname, `${h.fake.stsUrl}federation`)
    assert.equal(await follow(lines[0]), {status: 302, location: 'https://console.aws.amazon.com/'})
    const token = url.searchParams.get('SigninToken')!
    const keys = parseIniSection(h.read('.aws/credentials'), 'website')
    assert.is(h.fake.count({action: 'getSigninToken'}), 1)
    for (const secret of [token, keys.aws_secret_access_key, keys.aws_session_token]) assert.not.ok(printed.stderr.includes(secret))

    // still-valid credentials, no display: the URL on stdout all the same, and why on stderr
    const headless = await h.run(['console', '-p', 'website'], signinEnv(h))
    assert.is(headless.code, 0, headless.stderr)
    assert.match(headless.stdout, /^http:\/\/127\.0\.0\.1:\d+\/federation\?Action=login&[^\n]*SigninToken=[^\n]+\n$/)
    assert.match(
      headless.stderr,
      /^No browser opened: there is no display \(DISPLAY and WAYLAND_DISPLAY are not set\)\. Open this sign-in URL within 15 minutes/m,
    )
    assert.is(h.fake.count({action: 'AssumeRoleWithSAML'}), 1)

    // a display: xdg-open (here a script first on PATH) gets the URL, stdout stays empty
    const opened = h.home.path('opened.txt')
    const bin = h.home.write('bin/xdg-open', `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`)
    chmodSync(bin, 0o755)
    const shown = await h.run(['console', '-p', 'website', '--destination', 's3/home'], {
      ...signinEnv(h),
      DISPLAY: ':99',
      PATH: `${h.home.path('bin')}:${process.env.PATH}`,
    })
    assert.is(shown.code, 0, shown.stderr)
    assert.is(shown.stdout, '')
    assert.match(shown.stderr, /Opened the AWS console as Developer in 123456789012 \(profile website\) in your browser\./)
    for (let i = 0; i < 50 && !readFileSync(opened, {flag: 'a+'}).length; i++) await new Promise((r) => setTimeout(r, 20))
    assert.equal(await follow(readFileSync(opened, 'utf8')), {status: 302, location: 'https://console.aws.amazon.com/s3/home'})
  })
})

test('login --json: one profile written and one failed: JSON alone on stdout, no secrets, exit 1; configure --list --json parses', async () => {
  await withHarness(pushOnly, async (h) => {
    setup(h)
    h.cfg(h.read('.clokta/clokta.cfg') + `\n[ops]\nokta_aws_app_url = ${h.fake.appUrl}\n`)
    const r = await h.run(['-p', 'website', '-p', 'ops', '--json'], {okta_password: PASSWORD})
    assert.is(r.code, 1)
    const json = JSON.parse(r.stdout) as {
      version: number
      profiles: {profile: string; files: string[]}[]
      errors: {profile: string; message: string}[]
    }
    assert.is(json.version, 1)
    assert.equal(
      json.profiles.map((p) => [p.profile, p.files.length]),
      [['website', 4]],
    )
    assert.is(json.errors.length, 1)
    assert.is(json.errors[0].profile, 'ops')
    assert.match(json.errors[0].message, /^Cannot ask for the AWS role without a terminal/)
    const keys = parseIniSection(h.read('.aws/credentials'), 'website')
    for (const secret of [keys.aws_secret_access_key, keys.aws_session_token, PASSWORD]) assert.not.ok(r.stdout.includes(secret))
    assert.match(r.stderr, /^clokta: 1 of 2 profiles failed; the others were written\.$/m)

    const list = await h.run(['configure', '--list', '--json'])
    assert.is(list.code, 0, list.stderr)
    const listed = JSON.parse(list.stdout) as {profiles: {profile: string; credentials: string; roleArn: string | null}[]}
    assert.equal(
      listed.profiles.map((p) => [p.profile, p.credentials, p.roleArn]),
      [
        ['website', 'valid', DEVELOPER],
        ['ops', 'none', null],
      ],
    )
  })
})

test.run()
