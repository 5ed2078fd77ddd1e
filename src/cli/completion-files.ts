import type {Command, Interfaces} from '@oclif/core'

import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {bashOverlay, MARKER, withZshOverlay} from './completion-overlays.js'
import {fishCompletion, type CompletedCommand} from './fish-completion.js'

// What the postrun hook (extend-autocomplete.ts) adds to @oclif/plugin-autocomplete's completion
// functions, loaded only after the commands that write them.

export async function extendCompletionFunctions(config: Interfaces.Config): Promise<void> {
  const functions = join(config.cacheDir, 'autocomplete', 'functions')
  const bash = join(functions, 'bash', `${config.bin}.bash`)
  const bashScript = await readFile(bash, 'utf8')
  if (!bashScript.includes(MARKER)) await writeFile(bash, bashScript + bashOverlay(config.bin))
  const zsh = join(functions, 'zsh', `_${config.bin}`)
  await writeFile(zsh, withZshOverlay(await readFile(zsh, 'utf8'), config.bin))
  await mkdir(join(functions, 'fish'), {recursive: true})
  await writeFile(fishCompletionPath(config), fishCompletion(config.bin, completedCommands(config)))
}

export const fishCompletionPath = (config: Interfaces.Config) => join(config.cacheDir, 'autocomplete', 'functions', 'fish', `${config.bin}.fish`)

/** The visible commands and flags, as the plugin lists them for bash and zsh. */
function completedCommands(config: Interfaces.Config): CompletedCommand[] {
  return config.commands
    .filter((command) => !command.hidden)
    .map((command: Command.Loadable) => ({
      id: command.id,
      summary: command.summary ?? command.description,
      flags: Object.values(command.flags)
        .filter((flag) => !flag.hidden)
        .map((flag) => ({name: flag.name, char: flag.char, takesValue: flag.type === 'option', summary: flag.summary ?? flag.description})),
    }))
}
