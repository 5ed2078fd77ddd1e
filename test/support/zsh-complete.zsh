# usage: zsh -f zsh-complete.zsh <setup file> <line>
# Types <line><TAB> in an interactive zsh under zpty, after sourcing <setup file> (which
# loads the completion system, as a user's ~/.zshrc does), and prints each candidate zsh's
# completion system offered, one a line. Candidates are caught where every completion
# function hands them over (compadd), as zsh-capture-completion does; nothing is inserted.
zmodload zsh/zpty
local rc=${TMPDIR:-/tmp}/zsh-complete-$$.zsh
cat >$rc <<RC
PROMPT= RPROMPT= PS2=
unsetopt zle_bracketed_paste 2>/dev/null
source ${(q)1}
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
bindkey '^I' complete-word
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "\$@"; return; fi
  local -a __hits
  builtin compadd -A __hits "\$@"
  (( \$#__hits )) && print -rl -- "<hit>"\${^__hits}
}
__done() { print -r -- '<end>'; exit }
comppostfuncs=(__done)
print -r -- '<ready>'
RC
zpty z zsh -f -i
zpty -w z "source ${(q)rc}"
local line
while zpty -r z line; do [[ $line == '<ready>'* ]] && break; done
zpty -w -n z "$2"$'\t'
while zpty -r z line; do
  [[ $line == *'<end>'* ]] && break
  [[ $line == *'<hit>'* ]] && print -r -- ${${line#*<hit>}%%$'\r'*}
done
zpty -d z
rm -f $rc
