import {cloktaCfgPath, parseCloktaCfg, type CloktaCfg} from '../../config/clokta-cfg.js'
import {isCloktaError, messageOf} from '../../errors.js'
import {readTextIfExists} from '../../io/atomic-file.js'
import {displayPath} from '../../io/paths.js'

/** Enough for any file a person wrote; past it, the rest is reported as one more problem. */
const MAX_PROBLEMS = 20

export interface LenientCfg {
  found: boolean
  /** what parses once the lines that do not are left out: doctor still checks the profiles a broken file names */
  cfg?: CloktaCfg
  /** each line that does not parse, as "line 3 is not ..." (a login stops at the first) */
  problems: string[]
}

/** The message without the file's name in front, which the subject already gives. */
export function withoutFile(message: string, file: string): string {
  return message.startsWith(file) ? message.slice(file.length).replace(/^:?\s*/, '') : message
}

/**
 * clokta.cfg as a login reads it, but going on past a line that does not parse (blanked,
 * so that the next problem keeps its line number) to name every such line. The line is
 * taken from IniDocument's message, "<file> line <n> ...".
 */
export async function readCfgLeniently(path = cloktaCfgPath()): Promise<LenientCfg> {
  const file = displayPath(path)
  let text: string | undefined
  try {
    text = await readTextIfExists(path)
  } catch (error) {
    return {found: true, problems: [withoutFile(messageOf(error), file)]}
  }
  if (text === undefined) return {found: false, problems: []}
  const lines = text.split(/\r\n|\n|\r/)
  const problems: string[] = []
  while (problems.length < MAX_PROBLEMS) {
    try {
      return {found: true, cfg: parseCloktaCfg(lines.join('\n'), path), problems}
    } catch (error) {
      const problem = withoutFile(messageOf(error), file)
      const line = /^line (\d+) /.exec(problem)
      problems.push(problem)
      if (!isCloktaError(error) || !line) return {found: true, problems}
      lines[Number(line[1]) - 1] = ''
    }
  }
  return {found: true, problems: [...problems, `and more lines past these ${MAX_PROBLEMS}`]}
}
