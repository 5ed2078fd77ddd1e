import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {profileTable} from '../../../src/cli/profile-table.js'
import type {World} from '../../../src/config/world.js'
import type {CloktaError} from '../../../src/errors.js'
import {configureProfile, listProfiles} from '../../../src/flow/configure-profile.js'
import {credentialStatuses} from '../../../src/flow/credential-status.js'
import {cfgFor, withFlow, type FlowHarness} from '../../support/flow.js'
import {parseIniSection} from '../../support/harness.js'

// Moved from the CLI tests (configure, command-line): what configure asks, keeps and writes, which flag
// values it refuses, and what --list shows; cli/configure keeps one refusal's line and exit code.
const PASSWORD = {okta_password: 'correct horse'}
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const TIME = '(?:\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d'
const cfg = `# my clokta settings
[DEFAULT]
okta_username = jdoe@example.com
multifactor_preference = Okta Verify with Push

[website]
okta_aws_app_url = https://example.okta.com/home/amazon_aws/0oa1/272
okta_aws_role_to_assume = arn:aws:iam::123456789012:role/Developer

[billing]
okta_aws_app_url = https://example.okta.com/home/amazon_aws/0oa2/272
`
const read = (f: FlowHarness) => readFileSync(f.home.path('.clokta/clokta.cfg'), 'utf8')

/** What `clokta configure --list` prints, made as the command makes it. */
async function table(world: World, now: number): Promise<string[]> {
  const {rows} = await listProfiles(world)
  const statuses = await credentialStatuses(
    rows.map((r) => r.profile),
    now,
    world,
  )
  return profileTable(
    rows.map((r, i) => ({...r, status: statuses[i]})),
    new Date(now),
  )
}

test("configure --list: a header, app URLs and remembered roles, and whether each profile's credentials are valid, expired or none; nobody is contacted (moved from the CLI tests)", async () => {
  await withFlow(pushOnly, async (f) => {
    assert.equal((await listProfiles(f.world())).rows, [], 'no clokta.cfg: no profiles')
    f.home.write(
      '.clokta/clokta.cfg',
      cfgFor(f.fake, `\n[billing]\nokta_aws_app_url = ${f.fake.appUrl}\nokta_aws_role_to_assume = arn:aws:iam::210987654321:role/Admin\n\n[spare]\n`),
    )
    await f.login(['website', 'billing'], {}, PASSWORD)
    // billing's credentials as if written yesterday
    const record = JSON.parse(readFileSync(f.home.path('.clokta/records/billing.json'), 'utf8'))
    f.home.write('.clokta/records/billing.json', JSON.stringify({...record, expiration: new Date(f.clock.now() - 86_400_000).toISOString()}))
    const before = f.fake.requests.length
    const url = f.fake.appUrl
    const lines = await table(f.world(), f.clock.now())
    const width = `${url} / Developer in 123456789012`.length
    assert.is(lines[0], `PROFILE  ${'APP URL / ROLE'.padEnd(width)}  CREDENTIALS`)
    assert.match(lines[1], new RegExp(`^website  ${url} / Developer in 123456789012  valid until ${TIME} \\(12h\\)$`))
    assert.is(lines[2], `billing  ${`${url} / Admin in 210987654321`.padEnd(width)}  expired`)
    assert.is(lines[3], `spare    ${'(no app URL)'.padEnd(width)}  none`)
    assert.is(lines.length, 4)
    assert.is(f.fake.requests.length, before, 'nobody is contacted')
    assert.equal(f.sts.length, 2)

    // profiles never logged in: none
    f.home.write('.clokta/clokta.cfg', cfg)
    const website = 'https://example.okta.com/home/amazon_aws/0oa1/272 / Developer in 123456789012'
    f.home.write('.aws/credentials', '')
    assert.equal(await table(f.world(), f.clock.now()), [
      `PROFILE  ${'APP URL / ROLE'.padEnd(website.length)}  CREDENTIALS`,
      `website  ${website}  none`,
      `billing  ${'https://example.okta.com/home/amazon_aws/0oa2/272'.padEnd(website.length)}  none`,
    ])
  })
})

test('configure keeps a preference held as an alias or factor type when it is the answer: offered first, as now (moved from the CLI tests)', async () => {
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfg.replace('multifactor_preference = Okta Verify with Push', 'multifactor_preference = sms'))
    f.answer('https://example.okta.com/home/amazon_aws/0oa1/272', 'jdoe@example.com', 'sms', '', true)
    await configureProfile('website', {}, f.deps(), f.world())
    assert.equal(
      f.asked.map((q) => [q.kind, q.message, q.initial]),
      [
        ['input', 'Okta App URL', 'https://example.okta.com/home/amazon_aws/0oa1/272'],
        ['input', 'Okta username', 'jdoe@example.com'],
        ['select', 'Preferred MFA', 'sms'],
        ['input', "Duration (empty: the Okta app's, else 12h)", undefined],
        ['confirm', 'Keep the remembered role arn:aws:iam::123456789012:role/Developer?', true],
      ],
    )
    assert.equal(f.asked[2].choices![0], {name: 'sms', message: 'sms (as now)'})
    const text = read(f)
    assert.is(parseIniSection(text, 'DEFAULT').multifactor_preference, 'sms')
    assert.is(parseIniSection(text, 'website').multifactor_preference, undefined)
    assert.is(parseIniSection(text, 'website').okta_aws_role_to_assume, 'arn:aws:iam::123456789012:role/Developer')
    assert.ok(f.info.includes('Saved profile website in ~/.clokta/clokta.cfg.'), f.info.join('\n'))
  })
})

test('configure -p one profile never changes who the others log in as (moved from the CLI tests)', async () => {
  await withFlow({}, async (f) => {
    f.home.write('.clokta/clokta.cfg', cfg)
    await configureProfile('billing', {username: 'alice@other.com', mfa: 'Google Authenticator'}, f.deps(), f.world())
    assert.ok(
      f.info.includes('okta_username = alice@other.com is set for billing only; [DEFAULT] keeps jdoe@example.com for website.'),
      f.info.join('\n'),
    )
    const text = read(f)
    assert.ok(text.startsWith('# my clokta settings\n[DEFAULT]\n'))
    assert.equal(parseIniSection(text, 'DEFAULT'), {okta_username: 'jdoe@example.com', multifactor_preference: 'Okta Verify with Push'})
    assert.equal(parseIniSection(text, 'billing'), {
      okta_aws_app_url: 'https://example.okta.com/home/amazon_aws/0oa2/272',
      okta_username: 'alice@other.com',
      multifactor_preference: 'Google Authenticator',
    })
    await configureProfile('website', {username: 'jdoe@example.com'}, f.deps(), f.world())
    assert.is(parseIniSection(read(f), 'website').okta_username, undefined, 'the value [DEFAULT] already gives')
    assert.is(f.fake.requests.length, 0)
  })
})

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
    const text = read(f)
    assert.match(text, /^# my clokta settings\n/)
    assert.is(
      parseIniSection(text, 'website').okta_aws_app_url,
      'https://example.okta.com/home/amazon_aws/0oa1/272',
      'the refused URL was not written',
    )
  })
})

test.run()
