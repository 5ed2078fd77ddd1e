import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {exportLine, loginSummary, roleLabel, ssoRoleText, validUntil, type SummaryOutcome} from '../../../src/cli/summary.js'

const HOME = process.env.HOME!
/**
 * The summary's "now": fixed, so that "(2h)" and the clock time do not depend on when the
 * test runs (after 22:00 the expiry is tomorrow and gets a date; a slow machine rounds 2h down).
 */
const NOW = new Date(2030, 0, 1, 10, 0, 0)
const inTwoHours = () => new Date(NOW.getTime() + 2 * 3600_000)
const outcome = (profile: string, extra: Partial<SummaryOutcome> = {}): SummaryOutcome => ({
  kind: 'logged-in',
  profile,
  roleArn: 'arn:aws:iam::111111111111:role/ReadOnly',
  written: [`${HOME}/.aws/credentials`, `${HOME}/.clokta/${profile}.env`, `${HOME}/.clokta/${profile}.sh`],
  credentials: {expiration: inTwoHours()},
  ...extra,
})

test('roleLabel: the role name (path left out) in its account; other ARNs as they are', () => {
  assert.is(roleLabel('arn:aws:iam::111111111111:role/ReadOnly'), 'ReadOnly in 111111111111')
  assert.is(roleLabel('arn:aws:iam::222222222222:role/team/ops/Deployer'), 'Deployer in 222222222222')
  assert.is(roleLabel('arn:aws-us-gov:iam::333333333333:role/Admin'), 'Admin in 333333333333')
  assert.is(roleLabel('Developer'), 'Developer')
})

test('an IAM Identity Center role is named by its account and permission set, not as an IAM role whose ARN clokta does not know', () => {
  assert.is(ssoRoleText('arn:aws:iam::111122223333:role/ReadOnly'), 'permission set ReadOnly in 111122223333, IAM Identity Center')
  const [line] = loginSummary([outcome('dev', {roleArn: 'arn:aws:iam::111122223333:role/ReadOnly', ssoRole: true})], false, NOW).split('\n')
  assert.match(
    line,
    /^AWS credentials for profile dev \(permission set ReadOnly in 111122223333, IAM Identity Center\) are valid until 12:00 \(2h\)\./,
  )
})

test('validUntil: the clock time and what is left, to the minute', () => {
  const now = new Date(2030, 0, 1, 10, 0, 0)
  assert.is(validUntil(new Date(2030, 0, 1, 13, 30, 20), now), 'valid until 13:30 (3h30m)')
  assert.is(validUntil(new Date(2030, 0, 2, 1, 0, 0), now), 'valid until 2030-01-02 01:00 (15h)')
})

test('one line per profile naming its role; a plain profile says export, a chained one where its keys are', () => {
  const text = loginSummary(
    [outcome('website'), outcome('svc', {kind: 'still-valid', chained: true, roleArn: 'arn:aws:iam::444455556666:role/service'})],
    false,
    NOW,
  )
  const [website, svc, ...rest] = text.split('\n')
  assert.match(
    website,
    /^AWS credentials for profile website \(ReadOnly in 111111111111\) are valid until 12:00 \(2h\)\. Run: {2}export AWS_PROFILE=website$/,
  )
  assert.match(
    svc,
    /^AWS credentials for profile svc \(service in 444455556666\) are still valid until 12:00 \(2h\); nothing to do \(--force logs in again\)\. The AWS CLI chains svc itself from ~\/\.aws\/config; clokta's chained keys are in ~\/\.clokta\/svc\.env and ~\/\.clokta\/svc\.sh \(source it\)\.$/,
  )
  assert.equal(rest, [])
})

test("the summary counts from the run's clock: at 23:00, two hours on is tomorrow and carries its date", () => {
  const late = new Date(2030, 0, 1, 23, 0, 0)
  const text = loginSummary([outcome('website', {credentials: {expiration: new Date(late.getTime() + 2 * 3600_000)}})], false, late)
  assert.match(text, /are valid until 2030-01-02 01:00 \(2h\)\. Run:/)
})

test('-i with one profile keeps the docker-compose list form; a chained one gets no export line', () => {
  const one = loginSummary([outcome('website')], true, NOW).split('\n')
  assert.equal(one.slice(1), [
    'To use them with docker-compose, add to the service:',
    '    env_file:',
    '      - ~/.clokta/website.env',
    'In shell scripts or on another machine:',
    '    source ~/.clokta/website.sh',
    'In this shell:',
    '    export AWS_PROFILE=website',
  ])
  const chained = loginSummary([outcome('svc', {chained: true})], true, NOW).split('\n')
  assert.match(chained[0], /\. The AWS CLI chains svc itself from ~\/\.aws\/config\.$/)
  assert.not.ok(chained.some((l) => l.includes('export')))
})

test('-i with several profiles: the headings once, each profile under each; exports for the unchained ones', () => {
  const lines = loginSummary([outcome('a'), outcome('b'), outcome('c', {chained: true})], true, NOW).split('\n')
  assert.equal(lines.slice(3), [
    "To use them with docker-compose, give a service one profile's file:",
    '    env_file: ~/.clokta/a.env',
    '    env_file: ~/.clokta/b.env',
    '    env_file: ~/.clokta/c.env',
    'In shell scripts or on another machine, source one of:',
    '    source ~/.clokta/a.sh',
    '    source ~/.clokta/b.sh',
    '    source ~/.clokta/c.sh',
    'In this shell, one of:',
    '    export AWS_PROFILE=a',
    '    export AWS_PROFILE=b',
  ])
})

test('the chained note names AWS_CONFIG_FILE when that is where the chain is', () => {
  const saved = process.env.AWS_CONFIG_FILE
  process.env.AWS_CONFIG_FILE = '/etc/aws/config'
  try {
    assert.match(loginSummary([outcome('svc', {chained: true})], false), /chains svc itself from \/etc\/aws\/config;/)
  } finally {
    if (saved === undefined) delete process.env.AWS_CONFIG_FILE
    else process.env.AWS_CONFIG_FILE = saved
  }
})

test('exportLine', () => {
  assert.is(exportLine('website'), 'export AWS_PROFILE=website')
})

test.run()
