import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {profileNameOf, type AwsConfig} from '../../../src/config/aws-config.js'
import {IniDocument} from '../../../src/config/ini-document.js'
import {resolveRoleChain, roleSessionNameFor} from '../../../src/config/role-chain.js'

function config(text: string): AwsConfig {
  const doc = IniDocument.parse(text, 'config')
  return {path: '/h/.aws/config', profile: (n) => {
    const s = doc.sections().find((x) => profileNameOf(x) === n)
    return s === undefined ? undefined : doc.entries(s)
  }}
}
const kinds = (clokta: string[], statics: string[] = []) => ({
  isCloktaProfile: (p: string) => clokta.includes(p),
  hasStaticCredentials: (p: string) => statics.includes(p),
  defaultApp: false,
})

test('profile headers read as botocore splits them', () => {
  assert.is(profileNameOf('profile website'), 'website')
  assert.is(profileNameOf('profile  website'), 'website')
  assert.is(profileNameOf('profile "my.service"'), 'my.service')
  assert.is(profileNameOf('default'), 'default')
  assert.is(profileNameOf('sso-session corp'), undefined)
  assert.is(profileNameOf('website'), undefined)
})

test('a two-hop chain from a clokta profile, with every key the AWS CLI honours', () => {
  const aws = config(`[profile svc]\nrole_arn = arn:aws:iam::1:role/svc\nsource_profile = website\nexternal_id = x1\nrole_session_name = me\nduration_seconds = 900\nregion = eu-west-1\n[profile deep]\nrole_arn = arn:aws:iam::2:role/deep\nsource_profile = svc\n`)
  const chain = resolveRoleChain('deep', aws, kinds(['website']))!
  assert.equal(chain.base, {profile: 'website', kind: 'clokta'})
  assert.equal(chain.hops.map((h) => h.profile), ['svc', 'deep'])
  assert.equal(chain.hops[0], {profile: 'svc', roleArn: 'arn:aws:iam::1:role/svc', externalId: 'x1', roleSessionName: 'me', durationSeconds: '900', region: 'eu-west-1'})
  assert.is(resolveRoleChain('website', aws, kinds(['website'])), undefined)
  assert.equal(resolveRoleChain('svc', config('[profile svc]\nrole_arn = r\nsource_profile = iam\n'), kinds([], ['iam']))!.base, {profile: 'iam', kind: 'static'})
})

test('cycles, missing and unusable source profiles are refused with the profiles named', () => {
  const aws = config('[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r\nsource_profile = a\n[profile c]\nrole_arn = r\nsource_profile = nowhere\n[profile d]\nrole_arn = r\nsource_profile = plain\n[profile plain]\nregion = us-east-1\n')
  assert.throws(() => resolveRoleChain('a', aws, kinds([])), /form a cycle: a → b → a/)
  assert.throws(() => resolveRoleChain('c', aws, kinds([])), /Profile c has source_profile = nowhere, but there is no profile nowhere/)
  assert.throws(() => resolveRoleChain('d', aws, kinds([])), /The source profile plain \(of d\) is neither a clokta profile nor holds credentials/)
})

test('role session names fit STS', () => {
  assert.is(roleSessionNameFor('jdoe@example.com'), 'jdoe@example.com')
  assert.is(roleSessionNameFor('Jane Doe/eng'), 'Jane-Doe-eng')
  assert.is(roleSessionNameFor('x'), 'x-')
  assert.is(roleSessionNameFor('a'.repeat(80)).length, 64)
})

test.run()
