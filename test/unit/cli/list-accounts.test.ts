import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {accountNumberLines} from '../../../src/cli/list-accounts.js'
import {CloktaCfg} from '../../../src/config/clokta-cfg.js'
import {IniDocument} from '../../../src/config/ini-document.js'

const lines = (text: string) => accountNumberLines(new CloktaCfg('clokta.cfg', IniDocument.parse(text, 'clokta.cfg')))

test('a line per section with a non-empty aws_account_number, in file order', () => {
  assert.equal(lines('[b]\naws_account_number = 2\n[a]\nokta_aws_app_url = x\n[c]\naws_account_number = 3\n[d]\naws_account_number =\n'), [
    'b = 2',
    'c = 3',
  ])
  assert.equal(lines(''), [])
})

test("[DEFAULT]'s number is inherited, as configparser does; [DEFAULT] and [accounts] are no profiles", () => {
  assert.equal(lines('[DEFAULT]\naws_account_number = 9\n[a]\n[b]\naws_account_number = 2\n[accounts]\n2 = prod\n'), ['a = 9', 'b = 2'])
})

test('values are read as configparser reads them: %% is %, %(key)s expands', () => {
  assert.equal(lines('[DEFAULT]\nprefix = 1234\n[a]\naws_account_number = %(prefix)s5678\n'), ['a = 12345678'])
})

test.run()
