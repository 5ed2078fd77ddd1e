import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {MARKER, withZshOverlay} from '../../../src/cli/completion-overlays.js'
import {fishCompletion} from '../../../src/cli/fish-completion.js'

const generated = '#compdef clokta\n\n_clokta() {\n  _arguments -C "1: :->cmds"\n}\n\n_clokta\n'

test('zsh: the overlay takes the place of the final call, once', () => {
  const extended = withZshOverlay(generated, 'clokta')
  assert.ok(extended.startsWith('#compdef clokta\n\n_clokta() {'))
  assert.ok(extended.endsWith('\n_clokta "$@"\n'))
  assert.is(extended.split(MARKER).length, 2)
  assert.is(withZshOverlay(extended, 'clokta'), extended, 'a file already extended is left alone')
})

test('zsh: a generated file of another shape is refused rather than half extended', () => {
  assert.throws(() => withZshOverlay('#compdef clokta\n_clokta() {}\n', 'clokta'), /does not end by calling _clokta/)
})

test('fish: descriptions are single-quoted words; -p/--profile takes profile names, other option flags a value, no files', () => {
  const script = fishCompletion('clokta', [
    {
      id: 'login',
      summary: "Log in; it's <%= config.bin %>\nsecond line",
      flags: [
        {name: 'profile', char: 'p', takesValue: true, summary: 'Profile'},
        {name: 'role', takesValue: true},
        {name: 'force', takesValue: false, summary: 'back\\slash'},
      ],
    },
  ])
  assert.match(script, "-a 'login' -d 'Log in; it\\'s clokta'\n")
  assert.match(script, "-s p -l profile -x -a '(__clokta_profiles)' -d 'Profile'\n")
  assert.match(script, '-l role -x\n')
  assert.match(script, "-l force -d 'back\\\\slash'\n")
  assert.not.match(script, 'second line')
})

test.run()
