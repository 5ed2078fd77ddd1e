// npm run typecheck-and-lint, what npm test runs: the type-check (tsc's diagnostics for
// tsconfig.json's program) and ESLint in one process, on that one TypeScript program.
// Type-aware lint rules ask the type checker about most of the code, so `npm run lint` on its
// own builds and checks the program again, and its project service gives each JavaScript file
// a program of its own: on a fresh clone `npm run typecheck` and `npm run lint` cost ~13 s and
// ~46 s CPU, this ~29 s. Any type error, or any ESLint error or warning, fails the run.
import {mkdirSync} from 'node:fs'
import {dirname, join} from 'node:path'
import process from 'node:process'

import {ESLint} from 'eslint'
import ts from 'typescript'

const root = join(import.meta.dirname, '..')
const cache = process.env.CLOKTA_CHECK_CACHE ?? join(root, 'node_modules/.cache/clokta')
const buildInfo = join(cache, 'tsconfig.tsbuildinfo')

function typecheck() {
  const reportConfig = (d) => {
    throw new Error(ts.formatDiagnostics([d], formatHost))
  }
  const formatHost = {getCanonicalFileName: (f) => String(f), getCurrentDirectory: () => root, getNewLine: () => '\n'}
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {noEmit: true, incremental: true, tsBuildInfoFile: buildInfo},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: reportConfig,
    },
  )
  // the build info keeps what an earlier run found, so unchanged files are not checked again
  const builder = ts.createIncrementalProgram({rootNames: config.fileNames, options: config.options, configFileParsingDiagnostics: config.errors})
  const diagnostics = ts.sortAndDeduplicateDiagnostics([
    ...builder.getConfigFileParsingDiagnostics(),
    ...builder.getOptionsDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getSemanticDiagnostics(),
  ])
  mkdirSync(dirname(buildInfo), {recursive: true})
  builder.emit()
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics
  if (diagnostics.length) process.stdout.write(format(diagnostics, formatHost))
  return {program: builder.getProgram(), errors: diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length}
}

/**
 * The JavaScript files (tools and scripts) in one program of their own, with tsconfig.json's
 * options: the project service would give each its own, built and checked again per file.
 *
 * @param {import('typescript').CompilerOptions} options
 */
function javascriptProgram(options) {
  const files = ts.sys.readDirectory(root, ['.js', '.cjs', '.mjs'], ['node_modules', 'dist'], ['eslint.config.js', 'bin/*', 'test/*', 'scripts/*'])
  return ts.createProgram({rootNames: files, options: {...options, allowJs: true, checkJs: false, incremental: false, tsBuildInfoFile: undefined}})
}

const {program, errors} = typecheck()
const programs = [program, javascriptProgram(program.getCompilerOptions())]
const eslint = new ESLint({
  cwd: root,
  cache: true,
  cacheStrategy: 'content',
  cacheLocation: join(cache, 'eslint-with-program'),
  // The files are linted with these programs, tsconfig.json's the one just checked, instead of eslint.config.js's project
  // service. The cache keys its results on the configuration as JSON, which a program is not: they stand there as a name.
  overrideConfig: [{languageOptions: {parserOptions: {projectService: false, programs: Object.assign(programs, {toJSON: () => 'tsconfig.json'})}}}],
})
const results = await eslint.lintFiles(['.'])
const formatter = await eslint.loadFormatter('stylish')
const output = await formatter.format(results)
if (output) process.stdout.write(output)
const findings = results.reduce((n, r) => n + r.errorCount + r.warningCount + r.fatalErrorCount, 0)
process.exitCode = errors || findings ? 1 : 0
