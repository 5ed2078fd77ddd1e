import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {createLogger, redact} from '../../../src/io/log.js'

test('quiet drops info lines only: warnings, and debug lines when asked for, still go out', () => {
  const lines: string[] = []
  const log = createLogger({debug: true, quiet: true, write: (l) => lines.push(l)})
  log.info('summary')
  log.warn('careful')
  log.debug('detail')
  assert.equal(lines, ['Warning: careful', '[debug] detail'])
})

test('secrets are redacted in every kind of line', () => {
  const lines: string[] = []
  const log = createLogger({debug: false, write: (l) => lines.push(l)})
  log.secret('hunter22')
  log.info('pw hunter22')
  log.warn('pw hunter22')
  assert.equal(lines, ['pw ****', 'Warning: pw ****'])
})

test('a secret is redacted as a server may echo it: percent- or form-encoded, JSON- or XML-escaped', () => {
  const secret = 'p&ss "word" +/='
  const echoes = [secret, encodeURIComponent(secret), 'p%26ss+%22word%22+%2B%2F%3D', JSON.stringify(secret), 'p&amp;ss &quot;word&quot; +/=']
  for (const echo of echoes) assert.not.ok(redact(`got ${echo}.`, [secret]).includes('word'), echo)
})

test('the secrets set the caller hands in is the one filled, so text outside the log can be redacted alike', () => {
  const secrets = new Set<string>()
  const log = createLogger({debug: false, write: () => {}, secrets})
  log.secret('SAMLResponseValue')
  assert.is(redact('STS: SAMLResponseValue is bad', secrets), 'STS: **** is bad')
})

test("the federation endpoint's query: the Session (keys) and the SigninToken are starred even before they are registered", () => {
  const line =
    'GET https://signin.aws.amazon.com/federation?Action=getSigninToken&Session=%7B%22sessionKey%22%3A%22k%22%7D&SessionDuration=3600 → 200'
  assert.is(redact(line), 'GET https://signin.aws.amazon.com/federation?Action=getSigninToken&Session=****&SessionDuration=3600 → 200')
  assert.is(redact('/federation?Action=login&Issuer=clokta&SigninToken=abc_def-1'), '/federation?Action=login&Issuer=clokta&SigninToken=****')
})

test.run()
