import {execute} from '@oclif/core'

/**
 * The oclif run, bundled with oclif itself (scripts/bundle.mjs) so bin/run.js loads one file
 * and a few chunks instead of @oclif/core's hundred-odd modules.
 */
export async function run(args: string[], dir: string): Promise<void> {
  await execute({dir, args})
}
