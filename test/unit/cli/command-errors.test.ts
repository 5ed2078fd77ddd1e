import {Config} from '@oclif/core'
import {test} from 'uvu'
import * as assert from 'uvu/assert'

import commandNotFound from '../../../src/cli/command-not-found.js'
import Login from '../../../src/commands/login.js'
import {assertOneLine} from '../../support/one-line-error.js'

// Moved from cli/errors and cli/command-line: what the login command says of flags oclif
// cannot parse, of a mistyped command, and when -v/--verbose add the stack, is the command's
// and the hook's, run here in process with the package's oclif config. The CLI files keep one
// run per class: a flag that does not parse, a mistyped command, -v on a login, --verbose on a failure.
const config = await Config.load(new URL('../../..', import.meta.url).pathname)

/** What a run wrote to stderr and the exit code it set; process.exitCode is put back. */
async function stderrOf(run: () => Promise<unknown>): Promise<{stderr: string; code: number}> {
  // put back as it was, unbound
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const write = process.stderr.write
  const saved = process.exitCode
  let stderr = ''
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write
  try {
    await run()
    return {stderr, code: Number(process.exitCode ?? 0)}
  } finally {
    process.stderr.write = write
    process.exitCode = saved
  }
}

const login = (argv: string[]) => stderrOf(() => Login.run(argv, config))

test('flags oclif cannot parse: a bad value, an unknown flag, a stray word after -p (not a second profile) are one line each and exit 2 (moved from cli/errors)', async () => {
  for (const [argv, pattern] of [
    [['-p', 'website', '--push-timeout', 'abc'], /^clokta: Parsing --push-timeout: Expected an integer but received: abc$/],
    [['-p', 'website', '--nope'], /^clokta: Nonexistent flag: --nope$/],
    [['-p', 'website', 'extra-arg'], /^clokta: Unexpected argument: extra-arg$/],
  ] as const) {
    const r = await login([...argv])
    assert.is(r.code, 2, argv.join(' '))
    assertOneLine(r.stderr, pattern)
  }
})

test('-v and --verbose are --debug; a failure shows the stack with either, and none without (moved from cli/command-line)', async () => {
  let debug: boolean | undefined
  class Parsed extends Login {
    override async run(): Promise<void> {
      debug = (await this.parse(Login)).flags.debug
    }
  }
  for (const flag of ['-v', '--verbose', '--debug']) {
    debug = undefined
    await Parsed.run(['-p', 'website', flag], config)
    assert.is(debug, true, flag)
  }
  await Parsed.run(['-p', 'website'], config)
  assert.is(debug, false)

  // an invalid profile name fails before anything is read or asked
  const plain = await login(['-p', '../../x'])
  assert.is(plain.code, 2)
  assertOneLine(plain.stderr, /^clokta: Invalid profile name/)
  for (const flag of ['-v', '--verbose']) {
    const r = await login(['-p', '../../x', flag])
    assert.is(r.code, 2)
    assert.match(r.stderr, /^clokta: [\s\S]*^\s+at /m, `${flag} shows the stack`)
  }
})

test('a profile name from AWS_PROFILE with control characters is echoed escaped in every line, never raw (moved from cli/odd-answers)', async () => {
  const saved = process.env.AWS_PROFILE
  process.env.AWS_PROFILE = 'dev\x1b[2J\x07'
  let r: {stderr: string; code: number}
  try {
    r = await login([])
  } finally {
    if (saved === undefined) delete process.env.AWS_PROFILE
    else process.env.AWS_PROFILE = saved
  }
  assert.is(r.code, 2, r.stderr)
  assert.equal(r.stderr.trimEnd().split('\n'), [
    "Using profile 'dev\\x1b[2J\\x07' from AWS_PROFILE",
    'clokta: Invalid profile name "dev\\x1b[2J\\x07": use letters, digits, ".", "_" and "-" only (at most 128, not starting with "." or "-", no "..").',
  ])
  // eslint-disable-next-line no-control-regex
  assert.not.match(r.stderr, /[\x00-\x09\x0b-\x1f\x7f]/)
})

test('a mistyped command names the closest one, with the -p hint when it could be a profile name (moved from cli/command-line)', async () => {
  const hook = (id: string, argv: string[] = []) => stderrOf(() => commandNotFound.call({} as never, {id, argv, config, context: {} as never}))
  const r = await hook('lgoin')
  assert.is(r.code, 2)
  assert.is(r.stderr, 'clokta: There is no command "lgoin". Did you mean clokta login?\n  To log in to a profile named lgoin: clokta -p lgoin\n')
  const c = await hook('confgure', ['--list'])
  assert.is(c.code, 2)
  assert.match(c.stderr, /^clokta: There is no command "confgure"\. Did you mean clokta configure\?$/m)
  const website = await hook('website')
  assert.is(website.code, 2)
  assert.is(website.stderr, 'clokta: There is no command "website". To log in to that profile: clokta -p website\n  See: clokta --help\n')
})

test.run()
