import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {IniDocument} from '../../../src/config/ini-document.js'
import {CloktaError} from '../../../src/errors.js'

const sample = `# my credentials
[default]
aws_access_key_id = AKIAOLD
aws_secret_access_key = old/secret

; work
[profile my.service]
role_arn = arn:aws:iam::123456789012:role/svc
source_profile: website
s3 =
  max_concurrent_requests = 20

[website]
AWS_ACCESS_KEY_ID = ASIAOLD
region=eu-west-1
`

test('reads sections, keys without case, both delimiters and continuations', () => {
  const doc = IniDocument.parse(sample, 'creds')
  assert.equal(doc.sections(), ['default', 'profile my.service', 'website'])
  assert.is(doc.get('profile my.service', 'source_profile'), 'website')
  assert.is(doc.get('website', 'aws_access_key_id'), 'ASIAOLD')
  assert.is(doc.get('website', 'region'), 'eu-west-1')
  assert.is(doc.get('profile my.service', 's3'), '\nmax_concurrent_requests = 20')
})

test('an untouched document is byte for byte the input', () => {
  assert.is(IniDocument.parse(sample, 'creds').toString(), sample)
  const crlf = sample.replace(/\n/g, '\r\n')
  assert.is(IniDocument.parse(crlf, 'creds').toString(), crlf)
  const noFinalNewline = '[a]\nk = v'
  assert.is(IniDocument.parse(noFinalNewline, 'x').toString(), noFinalNewline)
})

test('set replaces the line of an existing key (any case) and keeps every other line', () => {
  const doc = IniDocument.parse(sample, 'creds')
  doc.set('website', 'aws_access_key_id', 'ASIANEW')
  doc.set('website', 'aws_session_token', 'tok')
  const expected = sample.replace(
    'AWS_ACCESS_KEY_ID = ASIAOLD\nregion=eu-west-1\n',
    'aws_access_key_id = ASIANEW\nregion=eu-west-1\naws_session_token = tok\n',
  )
  assert.is(doc.toString(), expected)
})

test('a key is inserted after the last key of its section, before blank lines and the next section', () => {
  const doc = IniDocument.parse(sample, 'creds')
  doc.set('default', 'aws_session_token', 'tok')
  assert.ok(doc.toString().includes('aws_secret_access_key = old/secret\naws_session_token = tok\n\n; work\n'))
})

test('setting a key replaces its continuation lines too', () => {
  const doc = IniDocument.parse(sample, 'creds')
  doc.set('profile my.service', 's3', 'none')
  assert.ok(doc.toString().includes('source_profile: website\ns3 = none\n\n[website]'))
})

test("a new section is appended after a blank line, in the file's line ending", () => {
  const doc = IniDocument.parse('[a]\r\nk = v', 'x')
  doc.set('b', 'x', '1')
  assert.is(doc.toString(), '[a]\r\nk = v\r\n\r\n[b]\r\nx = 1\r\n')
  const empty = IniDocument.empty()
  empty.set('website', 'k', 'v')
  assert.is(empty.toString(), '[website]\nk = v\n')
})

test('delete removes only that key', () => {
  const doc = IniDocument.parse(sample, 'creds')
  doc.delete('website', 'region')
  assert.is(doc.toString(), sample.replace('region=eu-west-1\n', ''))
})

test('malformed files are refused with the file and line named', () => {
  const cases: [string, RegExp][] = [
    ['key = before section\n', /x line 1 sets a key before any `\[section\]` header/],
    ['[a]\njust words\n', /x line 2 is not `key = value`/],
    ['[a]\nk=1\n[a]\n', /x line 3 repeats the section \[a\]/],
    ['[a]\nk=1\nK=2\n', /x line 3 repeats the key k in \[a\]/],
  ]
  for (const [text, message] of cases) {
    try {
      IniDocument.parse(text, 'x')
      assert.unreachable(`accepted: ${text}`)
    } catch (error) {
      assert.instance(error, CloktaError)
      assert.match((error as Error).message, message)
    }
  }
})

test('indented files: only lines indented deeper than their key continue it (configparser)', () => {
  const text =
    '[website]\n  aws_access_key_id = OLD\n  region = eu-west-1\n  s3 =\n    max_concurrent_requests = 20\n\n    # still the value\n    multipart_threshold = 64MB\n  mfa_serial = arn:x\n'
  const doc = IniDocument.parse(text, 'x')
  assert.equal(Object.keys(doc.entries('website')), ['aws_access_key_id', 'region', 's3', 'mfa_serial'])
  doc.set('website', 'aws_access_key_id', 'NEW')
  doc.set('website', 'aws_session_token', 'tok')
  assert.is(doc.toString(), text.replace('OLD', 'NEW') + '  aws_session_token = tok\n')
  doc.set('website', 's3', 'x')
  assert.is(doc.toString(), '[website]\n  aws_access_key_id = NEW\n  region = eu-west-1\n  s3 = x\n  mfa_serial = arn:x\n  aws_session_token = tok\n')
})

test('section headers as configparser reads them: trailing text ignored, the name not trimmed', () => {
  const doc = IniDocument.parse('[profile ci] ; used by jenkins\nregion = us-east-1\n[website] # clokta: managed\nk = v\n[ spaced ]\nk = v\n', 'x')
  assert.equal(doc.sections(), ['profile ci', 'website', ' spaced '])
  assert.is(doc.get('website', 'k'), 'v')
})

test('values with line breaks are never written', () => {
  const doc = IniDocument.empty()
  assert.throws(() => doc.set('a', 'k', 'x\n[evil]'))
})

test.run()
