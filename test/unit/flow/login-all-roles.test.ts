import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaCfg} from '../../../src/config/clokta-cfg.js'
import {IniDocument} from '../../../src/config/ini-document.js'
import {resolveSettings} from '../../../src/config/resolve-settings.js'
import {generatedProfileSettings} from '../../../src/flow/login-all-roles.js'
import type {SamlRole} from '../../../src/model/role.js'

const APP = 'https://example.okta.com/home/amazon_aws/0oa1/272'
const role: SamlRole = {
  roleArn: 'arn:aws:iam::123456789012:role/Admin',
  principalArn: 'arn:aws:iam::123456789012:saml-provider/Okta',
  accountId: '123456789012',
  roleName: 'Admin',
}
const cfgOf = (text: string): CloktaCfg => new CloktaCfg('/home/jdoe/.clokta/clokta.cfg', IniDocument.parse(text, 'clokta.cfg'))

/** The settings the run logged in with, through `profile`, and the changes for the new profile `prod-Admin`. */
function changesFor(text: string, env: NodeJS.ProcessEnv = {}, profile = 'website') {
  const cfg = cfgOf(text)
  const used = resolveSettings({profile, flags: {}, env, cfg})
  return Object.fromEntries(generatedProfileSettings('prod-Admin', role, used, cfg).map((c) => [`${c.section}.${c.key}`, c.value]))
}

test("the app from the profile's section is copied, the user from [DEFAULT] is not", () => {
  assert.equal(changesFor(`[DEFAULT]\nokta_username = jdoe\nmultifactor_preference = push\n[website]\nokta_aws_app_url = ${APP}\n`), {
    'prod-Admin.okta_aws_app_url': APP,
    'prod-Admin.okta_aws_role_to_assume': role.roleArn,
  })
})

test("the profile's own user, factor, keychain answer and duration (by any of its names) are copied", () => {
  const text = `[DEFAULT]\nokta_username = other\n[website]\nokta_aws_app_url = ${APP}\nokta_username = jdoe\nmultifactor_preference = push\nsave_password_in_keychain = True\nsession_ttl = 2h\nrefresh_before = 5m\n`
  assert.equal(changesFor(text), {
    'prod-Admin.okta_aws_app_url': APP,
    'prod-Admin.okta_username': 'jdoe',
    'prod-Admin.multifactor_preference': 'push',
    'prod-Admin.save_password_in_keychain': 'True',
    'prod-Admin.duration': '2h',
    'prod-Admin.okta_aws_role_to_assume': role.roleArn,
  })
})

test('values from the environment are never saved', () => {
  const env = {okta_aws_app_url: APP, okta_username: 'jdoe', duration: '1h'}
  assert.equal(changesFor(`[website]\nokta_aws_app_url = https://example.okta.com/home/amazon_aws/0oa2/272\n`, env), {
    'prod-Admin.okta_aws_role_to_assume': role.roleArn,
  })
})

test('what the section already gives, by its own keys or [DEFAULT], is not written again; a different value of its own is replaced', () => {
  const same = `[DEFAULT]\nokta_username = jdoe\n[website]\nokta_aws_app_url = ${APP}\n[prod-Admin]\nokta_aws_app_url = ${APP}\nokta_aws_role_to_assume = ${role.roleArn}\n`
  assert.equal(changesFor(same), {})
  const other = `[DEFAULT]\nokta_aws_app_url = ${APP}\nokta_username = jdoe\n[prod-Admin]\nokta_username = someone.else\n`
  assert.equal(changesFor(other, {}, 'DEFAULT'), {'prod-Admin.okta_username': 'jdoe', 'prod-Admin.okta_aws_role_to_assume': role.roleArn})
})

test.run()
