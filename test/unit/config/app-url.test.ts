import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {checkAppUrl, parseAppUrl} from '../../../src/config/app-url.js'

const APP_PATH = '/home/amazon_aws/0oa1b2c3d4EXAMPLE/272'

test("the org is the link's origin, whatever the domain: custom, oktapreview.com, okta-emea.com", () => {
  for (const origin of [
    'https://login.example.com',
    'https://acme.oktapreview.com',
    'https://acme.okta-emea.com',
    'https://acme.okta.com',
    'https://sso.example.co.uk:8443',
  ]) {
    const url = parseAppUrl(`${origin}${APP_PATH}`, 'test')
    assert.is(url.origin, origin)
    assert.is(url.pathname, APP_PATH)
  }
})

test("a dashboard link's query and fragment are dropped; the path is kept as given", () => {
  const url = parseAppUrl(`  https://login.example.com${APP_PATH}?fromHome=true#x  `, 'test')
  assert.is(url.href, `https://login.example.com${APP_PATH}`)
})

test('plain http is refused for a remote host, naming the source and the origin', () => {
  for (const raw of [
    `http://login.example.com${APP_PATH}`,
    `http://acme.okta.com${APP_PATH}`,
    // look like loopback but are not
    `http://localhost.example.com${APP_PATH}`,
    `http://127.0.0.1.example.com${APP_PATH}`,
    `http://127.0.0.1@login.example.com${APP_PATH}`,
  ]) {
    const origin = new URL(raw).origin
    assert.throws(
      () => parseAppUrl(raw, '[website] in clokta.cfg'),
      (e: Error) =>
        e.message === `Refusing the Okta app URL from [website] in clokta.cfg: ${origin}: only https:// is allowed (plain http only for localhost).`,
      raw,
    )
  }
})

test('plain http is allowed for loopback: 127.0.0.1, ::1, localhost', () => {
  for (const origin of ['http://127.0.0.1:8080', 'http://[::1]:8080', 'http://localhost:8080', 'http://LOCALHOST', 'http://127.1.2.3']) {
    assert.is(parseAppUrl(`${origin}${APP_PATH}`, 'test').origin, origin.toLowerCase(), origin)
  }
})

test('other schemes, non-URLs and the bare Okta home page are refused', () => {
  assert.throws(() => parseAppUrl(`ftp://login.example.com${APP_PATH}`, 'test'), /only https:\/\/ is allowed/)
  assert.throws(
    () => parseAppUrl('login.example.com/home/amazon_aws/0oa1/272', 'test'),
    /^The Okta app URL from test is not a URL: "login\.example\.com/,
  )
  assert.throws(() => parseAppUrl('https://login.example.com/', 'test'), /\(https:\/\/login\.example\.com\) is the Okta home page, not the AWS app/)
})

test('the real shapes of an AWS app link are accepted, custom-named apps and custom domains included', () => {
  for (const raw of [
    `https://acme.okta.com${APP_PATH}`,
    'https://acme.okta.com/home/amazon_aws/0oa1b2c3d4EXAMPLE/137?fromHome=true',
    'https://acme.okta.com/app/amazon_aws/exk1b2c3d4EXAMPLE/sso/saml',
    'https://acme.okta.com/home/acme_awsproduction_1/0oa1b2c3d4EXAMPLE/aln1b2c3d4EXAMPLE',
    `https://login.example.com${APP_PATH}`,
    // a path that merely starts like a refused one
    'https://acme.okta.com/app/UserHomeAws/exk1/sso/saml',
  ]) {
    assert.ok(parseAppUrl(raw, 'test') instanceof URL, raw)
    assert.is(checkAppUrl(raw), true, raw)
  }
})

test('Okta pages that are certainly not an app link are refused, naming the source and what the page is', () => {
  for (const [raw, shown, page] of [
    ['https://acme.okta.com/app/UserHome', 'https://acme.okta.com/app/UserHome', 'the Okta dashboard'],
    [
      'https://acme.okta.com/app/UserHome?iss=https%3A%2F%2Facme.okta.com&session_hint=AUTHENTICATED',
      'https://acme.okta.com/app/UserHome',
      'the Okta dashboard',
    ],
    ['https://login.example.com/app/UserHome/', 'https://login.example.com/app/UserHome/', 'the Okta dashboard'],
    ['https://acme.okta.com/enduser/catalog', 'https://acme.okta.com/enduser/catalog', 'a page of the Okta dashboard'],
    ['https://acme.okta.com/enduser/settings', 'https://acme.okta.com/enduser/settings', 'a page of the Okta dashboard'],
    ['https://acme.okta.com/', 'https://acme.okta.com', 'the Okta home page'],
    ['https://acme.okta.com', 'https://acme.okta.com', 'the Okta home page'],
    ['https://acme.okta.com/login/login.htm?fromURI=%2Fapp%2FUserHome', 'https://acme.okta.com/login/login.htm', 'the Okta sign-in page'],
    [
      'https://acme-admin.okta.com/admin/app/amazon_aws/instance/0oa1b2c3d4EXAMPLE/',
      'https://acme-admin.okta.com/admin/app/amazon_aws/instance/0oa1b2c3d4EXAMPLE/',
      'a page of the Okta admin console',
    ],
  ]) {
    assert.throws(
      () => parseAppUrl(raw, 'environment variable okta_aws_app_url'),
      (e: Error) => e.message === `The Okta app URL from environment variable okta_aws_app_url (${shown}) is ${page}, not the AWS app.`,
      raw,
    )
    assert.match(String(checkAppUrl(raw)), /not the AWS app\. Right-click the AWS app on your Okta dashboard, copy its link/)
  }
})

test('checkAppUrl gives the prompt a message, or true', () => {
  assert.is(checkAppUrl(`https://acme.okta-emea.com${APP_PATH}`), true)
  assert.match(
    String(checkAppUrl(`http://acme.okta-emea.com${APP_PATH}`)),
    /^Refusing the Okta app URL from the prompt: http:\/\/acme\.okta-emea\.com: only https/,
  )
})

test.run()
