import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {openWorld} from '../../../src/config/world.js'
import {configureProfile, listProfiles} from '../../../src/flow/configure-profile.js'
import type {Deps} from '../../../src/flow/deps.js'
import {systemClock} from '../../../src/io/clock.js'
import type {Prompter} from '../../../src/io/prompter.js'
import {tempHome} from '../../support/run-cli.js'

/** A terminal where the user presses Enter at every question: the initial values are the answers. */
function pressingEnter(shown: Record<string, unknown>): Deps {
  const prompter: Prompter = {
    interactive: true,
    input: async (q) => ((shown[q.message] = q.initial), q.initial ?? ''),
    password: async () => '',
    select: async (q) => ((shown[q.message] = q.initial), q.initial ?? q.choices[0].name),
    confirm: async (q) => ((shown[q.message] = q.initial), q.initial),
    say: () => {},
  }
  const none = () => {
    throw new Error('configure does not go online')
  }
  return {
    log: {info: () => {}, warn: () => {}, debug: () => {}, secret: () => {}, debugEnabled: false},
    prompter,
    terminal: undefined,
    clock: systemClock,
    keychain: undefined as never,
    http: none,
    sts: none,
    sso: none,
    openBrowser: none,
    userAgent: 'clokta-test',
    close: () => {},
  }
}

test("configure's current values are what clokta.cfg gives the profile: its section, then [DEFAULT], aliases included, never the environment", async () => {
  const home = tempHome()
  const saved = process.env.HOME
  // clokta's own folder follows $HOME, as the CLI's does
  process.env.HOME = home.dir
  try {
    const app = 'https://example.okta.com/home/amazon_aws/0oa1b2c3d4EXAMPLE/272'
    home.write(
      '.clokta/clokta.cfg',
      `[DEFAULT]\nokta_username = jdoe@example.com\nmultifactor_preference = Okta Verify\nokta_aws_app_url = ${app}\nokta_aws_role_to_assume = arn:aws:iam::1:role/Shared\n\n[website]\nsession_ttl = 2h\n\n[billing]\nokta_aws_role_to_assume = arn:aws:iam::2:role/Billing\n`,
    )
    const env = {HOME: home.dir, okta_username: 'someone-else', okta_aws_app_url: 'https://other.okta.com/home/amazon_aws/x/1'}
    const shown: Record<string, unknown> = {}
    await configureProfile('website', {}, pressingEnter(shown), openWorld(env))
    assert.equal(shown, {
      'Okta App URL': app,
      'Okta username': 'jdoe@example.com',
      'Preferred MFA': 'Okta Verify',
      "Duration (empty: the Okta app's, else 12h)": '2h',
    })
    // the role [DEFAULT] gives every profile is not website's to drop; billing's own is
    const billing: Record<string, unknown> = {}
    await configureProfile('billing', {}, pressingEnter(billing), openWorld(env))
    assert.is(billing['Keep the remembered role arn:aws:iam::2:role/Billing?'], true)
    const {rows} = await listProfiles(openWorld(env))
    assert.equal(rows, [
      {profile: 'website', appUrl: app, role: undefined},
      {profile: 'billing', appUrl: app, role: 'arn:aws:iam::2:role/Billing'},
    ])
  } finally {
    process.env.HOME = saved
    home.remove()
  }
})

test.run()
