import {readFileSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {decodeHtmlEntities, parseSamlPostForm} from '../../../src/idp/saml-post-form.js'

const fixtures = new URL('../../fixtures/okta/', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, fixtures), 'utf8')

test("Okta's form: the HTML-escaped action is decoded, the SAMLResponse read whole", () => {
  const form = parseSamlPostForm(read('app-link-aws-form.html'))
  assert.is(form.action, 'https://signin.aws.amazon.com/saml')
  const xml = readFileSync(new URL('../../fixtures/saml/okta-aws-5-roles.xml', import.meta.url), 'utf8')
  assert.is(Buffer.from(form.samlResponse!, 'base64').toString('utf8'), xml)
})

test("the Okta docs' embed-link answer", () => {
  const http = read('embed-link-response.http')
  const form = parseSamlPostForm(http.slice(http.indexOf('<html')))
  assert.is(form.action, 'https://sp.example.com/auth/saml20')
  assert.match(Buffer.from(form.samlResponse!, 'base64').toString('utf8'), /saml2p:Response/)
  assert.is(form.relayState, '/some/deep/link')
})

test('a URL-encoded value (another app) is decoded', () => {
  const form = parseSamlPostForm(read('app-link-other-app-form.html'))
  assert.ok(form.samlResponse)
  assert.not.match(form.samlResponse!, /%/)
  assert.match(Buffer.from(form.samlResponse!, 'base64').toString('utf8'), /Response/)
})

test('a page without a form has no SAMLResponse', () => {
  assert.equal(parseSamlPostForm('<html><body><h1>Sign In</h1></body></html>'), {})
})

test('entities', () => {
  assert.is(decodeHtmlEntities('https&#x3a;&#x2f;&#x2f;a&#47;b&amp;c&quot;&unknown;'), 'https://a/b&c"&unknown;')
})

test.run()
