import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {execFileSync} from 'node:child_process'
import {symlinkSync} from 'node:fs'

import {hasProgram} from '../support/optional-programs.js'
import {baseEnv, BIN, tempHome} from '../support/run-cli.js'

/**
 * Completion as each shell's own machinery runs it: the files `clokta autocomplete` writes
 * (@oclif/plugin-autocomplete's bash and zsh functions with clokta's overlays, and clokta's
 * fish file), loaded as the README says, asked for `clokta -p <TAB>` (profile names, the
 * line routed to login as bin/oclif.cjs routes it) and `clokta login --pro<TAB>` (the plugin's
 * flag names). `clokta` is on PATH, since the scripts run it for the names; the cache lives
 * in the temporary HOME's XDG_CACHE_HOME.
 */
const home = tempHome()
home.write('.clokta/clokta.cfg', '[DEFAULT]\nokta_username = jdoe\n\n[website]\n\n[billing]\n\n[accounts]\n123456789012 = prod\n')
home.write('.aws/config', '[default]\nregion = eu-west-1\n\n[profile chained]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = website\n')
home.write('bin/.keep', '')
symlinkSync(BIN, home.path('bin/clokta'))
const env = baseEnv(home.dir, {PATH: `${home.path('bin')}:${process.env.PATH}`, XDG_CACHE_HOME: home.path('.cache'), TMPDIR: home.dir})
const PROFILES = ['billing', 'chained', 'default', 'website']
const FLAGS = ['--profile', '--profile-template']

const run = (program: string, args: string[]) =>
  execFileSync(program, args, {env, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe']})
/** Candidates per question, each answer ending with a `--` line. */
const answers = (out: string) =>
  out
    .split('--\n')
    .slice(0, -1)
    .map((a) => a.split('\n').filter(Boolean))

// `clokta autocomplete fish` refreshes the plugin's cache (bash, zsh, PowerShell), then the
// hook extends it: one run sets up every shell
const fishSetup = run(process.execPath, [BIN, 'autocomplete', 'fish'])

test('bash: the setup line from `clokta autocomplete script bash`, then the function bash binds to clokta', () => {
  const script = `
    eval "$(clokta autocomplete script bash)"
    fn=$(complete -p clokta | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')
    ask() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); "$fn" clokta "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"; printf '%s\\n' "\${COMPREPLY[@]}" --; }
    ask clokta -p ''
    ask clokta login --pro
    ask clokta -p b
    ask clokta -p website --fo
    ask clokta logout --profile w`
  const [profiles, flags, b, afterFlag, logout] = answers(run('bash', ['--norc', '--noprofile', '-c', script]))
  assert.equal(profiles, PROFILES)
  assert.equal(flags, FLAGS)
  assert.equal(b, ['billing'])
  // the plugin alone finds no command in "-p:website": the overlay routes to login and hands it the command's words
  assert.equal(afterFlag, ['--force'])
  assert.equal(logout, ['website'])
})

test('zsh: the plugin setup file, then a real <TAB> in an interactive zsh (zpty)', () => {
  if (!hasProgram('zsh')) return
  const tab = (line: string) =>
    run('zsh', ['-f', new URL('../support/zsh-complete.zsh', import.meta.url).pathname, home.path('.cache/clokta/autocomplete/zsh_setup'), line])
      .split('\n')
      .filter(Boolean)
  assert.equal(tab('clokta -p ').sort(), PROFILES)
  assert.equal(tab('clokta login --pro').sort(), FLAGS)
})

test('fish: the line `clokta autocomplete fish` prints, then `complete -C`', () => {
  if (!hasProgram('fish')) return
  const enable = fishSetup.split('\n').find((l) => l.includes('~/.config/fish/completions'))
  assert.ok(enable, fishSetup)
  run('fish', ['-c', enable.trim()])
  // fish loads ~/.config/fish/completions/clokta.fish by itself the first time clokta is completed
  const out = run('fish', [
    '-c',
    `complete -C 'clokta -p '; echo -- --; complete -C 'clokta login --pro'; echo -- --; complete -C 'clokta --profile c'; echo -- --`,
  ])
  const [profiles, flags, c] = answers(out).map((a) => a.map((l) => l.split('\t')[0]))
  assert.equal(profiles, PROFILES)
  assert.equal(flags, FLAGS)
  assert.equal(c, ['chained'])
})

test.after(() => home.remove())
test.run()
