import type {Command, Hook, Interfaces} from '@oclif/core'

import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {bashOverlay, MARKER, withZshOverlay} from './completion-overlays.js'
import {fishCompletion, type CompletedCommand} from './fish-completion.js'

/**
 * The commands of @oclif/plugin-autocomplete that (re)write its completion functions:
 * `autocomplete [shell]`, `autocomplete --refresh-cache` and its hidden `autocomplete create`.
 */
const WRITERS = new Set(['autocomplete', 'autocomplete:create'])

/**
 * A postrun hook: once the plugin has written its bash and zsh functions into the cache, add
 * clokta's overlays to them and write the fish completions beside them (the plugin has no fish).
 * Doing it here, rather than shipping scripts of our own, keeps the plugin's setup lines
 * (`clokta autocomplete script bash`) and cache layout, so the README's enable steps are the
 * plugin's. Every other command returns at once.
 */
const hook: Hook<'postrun'> = async function ({Command, config}) {
  if (!WRITERS.has(Command.id)) return
  await extendCompletionFunctions(config)
}

export default hook

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
