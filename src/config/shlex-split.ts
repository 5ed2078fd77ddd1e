/**
 * Python's `shlex.split(s)` (POSIX mode, no comments), which botocore applies to a
 * ~/.aws/config section header to find the profile it names: words split on whitespace,
 * '…' taken literally, "…" with \" and \\ escaped, a backslash outside quotes escaping the
 * next character. Undefined where shlex raises ValueError (an open quote, a final backslash).
 */
export function shlexSplit(text: string): string[] | undefined {
  const words: string[] = []
  let word: string | undefined // undefined between words; '' is a word once quotes opened it
  let quote: '"' | "'" | undefined
  const append = (s: string) => {
    word = (word ?? '') + s
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quote === "'") {
      if (c === "'") quote = undefined
      else append(c)
    } else if (quote === '"') {
      if (c === '"') quote = undefined
      else if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) append(text[++i])
      else if (c === '\\' && i + 1 === text.length) return undefined
      else append(c)
    } else if (/[ \t\r\n]/.test(c)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (c === '"' || c === "'") {
      quote = c
      word ??= ''
    } else if (c === '\\') {
      if (i + 1 === text.length) return undefined
      append(text[++i])
    } else append(c)
  }
  if (quote) return undefined
  if (word !== undefined) words.push(word)
  return words
}
