// What `@oclif/core` is inside the ES module bundle (scripts/bundle.mjs): the CommonJS bundle
// dist/cli/oclif.cjs (src/cli/oclif.ts), through package.json's "imports", so the commands
// share the copy bin/run.cjs has already loaded (and put in require.cache) rather than carry
// their own. An import of a name missing here fails the build.
import {createRequire} from 'node:module'

/* eslint-disable @typescript-eslint/no-unsafe-assignment -- a require()d file has no type here */
const core = createRequire(import.meta.url)('#oclif-core')

export const {
  Args,
  Command,
  CommandHelp,
  Config,
  Errors,
  Flags,
  Help,
  HelpBase,
  Interfaces,
  ModuleLoader,
  Parser,
  Performance,
  Plugin,
  execute,
  flush,
  getLogger,
  handle,
  loadHelpClass,
  run,
  settings,
  toConfiguredId,
  toStandardizedId,
  ux,
} = core
