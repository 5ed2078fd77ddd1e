import {execFileSync} from 'node:child_process'

import {parse as parseDotenv} from 'dotenv'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {CloktaError} from '../../../src/errors.js'
import {dotenvValue, fishQuote, powershellQuote, renderEnvironment} from '../../../src/output/env-formats.js'
import {hasProgram} from '../../support/optional-programs.js'

const AWKWARD = ["it's", '$HOME and `id` and $(id)', 'back\\slash\\', 'a "double" quote', 'two\nlines', 'tab\there', "\\'", "''", '', 'ünï ‘curly’ ✓']
const PLAIN: [string, string][] = [
  ['AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE'],
  ['AWS_SESSION_TOKEN', 'FwoGZXIvYXdzEJr//////////wEaDA+/=='],
  ['AWS_CREDENTIAL_EXPIRATION', '2026-12-05T17:00:00Z'],
]

/** What `shell` holds in X0, X1... after running `script`: one shell per call, values NUL-separated. */
function through(shell: string, script: string, count: number): string[] {
  const print = Array.from({length: count}, (_, i) => `printf '%s\\0' "$X${i}"`).join('\n')
  // stdin closed and no HOME: nothing of the machine's shell set-up runs
  const out = execFileSync(shell, ['-c', `${script}\n${print}`], {env: {PATH: process.env.PATH}, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
  return out.split('\0').slice(0, count)
}
const numbered = AWKWARD.map((v, i): [string, string] => [`X${i}`, v])

test('sh: every awkward value comes back byte for byte in bash, dash and zsh', () => {
  for (const shell of ['bash', ...['dash', 'zsh'].filter(hasProgram)]) {
    assert.equal(through(shell, renderEnvironment('sh', numbered, ['AWS_PROFILE']), AWKWARD.length), AWKWARD, shell)
  }
})

test('fish: backslashes and quotes escaped inside single quotes, every value comes back', () => {
  assert.is(fishQuote("it's"), "'it\\'s'")
  assert.is(fishQuote('a\\b'), "'a\\\\b'")
  assert.is(fishQuote('$x'), "'$x'")
  if (!hasProgram('fish')) return
  assert.equal(through('fish', renderEnvironment('fish', numbered, ['AWS_PROFILE']), AWKWARD.length), AWKWARD)
})

test('powershell: a quote, plain or typographic, is doubled; nothing else is touched', () => {
  assert.is(powershellQuote("it's"), "'it''s'")
  assert.is(powershellQuote('‘curly’'), "'‘‘curly’’'")
  assert.is(powershellQuote('$Env:HOME `n "x" \\'), '\'$Env:HOME `n "x" \\\'')
  assert.is(
    renderEnvironment('powershell', [['X', 'v']], ['AWS_PROFILE']),
    "Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n$Env:X = 'v'\n",
  )
})

test('dotenv: AWS values bare, other printable ones single-quoted and read back by dotenv; a quote or a line break refused', () => {
  for (const [name, value] of PLAIN) assert.is(dotenvValue(name, value), value)
  for (const value of ['$HOME and `id`', 'a "double" quote', 'back\\slash\\', 'has # hash', ' spaced ']) {
    const line = `X=${dotenvValue('X', value)}`
    assert.ok(line.startsWith("X='"), line)
    assert.is(parseDotenv(line).X, value, line)
  }
  for (const value of ["it's", 'two\nlines', 'tab\there']) {
    try {
      dotenvValue('X', value)
      assert.unreachable(value)
    } catch (error) {
      assert.instance(error, CloktaError)
      assert.match((error as Error).message, /^The value of X holds a quote or a control character/)
    }
  }
  assert.equal(parseDotenv(renderEnvironment('dotenv', PLAIN, ['AWS_PROFILE'])), Object.fromEntries(PLAIN))
})

test('the shell formats unset the profile variables first; json is one object of the variables, in order', () => {
  const sh = renderEnvironment('sh', PLAIN, ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'])
  assert.is(sh.split('\n')[0], 'unset AWS_PROFILE AWS_DEFAULT_PROFILE')
  assert.ok(sh.split('\n')[1].startsWith("export AWS_ACCESS_KEY_ID='ASIAEXAMPLE'"))
  const fish = renderEnvironment('fish', PLAIN, ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'])
  assert.equal(fish.split('\n').slice(0, 3), ['set -e -g AWS_PROFILE', 'set -e -g AWS_DEFAULT_PROFILE', "set -gx AWS_ACCESS_KEY_ID 'ASIAEXAMPLE'"])
  const json = renderEnvironment('json', PLAIN, ['AWS_PROFILE'])
  assert.equal(Object.entries(JSON.parse(json) as Record<string, string>), PLAIN)
  assert.ok(json.endsWith('}\n'))
})

test.run()
