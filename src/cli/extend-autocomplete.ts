import type {Hook} from '@oclif/core'

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
 * plugin's. Every other command returns at once, having loaded only this file: oclif runs the
 * hook after every command, a login included.
 */
const hook: Hook<'postrun'> = async function ({Command, config}) {
  if (!WRITERS.has(Command.id)) return
  const {extendCompletionFunctions} = await import('./completion-files.js')
  await extendCompletionFunctions(config)
}

export default hook
