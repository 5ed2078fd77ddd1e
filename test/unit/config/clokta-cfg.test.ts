import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {homedir, tmpdir} from 'node:os'
import {join} from 'node:path'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {loadCloktaCfg, parseCloktaCfg, saveCloktaCfg} from '../../../src/config/clokta-cfg.js'
import {escapePercent, interpolate} from '../../../src/config/interpolation.js'

// Every expectation below is what Python 3.11's configparser.ConfigParser().get() returns
// (or raises) for the same text.
const chain = (prefix: string, n: number, last: string) =>
  Array.from({length: n}, (_, i) => `${prefix}${i + 1} = ${i + 1 < n ? `%(${prefix}${i + 2})s` : last}`).join('\n')
const text = `[DEFAULT]
okta_username = jdoe
app = 0oa1
base = https://example.okta.com/home/amazon_aws/%(app)s
pct = 100%%
bad = 5%x
open = %(okta_username
missing = %(nope)s
self = %(self)s
UPPER = Value
${chain('l', 11, 'end%%')}
${chain('m', 10, 'end%%')}
nested_bad = x%(bad)s
caseref = %(OKTA_USERNAME)s and %(upper)s
spaced = %( app )s
empty = %()s
nos = %(app)d
trail = 50%

[website]
app = 0oa2
okta_aws_app_url = %(base)s/272
user = %(okta_username)s@example.com
multi = a
  %(app)s
`
const cfg = parseCloktaCfg(text, join(homedir(), '.clokta', 'clokta.cfg'))

test('%% is %, %(key)s expands from the section then [DEFAULT], case-insensitively, on continuation lines too', () => {
  assert.is(cfg.get('DEFAULT', 'pct'), '100%')
  assert.is(cfg.get('website', 'okta_aws_app_url'), 'https://example.okta.com/home/amazon_aws/0oa2/272')
  assert.is(cfg.get('website', 'user'), 'jdoe@example.com')
  assert.is(cfg.get('DEFAULT', 'caseref'), 'jdoe and Value')
  assert.is(cfg.get('website', 'multi'), 'a\n0oa2')
})

test('a [DEFAULT] value looks up its references in the section that inherits it', () => {
  assert.is(cfg.get('DEFAULT', 'base'), 'https://example.okta.com/home/amazon_aws/0oa1')
  assert.is(cfg.get('website', 'base'), 'https://example.okta.com/home/amazon_aws/0oa2')
  assert.is(cfg.inherited('website', 'base'), 'https://example.okta.com/home/amazon_aws/0oa2')
  assert.is(cfg.own('website', 'base'), undefined)
  assert.is(cfg.get('nosuch', 'base'), 'https://example.okta.com/home/amazon_aws/0oa1')
  assert.ok(cfg.has('website', 'app'))
  assert.not.ok(cfg.has('website', 'okta_username'))
})

test('references nest ten levels deep, as configparser allows, and no deeper', () => {
  assert.is(cfg.get('DEFAULT', 'm1'), 'end%')
  assert.throws(
    () => cfg.get('DEFAULT', 'l1'),
    /^~\/\.clokta\/clokta\.cfg: l1 in \[DEFAULT\] refers to other keys more than 10 levels deep; does a key refer to itself\?$/,
  )
  assert.throws(() => cfg.get('website', 'self'), /self in \[DEFAULT\] \(as \[website\] inherits it\) refers to other keys more than 10 levels deep/)
})

test('a bad % is one clear error naming the file, section and key, never the value', () => {
  const cases: [string, RegExp][] = [
    ['bad', /^~\/\.clokta\/clokta\.cfg: bad in \[DEFAULT\] has a % that is neither %% nor %\(key\)s\.$/],
    ['trail', /trail in \[DEFAULT\] has a % that is neither/],
    ['open', /open in \[DEFAULT\] has a % that is neither/],
    ['empty', /empty in \[DEFAULT\] has a % that is neither/],
    ['nos', /nos in \[DEFAULT\] has a % that is neither/],
    ['nested_bad', /nested_bad in \[DEFAULT\] has a % that is neither %% nor %\(key\)s \(in the value of bad, which it refers to\)\.$/],
    ['missing', /^~\/\.clokta\/clokta\.cfg: missing in \[DEFAULT\] refers to %\(nope\)s, but \[DEFAULT\] has no key nope\.$/],
    ['spaced', /refers to %\( app \)s, but \[DEFAULT\] has no key  app \./],
  ]
  for (const [key, message] of cases) {
    try {
      cfg.get('DEFAULT', key)
      assert.unreachable(key)
    } catch (error) {
      assert.match((error as Error).message, message, key)
      assert.is((error as {code?: string}).code, 'config')
      assert.match((error as {hint?: string}).hint!, /%% is a literal %/)
    }
  }
  assert.throws(
    () => cfg.get('other', 'missing'),
    /missing in \[DEFAULT\] \(as \[other\] inherits it\) refers to %\(nope\)s, but neither \[other\] nor \[DEFAULT\] has a key nope\./,
  )
})

test('a bad value breaks only a read of it: other keys, sections and entries still read', () => {
  assert.is(cfg.get('website', 'app'), '0oa2')
  assert.equal(Object.keys(cfg.entries('website')), ['app', 'okta_aws_app_url', 'user', 'multi'])
  assert.equal(cfg.sections(), ['DEFAULT', 'website'])
})

test('a value with bytes that are not UTF-8 is an error when read, not before', () => {
  const latin = parseCloktaCfg('[DEFAULT]\n# caf\uDCE9\nokta_username = jos\uDCE9\nother = fine\n', '/x/clokta.cfg')
  assert.is(latin.get('DEFAULT', 'other'), 'fine')
  assert.throws(() => latin.get('DEFAULT', 'okta_username'), /^\/x\/clokta\.cfg: okta_username in \[DEFAULT\] is not UTF-8 text\.$/)
})

test('interpolate and escapePercent: what is written escaped reads back as meant', () => {
  for (const value of ['50%', '%%', '%(okta_username)s', 'a%b%%c', 'plain']) {
    const back = interpolate(escapePercent(value), () => 'NO')
    assert.equal(back, {ok: true, value}, value)
  }
})

test('saving escapes %, keeps every other byte (unknown keys, bad values, non-UTF-8 bytes) and reads back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clokta-cfg-'))
  try {
    const path = join(dir, 'clokta.cfg')
    const before = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.of(0xe9),
      Buffer.from(
        '\n[DEFAULT]\nokta_username = jdoe\nmy_own_key = 5%x\n\n[website]\nokta_aws_app_url = %(base)s\nbase = https://example.okta.com/home/amazon_aws/0oa1/272\n',
      ),
    ])
    writeFileSync(path, before)
    await saveCloktaCfg([{section: 'website', key: 'okta_aws_role_to_assume', value: 'arn:aws:iam::1:role/100%'}], path)
    const after = readFileSync(path)
    const added = 'okta_aws_role_to_assume = arn:aws:iam::1:role/100%%\n'
    assert.equal(after, Buffer.concat([before, Buffer.from(added)]))
    const cfg = await loadCloktaCfg(path)
    assert.is(cfg.get('website', 'okta_aws_role_to_assume'), 'arn:aws:iam::1:role/100%')
    assert.is(cfg.get('website', 'okta_aws_app_url'), 'https://example.okta.com/home/amazon_aws/0oa1/272')
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})

test.run()
