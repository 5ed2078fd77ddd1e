import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {describeLogout, logoutFailureHint, logoutFailures, type IdentityLogout, type SsoLogout} from '../../../src/flow/logout-report.js'

const org = new URL('https://example.okta.com')
const id = (over: Partial<IdentityLogout>): IdentityLogout => ({org, username: 'jdoe', password: false, seedKept: false, ...over})
const one = (identities: IdentityLogout[], python: string[] = [], all = false) =>
  describeLogout({
    reachable: true,
    target: all ? {all} : {profile: 'website', all},
    identities,
    python: python.map((username) => ({username})),
    failed: [],
  })

test('says what was forgotten and how the session was left at Okta, in one line', () => {
  assert.equal(one([id({password: true, session: {ended: 'now'}})]), [
    'Forgot the Okta password and session of jdoe at example.okta.com, and ended that session at Okta.',
  ])
  assert.equal(one([id({session: {ended: 'before'}})]), [
    'Forgot the Okta session of jdoe at example.okta.com; that session had already ended at Okta.',
  ])
  assert.equal(one([id({password: true, session: {ended: false, why: 'Okta answered 500'}})]), [
    'Forgot the Okta password and session of jdoe at example.okta.com; could not end that session at Okta (Okta answered 500), so it lasts there until it expires.',
  ])
  assert.equal(one([id({password: true})]), ['Forgot the Okta password of jdoe at example.okta.com.'])
})

test('nothing to forget is said so; what stays is named, with how to remove it', () => {
  assert.equal(one([id({})]), ['clokta keeps no Okta password or session for jdoe at example.okta.com: there was nothing to forget.'])
  assert.equal(one([id({seedKept: true})], ['jdoe']), [
    'clokta keeps no Okta password or session for jdoe at example.okta.com: there was nothing to forget.',
    'The authenticator seed for jdoe at example.okta.com stays in the OS keychain (clokta configure -p website --forget-totp-seed removes it).',
    'The Okta password the Python clokta kept for jdoe (service clokta.okta_password) is left as it was for that tool; clokta will not use it again.',
  ])
  assert.equal(one([], [], true), ['clokta keeps no Okta password or session in the OS keychain: there was nothing to forget.'])
  assert.equal(one([id({seedKept: true})], [], true), [
    'clokta keeps no Okta password or session in the OS keychain: there was nothing to forget.',
    'The authenticator seed for jdoe at example.okta.com stays in the OS keychain (clokta configure -p <profile> --forget-totp-seed removes it).',
  ])
})

test('--all: a line per org and user', () => {
  const other = new URL('https://other.okta.com')
  assert.equal(one([id({password: true}), id({org: other, username: 'jd', session: {ended: 'now'}})], [], true), [
    'Forgot the Okta password of jdoe at example.okta.com.',
    'Forgot the Okta session of jd at other.okta.com, and ended that session at Okta.',
  ])
})

test('each thing left undone is one line, with a hint that names only what needs seeing to; no keychain still reports a token left in place', () => {
  const keychainOnly = {
    reachable: true as const,
    target: {all: true},
    identities: [],
    python: [],
    failed: ['remove the Okta password of jdoe at example.okta.com', 'remove the Okta session of jd at other.okta.com'],
  }
  assert.equal(logoutFailures(keychainOnly), [
    'The OS keychain would not remove the Okta password of jdoe at example.okta.com.',
    'The OS keychain would not remove the Okta session of jd at other.okta.com.',
  ])
  assert.is(logoutFailureHint(keychainOnly), 'Run clokta logout again, or see to it with your keychain app (service clokta).')
  const stuck: SsoLogout = {
    session: 'corp',
    startUrl: 'https://d-1234567890.awsapps.com/start',
    profiles: ['dev'],
    path: '/home/u/.aws/sso/cache/x.json',
    cached: true,
    atService: {failed: 'IAM Identity Center at portal.sso.us-east-1.amazonaws.com did not answer'},
    notRemoved: 'Cannot remove ~/.aws/sso/cache/x.json: permission denied (EACCES).',
  }
  const noKeychain = {reachable: false as const, target: {all: true}, sso: [stuck]}
  assert.equal(logoutFailures(noKeychain), [
    'The IAM Identity Center token of sso-session corp is still cached: cannot remove ~/.aws/sso/cache/x.json: permission denied (EACCES); signing out at IAM Identity Center failed too (IAM Identity Center at portal.sso.us-east-1.amazonaws.com did not answer).',
  ])
  assert.is(logoutFailureHint(noKeychain), 'Run clokta logout again, or see to it with the files named (or remove them yourself).')
  // neither ended nor removed: no line says it was
  assert.equal(describeLogout(noKeychain), [])
  assert.equal(logoutFailures({...keychainOnly, failed: []}), [])
})

test.run()
