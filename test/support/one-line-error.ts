import * as assert from 'uvu/assert'

/** A failure as users must meet it: the error line (matching pattern), at most a hint after it, never a stack trace. */
export function assertOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n')
  const errorLine = lines.findIndex((l) => l.startsWith('clokta: '))
  assert.ok(errorLine >= 0, stderr)
  assert.match(lines[errorLine], pattern)
  assert.ok(lines.length - errorLine <= 2, `more than a line and a hint:\n${stderr}`)
  assert.not.match(stderr, /\n\s+at .+:\d+:\d+/, 'stack trace')
}
