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
      (e: Error) => e.message === `Refusing the Okta app URL from [website] in clokta.cfg: ${origin}: only https:// is allowed (plain http only for localhost).`,
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
  assert.throws(() => parseAppUrl('login.example.com/home/amazon_aws/0oa1/272', 'test'), /^The Okta app URL from test is not a URL: "login\.example\.com/)
  assert.throws(() => parseAppUrl('https://login.example.com/', 'test'), /\(https:\/\/login\.example\.com\) is the Okta home page, not the AWS app/)
})

test("checkAppUrl gives the prompt a message, or true", () => {
  assert.is(checkAppUrl(`https://acme.okta-emea.com${APP_PATH}`), true)
  assert.match(String(checkAppUrl(`http://acme.okta-emea.com${APP_PATH}`)), /^Refusing the Okta app URL from the prompt: http:\/\/acme\.okta-emea\.com: only https/)
})

test.run()
