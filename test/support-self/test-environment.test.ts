// The environment test/run-files.mjs gives the tests: nothing of the developer's own network setup.
import {test} from 'uvu'
import * as assert from 'uvu/assert'

// read when the file is loaded, before any test (the proxy tests among them) sets its own
const atStart = Object.keys(process.env).filter((name) => /^(https?|all|no)_proxy$/i.test(name))

test("no proxy variable of the developer's reaches the tests (HTTPS_PROXY=... npm test would route the fake servers through it)", () => {
  assert.equal(atStart, [])
})

test.run()
