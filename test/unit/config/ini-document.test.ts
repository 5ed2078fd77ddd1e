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

test('lines ending in \r, \n and \r\n mixed are read and kept as they are; new lines take the first ending', () => {
  const text = '# a\r[a]\nk = v\r\n\r[b]\rx = 1'
  const doc = IniDocument.parse(text, 'x')
  assert.equal([doc.get('a', 'k'), doc.get('b', 'x')], ['v', '1'])
  assert.is(doc.toString(), text)
  doc.set('a', 'n', '2')
  doc.set('c', 'y', '3')
  assert.is(doc.toString(), '# a\r[a]\nk = v\r\nn = 2\r\r[b]\rx = 1\r\r[c]\ry = 3\r')
})

/** `sections` small sections, as a big ~/.aws/config has: about 100 bytes each */
const manySections = (sections: number) =>
  Array.from({length: sections}, (_, i) => `[profile team-${i}]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Team${i}\n\n`).join('')

/** How long `run` takes, in milliseconds. */
function timed(run: () => void): number {
  const started = performance.now()
  run()
  return performance.now() - started
}

/**
 * `big` takes less than `limit` times as long as `small`: what a linear parser does at once; a
 * quadratic one does not in any try, however quiet the machine. As robust to a loaded machine
 * as a timing can be: no absolute time, the fastest of several runs of each (a pause of the
 * machine only ever makes a run slower), `small` timed again just before each try of `big`
 * (so a busy stretch hits both). `small` is cheap and runs five times a try; `big` runs once a
 * try, and only until the ratio is under the limit (up to five tries), since it is the cost.
 */
function assertScalesBelow(limit: number, small: () => void, big: () => void, what: string): void {
  let [bestSmall, bestBig] = [Infinity, Infinity]
  const ratios: number[] = []
  for (let attempt = 0; attempt < 5; attempt++) {
    for (let i = 0; i < 5; i++) bestSmall = Math.min(bestSmall, timed(small))
    bestBig = Math.min(bestBig, timed(big))
    // below a tenth of a millisecond the timer's resolution, not the work, sets the figure
    ratios.push(bestBig / Math.max(bestSmall, 0.1))
    if (ratios.at(-1)! < limit) return
  }
  assert.unreachable(`${what}: ${ratios.map((r) => r.toFixed(1)).join(', ')} times as long, not under ${limit}`)
}

test('parsing a file and reading each of its sections takes time in proportion to its size (20× the sections: well under the 400× of a quadratic parser)', () => {
  const readAll = (text: string) => () => {
    const doc = IniDocument.parse(text, 'config')
    for (const section of doc.sections()) if (!doc.hasSection(section) || doc.get(section, 'region') !== 'eu-west-1') throw new Error(section)
    doc.set('profile team-7', 'output', 'json')
    doc.toString()
  }
  // about 200 KB and 4 MB: 20× apart, so a loaded machine's noise (ratios up to ~75 seen at 10×
  // with a 100 KB file timed in about a millisecond) stays far from the quadratic 400×
  assertScalesBelow(100, readAll(manySections(2_000)), readAll(manySections(40_000)), '40 000 sections against 2 000')
})

test('a long run of spaces inside a line costs no backtracking, whether the line is a key or is refused', () => {
  const spaces = ' '.repeat(200_000)
  assert.is(IniDocument.parse(`[a]\nk${spaces}x = v\n`, 'config').get('a', `k${spaces}x`), 'v')
  assert.throws(
    () => IniDocument.parse(`[a]\nk${spaces}x\n`, 'config'),
    (e: unknown) => e instanceof CloktaError && /line 2 is not `key = value`/.test(e.message),
  )
  // against a line as long whose middle has nothing to backtrack over: a regex that backtracks
  // through the spaces takes minutes (quadratic in 200 000), not a few times as long
  const parseBoth = (middle: string) => () => {
    IniDocument.parse(`[a]\nk${middle}x = v\n`, 'config').get('a', `k${middle}x`)
    try {
      IniDocument.parse(`[a]\nk${middle}x\n`, 'config').get('a', 'k')
    } catch {
      // refused, as it should be
    }
  }
  assertScalesBelow(20, parseBoth('y'.repeat(200_000)), parseBoth(spaces), 'spaces against letters')
})

test('a line or paragraph separator (U+2028, U+2029) inside a key line is part of it, as configparser reads it', () => {
  const doc = IniDocument.parse('[a]\nnote = one\u2028two\n[b\u2029c]\nk = v\n', 'config')
  assert.is(doc.get('a', 'note'), 'one\u2028two')
  assert.is(doc.get('b\u2029c', 'k'), 'v')
})

test.run()
