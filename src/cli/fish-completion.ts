/**
 * fish completions, which @oclif/plugin-autocomplete (3.x) does not generate: written from the
 * same command list next to the plugin's bash and zsh functions, with the same additions as
 * completion-overlays.ts (profile names after -p/--profile; a line starting with a flag is
 * `login`, as bin/oclif.cjs runs it).
 */
export interface CompletedFlag {
  name: string
  char?: string
  /** takes a value (oclif's 'option' flags) */
  takesValue: boolean
  summary?: string
}

export interface CompletedCommand {
  /** oclif's id: words joined by ':' */
  id: string
  summary?: string
  flags: CompletedFlag[]
}

/** A fish single-quoted word: only \ and ' are special there. */
const quoted = (text: string) => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`
/** The first line, as the plugin shows it. */
const oneLine = (text: string | undefined, bin: string) => (text ?? '').replaceAll('<%= config.bin %>', bin).split('\n')[0].trim()

export function fishCompletion(bin: string, commands: CompletedCommand[]): string {
  const f = `__${bin.replace(/\W/g, '_')}`
  const lines = [
    `# fish completions for ${bin}, written by \`${bin} autocomplete\`; \`${bin} autocomplete --refresh-cache\` rewrites them.`,
    '',
    `# The command the line runs, as oclif's id: its first words up to the first flag, joined by ":".`,
    `# A line whose first word is a flag runs login (${bin} -p x is ${bin} login -p x).`,
    `function ${f}_command`,
    '    set -l words (commandline -opc)',
    '    set -e words[1]',
    '    set -l first "$words[1]"',
    '    test (count $words) -eq 0; and set first (commandline -ct)',
    '    if string match -q -- \'-*\' "$first"',
    '        contains -- "$first" -h --help --version; or echo login',
    '        return',
    '    end',
    '    set -l id',
    '    for word in $words',
    '        string match -q -- \'-*\' "$word"; and break',
    '        set -a id $word',
    '    end',
    '    string join : $id',
    'end',
    '',
    `function ${f}_command_is`,
    `    set -l id (${f}_command)`,
    '    test "$id" = "$argv[1]"',
    'end',
    '',
    `# The parent's subcommands are offered while nothing but its words has been typed.`,
    `function ${f}_subcommand_of`,
    '    set -l current (commandline -ct)',
    '    not string match -q -- \'-*\' "$current"; or return 1',
    '    set -l words (commandline -opc)',
    '    set -e words[1]',
    '    set -l id (string join : $words)',
    '    test "$id" = "$argv[1]"',
    'end',
    '',
    `function ${f}_profiles`,
    `    for name in (command ${bin} autocomplete profiles 2>/dev/null)`,
    "        printf '%s\\tprofile\\n' $name",
    '    end',
    'end',
    '',
    `complete -c ${bin} -f`,
  ]
  // each word a command line can continue with, after the words before it: a command's own
  // summary, or none for a topic (`autocomplete` of `autocomplete fish`) that is no command
  const words = new Map<string, {parent: string; word: string; summary: string}>()
  for (const command of commands) {
    const parts = command.id.split(':')
    parts.forEach((word, i) => {
      const parent = parts.slice(0, i).join(':')
      const key = `${parent} ${word}`
      const summary = i === parts.length - 1 ? oneLine(command.summary, bin) : ''
      if (!words.get(key)?.summary) words.set(key, {parent, word, summary})
    })
  }
  for (const {parent, word, summary} of words.values()) {
    const description = summary ? ` -d ${quoted(summary)}` : ''
    lines.push(`complete -c ${bin} -n ${quoted(`${f}_subcommand_of ${parent}`)} -a ${quoted(word)}${description}`)
  }
  for (const command of commands) {
    for (const flag of command.flags) {
      const short = flag.char ? ` -s ${flag.char}` : ''
      const value = flag.name === 'profile' ? ` -x -a ${quoted(`(${f}_profiles)`)}` : flag.takesValue ? ' -x' : ''
      const summary = oneLine(flag.summary, bin)
      const description = summary ? ` -d ${quoted(summary)}` : ''
      lines.push(`complete -c ${bin} -n ${quoted(`${f}_command_is ${command.id}`)}${short} -l ${flag.name}${value}${description}`)
    }
  }
  return lines.join('\n') + '\n'
}
