/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring letters each cost one, so "lgoin" is one slip away from "login".
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

/**
 * The command a mistyped word most likely meant: the nearest id, when it is within a slip
 * for every three letters of that id (at least one), so short profile names are not taken
 * for commands.
 */
export function closestCommand(typed: string, ids: string[]): string | undefined {
  let best: {id: string; distance: number} | undefined
  for (const id of ids) {
    const distance = editDistance(typed.toLowerCase(), id.toLowerCase())
    if (distance <= Math.max(1, Math.floor(id.length / 3)) && (!best || distance < best.distance)) best = {id, distance}
  }
  return best?.id
}
