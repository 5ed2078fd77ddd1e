/**
 * What clokta adds to the completion functions @oclif/plugin-autocomplete generates. The
 * plugin (3.x) completes commands and flag names but no flag values (zsh offers files), so
 * each overlay wraps the generated function rather than rewriting it:
 *  - after -p/--profile it offers the profile names `clokta autocomplete profiles` prints,
 *    asked on each <TAB> so a profile added a minute ago is there;
 *  - a line whose first word is a flag completes as `login`, as bin/oclif.cjs runs `clokta -p x`
 *    as `clokta login -p x`;
 *  - everything else goes to the generated function.
 * Each starts with MARKER, so a file already extended is left alone.
 */
export const MARKER = '# clokta: profile names after -p/--profile'

/** bash: appended to the generated file; it rebinds the command to a wrapper of _<bin>_autocomplete. */
export function bashOverlay(bin: string): string {
  return `
${MARKER}, and \`${bin} -p x\` completed as \`${bin} login -p x\`
_${bin}_complete()
{
  local -a words=("\${COMP_WORDS[@]}")
  local cword=$COMP_CWORD i
  if (( \${#words[@]} > 1 )); then
    case "\${words[1]}" in
      -h|--help|--version) ;;
      -*) words=("\${words[0]}" login "\${words[@]:1}"); ((cword++)) ;;
    esac
  fi
  local cur="\${words[cword]}"
  case "\${words[cword-1]}" in
    -p|--profile)
      local IFS=$'\\n'
      COMPREPLY=($(compgen -W "$(command ${bin} autocomplete profiles 2>/dev/null)" -- "$cur"))
      return 0
      ;;
  esac
  if [[ "$cur" == -* ]]; then
    # the generated function looks for the command in all the words before the one completed:
    # hand it the command's words alone, so flags complete after other flags too
    for ((i = 1; i < cword; i++)); do [[ "\${words[i]}" == -* ]] && break; done
    words=("\${words[@]:0:i}" "$cur")
    cword=$i
  fi
  local -a COMP_WORDS=("\${words[@]}")
  local COMP_CWORD=$cword
  _${bin}_autocomplete
}

complete -F _${bin}_complete ${bin}
`
}

/**
 * zsh: the generated file is an autoloaded function body that defines _<bin> and ends by
 * calling it; the overlay keeps that definition as _<bin>_generated and takes its place.
 */
export function withZshOverlay(script: string, bin: string): string {
  if (script.includes(MARKER)) return script
  const call = `\n_${bin}\n`
  if (!script.endsWith(call)) throw new Error(`the generated zsh completion for ${bin} does not end by calling _${bin}`)
  return `${script.slice(0, -call.length)}

${MARKER}, and \`${bin} -p x\` completed as \`${bin} login -p x\`
functions[_${bin}_generated]=$functions[_${bin}]

_${bin}_profiles() {
  local -a names expl
  names=(\${(f)"$(command ${bin} autocomplete profiles 2>/dev/null)"})
  _wanted profiles expl profile compadd -a names
}

_${bin}() {
  if (( CURRENT >= 2 )) && [[ $words[2] == -* && $words[2] != (-h|--help|--version) ]]; then
    words=($words[1] login "\${(@)words[2,-1]}")
    (( CURRENT++ ))
  fi
  if [[ $words[CURRENT-1] == (-p|--profile) ]]; then
    _${bin}_profiles
    return
  fi
  _${bin}_generated "$@"
}

_${bin} "$@"
`
}
