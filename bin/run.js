#!/usr/bin/env node
// The oclif run without bin/run.cjs's fast path: what test/cli/fast-login.test.ts compares
// the fast path's output with.
import {createRequire} from 'node:module'

/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- a require()d file has no type here */
const oclif = createRequire(import.meta.url)('./oclif.cjs')
await oclif.runOclif(process.argv.slice(2))
