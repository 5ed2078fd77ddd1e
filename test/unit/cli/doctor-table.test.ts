import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {doctorSummary, doctorTable, wrap} from '../../../src/cli/doctor-table.js'
import type {Finding} from '../../../src/flow/doctor/findings.js'

const findings: Finding[] = [
  {
    check: 'node',
    subject: 'v20.20.2',
    status: 'warning',
    detail: 'past its end of life (2026-04-30): no security fixes; upgrade to Node 24 or later',
  },
  {check: 'config', subject: '~/.clokta/clokta.cfg', status: 'broken', detail: 'line 3 is not `key = value`, a `[section]` header or a comment.'},
  {
    check: 'profile',
    subject: 'a-very-long-profile-name-that-goes-on-and-on',
    status: 'ok',
    detail: 'https://example.okta.com/home/amazon_aws/0oa1b2c3d4EXAMPLE0h7abcdefghij/272; Classic engine; credentials valid for 1h',
  },
  {check: 'proxy', subject: '(none)', status: 'ok', detail: 'direct'},
]

test('a header, columns that fit 80, details wrapped under themselves, long subjects cut, then the summary', () => {
  const lines = doctorTable(findings)
  assert.equal(lines, [
    'CHECK    SUBJECT                   STATUS   DETAIL',
    'node     v20.20.2                  warning  past its end of life (2026-04-30):',
    '                                            no security fixes; upgrade to Node',
    '                                            24 or later',
    'config   ~/.clokta/clokta.cfg      broken   line 3 is not `key = value`, a',
    '                                            `[section]` header or a comment.',
    'profile  a-very-long-profile-nam…  ok       https://example.okta.com/home/amazon',
    '                                            _aws/0oa1b2c3d4EXAMPLE0h7abcdefghij/',
    '                                            272; Classic engine; credentials',
    '                                            valid for 1h',
    'proxy    (none)                    ok       direct',
    '',
    '2 ok, 1 warning, 1 broken',
  ])
  for (const line of lines) assert.ok(line.length <= 80, line)
  for (const line of doctorTable(findings, {width: 60})) assert.ok(line.length <= 60, line)
})

test('colour only when asked: the status word alone, the columns still aligned', () => {
  assert.not.ok(doctorTable(findings).join('\n').includes('\x1b['))
  const coloured = doctorTable(findings, {colour: true})
  assert.is(coloured[1], 'node     v20.20.2                  \x1b[33mwarning\x1b[0m  past its end of life (2026-04-30):')
  assert.ok(coloured[4].includes('\x1b[31mbroken\x1b[0m   line 3'))
  assert.ok(coloured[6].includes('\x1b[32mok\x1b[0m       https://'))
  assert.is(coloured[0], doctorTable(findings)[0], 'the header is not coloured')
})

test('the summary counts each status; wrap breaks at spaces, and inside a word only when it must', () => {
  assert.is(doctorSummary([]), '0 ok, 0 warnings, 0 broken')
  assert.is(doctorSummary(findings.slice(0, 1).concat(findings.slice(0, 1))), '0 ok, 2 warnings, 0 broken')
  assert.equal(wrap('aa bb cc', 5), ['aa bb', 'cc'])
  assert.equal(wrap('abcdefghijkl x', 5), ['abcde', 'fghij', 'kl x'])
  assert.equal(wrap('', 5), [''])
})

test.run()
