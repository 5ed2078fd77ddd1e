import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {userInfo} from 'node:os'

import {awsConfigPath, awsCredentialsPath, parseAwsConfig, profileNameOf, type AwsConfig} from '../../../src/config/aws-config.js'
import {resolveRegion} from '../../../src/config/region.js'
import {shlexSplit} from '../../../src/config/shlex-split.js'
import {expandPath} from '../../../src/io/paths.js'
import {resolveRoleChain, roleSessionNameFor} from '../../../src/config/role-chain.js'

const config = (text: string): AwsConfig => parseAwsConfig(text, '/h/.aws/config')
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
  // botocore's build_profile_map: any header starting with "profile" that shlex splits in two
  assert.is(profileNameOf("profile 'a b'"), 'a b')
  assert.is(profileNameOf('profile x"y"z'), 'xyz')
  assert.is(profileNameOf('profiles x'), 'x')
  assert.is(profileNameOf('profile a b'), undefined)
  assert.is(profileNameOf('profile "x'), undefined)
  assert.is(profileNameOf('profile'), undefined)
  assert.is(profileNameOf('Default'), undefined)
  assert.is(profileNameOf('DEFAULT'), undefined)
})

test('shlexSplit is Python shlex.split (POSIX, no comments)', () => {
  // each right-hand side is what Python 3.11 answers
  assert.equal(shlexSplit('profile  website'), ['profile', 'website'])
  assert.equal(shlexSplit('profile\tx '), ['profile', 'x'])
  assert.equal(shlexSplit('profile "a\\"b\\\\c\\d"'), ['profile', 'a"b\\c\\d'])
  assert.equal(shlexSplit("profile 'a\\b'"), ['profile', 'a\\b'])
  assert.equal(shlexSplit('profile a\\ b'), ['profile', 'a b'])
  assert.equal(shlexSplit('profile ""'), ['profile', ''])
  assert.is(shlexSplit('profile x\\'), undefined)
  assert.is(shlexSplit('profile "a\\'), undefined)
  assert.is(shlexSplit("profile 'a"), undefined)
})

test('an uppercase [DEFAULT] is in every profile, under its own keys, as configparser gives it to botocore', () => {
  const aws = config(
    '[DEFAULT]\nregion = eu-central-1\noutput = text\n[profile a]\noutput = json\n[default]\nk = v\n[profile b]\nregion = us-west-2\n',
  )
  assert.equal(aws.profile('a'), {region: 'eu-central-1', output: 'json'})
  assert.equal(aws.profile('default'), {region: 'eu-central-1', output: 'text', k: 'v'})
  assert.is(aws.profile('b')!.region, 'us-west-2')
  assert.is(aws.profile('DEFAULT'), undefined)
  assert.is(aws.profile('nosuch'), undefined, '[DEFAULT] makes no profile by itself')
  assert.is(aws.sourceOf('a', 'region'), '[DEFAULT]')
  assert.is(aws.sourceOf('a', 'output'), '[profile a]')
  assert.is(aws.sourceOf('a', 'nothing'), undefined)
})

test('sections naming one profile: the last wins whole, as botocore builds its profile map', () => {
  // the same text through botocore 1.43's load_config gives these profiles
  const aws = config('[profile default]\nregion = us-west-1\na = 1\n[default]\nb = 2\n[profile x]\nregion = r1\nk1 = v1\n[profile "x"]\nk2 = v2\n')
  assert.equal(aws.profile('default'), {b: '2'})
  assert.equal(aws.profile('x'), {k2: 'v2'})
  const reversed = config('[default]\nb = 2\n[profile default]\nregion = us-west-1\n')
  assert.equal(reversed.profile('default'), {region: 'us-west-1'})
  assert.is(reversed.sourceOf('default', 'region'), '[profile default]')
})

test('region: AWS_REGION, then AWS_DEFAULT_REGION, then the profile (with [DEFAULT]), else us-east-1 as a fallback', () => {
  const aws = config('[DEFAULT]\nregion = eu-central-1\n[profile a]\noutput = json\n[profile b]\nregion = us-west-2\n')
  assert.equal(resolveRegion('a', aws, {}), {value: 'eu-central-1', source: '[DEFAULT] in /h/.aws/config', known: true})
  assert.equal(resolveRegion('b', aws, {}), {value: 'us-west-2', source: '[profile b] in /h/.aws/config', known: true})
  assert.equal(resolveRegion('b', aws, {AWS_DEFAULT_REGION: 'ap-south-1'}), {
    value: 'ap-south-1',
    source: 'environment variable AWS_DEFAULT_REGION',
    known: true,
  })
  assert.is(resolveRegion('b', aws, {AWS_DEFAULT_REGION: 'ap-south-1', AWS_REGION: 'sa-east-1'}).value, 'sa-east-1')
  assert.equal(resolveRegion('nosuch', aws, {}), {value: 'us-east-1', source: 'the default', known: false})
})

test('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE: variables, then ~, as botocore expands them', () => {
  const env = {HOME: '/home/jdoe/', USER_DIR: '/srv/u', EMPTY: ''}
  assert.is(awsConfigPath({...env, AWS_CONFIG_FILE: '$HOME/aws/config'}), '/home/jdoe//aws/config')
  assert.is(awsConfigPath({...env, AWS_CONFIG_FILE: '${USER_DIR}/config'}), '/srv/u/config')
  assert.is(awsCredentialsPath({...env, AWS_SHARED_CREDENTIALS_FILE: '~/creds'}), '/home/jdoe/creds')
  assert.is(awsConfigPath(env), '/home/jdoe/.aws/config')
  assert.is(awsCredentialsPath(env), '/home/jdoe/.aws/credentials')
  // each right-hand side is what Python's os.path.expanduser(os.path.expandvars(p)) gives
  assert.is(expandPath('$NOPE/${}/$/x$EMPTY', env), '$NOPE/${}/$/x')
  assert.is(expandPath('~', env), '/home/jdoe')
  assert.is(expandPath('~', {HOME: '/'}), '/')
  assert.is(expandPath('a/~/b', env), 'a/~/b')
  assert.is(expandPath('~nosuchuser-xyz/c', env), '~nosuchuser-xyz/c')
  assert.is(expandPath(`~${userInfo().username}/c`, env), `${userInfo().homedir.replace(/\/+$/, '')}/c`)
  assert.is(expandPath('~/c', {}), `${userInfo().homedir}/c`, 'without HOME, the password database')
  assert.is(expandPath('$HOME', {HOME: '~'}), '~')
  assert.is(expandPath('$H/x', {H: '~', HOME: '/home/jdoe'}), '/home/jdoe/x', 'a variable that gives a leading ~ is then expanded too')
})

test('a two-hop chain from a clokta profile, with every key the AWS CLI honours', () => {
  const aws = config(
    `[profile svc]\nrole_arn = arn:aws:iam::1:role/svc\nsource_profile = website\nexternal_id = x1\nrole_session_name = me\nduration_seconds = 900\nregion = eu-west-1\n[profile deep]\nrole_arn = arn:aws:iam::2:role/deep\nsource_profile = svc\n`,
  )
  const chain = resolveRoleChain('deep', aws, kinds(['website']))!
  assert.equal(chain.base, {profile: 'website', kind: 'clokta'})
  assert.equal(
    chain.hops.map((h) => h.profile),
    ['svc', 'deep'],
  )
  assert.equal(chain.hops[0], {
    profile: 'svc',
    roleArn: 'arn:aws:iam::1:role/svc',
    externalId: 'x1',
    roleSessionName: 'me',
    durationSeconds: '900',
    region: 'eu-west-1',
  })
  assert.is(resolveRoleChain('website', aws, kinds(['website'])), undefined)
  assert.equal(resolveRoleChain('svc', config('[profile svc]\nrole_arn = r\nsource_profile = iam\n'), kinds([], ['iam']))!.base, {
    profile: 'iam',
    kind: 'static',
  })
})

test('cycles, missing and unusable source profiles are refused with the profiles named', () => {
  const aws = config(
    '[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r\nsource_profile = a\n[profile c]\nrole_arn = r\nsource_profile = nowhere\n[profile d]\nrole_arn = r\nsource_profile = plain\n[profile plain]\nregion = us-east-1\n',
  )
  assert.throws(() => resolveRoleChain('a', aws, kinds([])), /form a cycle: a → b → a/)
  assert.throws(() => resolveRoleChain('c', aws, kinds([])), /Profile c has source_profile = nowhere, but there is no profile nowhere/)
  assert.throws(() => resolveRoleChain('d', aws, kinds([])), /The source profile plain \(of d\) is neither a clokta profile nor holds credentials/)
})

test('profile names from ~/.aws/config are shown escaped in those messages too', () => {
  const aws = config(
    '[profile c]\nrole_arn = r\nsource_profile = no\x1b[8mwhere\n[profile d]\nrole_arn = r\nsource_profile = pl\x07ain\n[profile pl\x07ain]\nregion = us-east-1\n',
  )
  assert.throws(
    () => resolveRoleChain('c', aws, kinds([])),
    (e: Error) => e.message.includes('source_profile = no\\x1b[8mwhere, but there is no profile no\\x1b[8mwhere'),
  )
  assert.throws(
    () => resolveRoleChain('d', aws, kinds([])),
    (e: Error) => e.message.includes('The source profile pl\\x07ain (of d)') && !e.message.includes('\x07'),
  )
})

test('role session names fit STS', () => {
  assert.is(roleSessionNameFor('jdoe@example.com'), 'jdoe@example.com')
  assert.is(roleSessionNameFor('Jane Doe/eng'), 'Jane-Doe-eng')
  assert.is(roleSessionNameFor('x'), 'x-')
  assert.is(roleSessionNameFor('a'.repeat(80)).length, 64)
})

test.run()
