import {execFileSync} from 'node:child_process'
import {lstatSync, readdirSync, readFileSync, readlinkSync, statSync} from 'node:fs'

import {test} from 'uvu'
import * as assert from 'uvu/assert'

import {cfgFor, withFlow} from '../../support/flow.js'

// Moved from cli/artefacts: which bytes of ~/.aws/credentials a login keeps, through a symlink,
// and where AWS_SHARED_CREDENTIALS_FILE sends it; cli/artefacts keeps the artefacts' wiring.
const pushOnly = {factors: [{type: 'push' as const, provider: 'OKTA'}]}
const PASSWORD = {okta_password: 'correct horse'}

test('~/.aws/credentials through a symlink: other profiles, comments, blank lines and CRLF kept byte for byte, upper-case keys replaced, the link kept; AWS_SHARED_CREDENTIALS_FILE honoured, ~ and all (moved from cli/artefacts)', async () => {
  await withFlow(
    pushOnly,
    async (f) => {
      f.home.write('.clokta/clokta.cfg', cfgFor(f.fake))
      const before = [
        '# personal keys: do not touch',
        '[default]',
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        '',
        ';; written by the Python clokta',
        '[website]',
        'AWS_ACCESS_KEY_ID = ASIAOLDOLDOLD',
        'AWS_SECRET_ACCESS_KEY = oldsecret',
        'AWS_SESSION_TOKEN = oldtoken',
        'region = us-west-2',
        '',
        '   ',
        '[other]',
        'aws_access_key_id = AKIAOTHER',
        '',
      ].join('\r\n')
      f.home.write('dotfiles/aws-credentials', before, 0o644)
      f.home.write('.aws/.keep', '')
      execFileSync('ln', ['-s', '../dotfiles/aws-credentials', f.home.path('.aws/credentials')])
      await f.login(['website'], {}, PASSWORD)
      const issued = f.fake.issued.at(-1)!
      const after = before
        .replace('AWS_ACCESS_KEY_ID = ASIAOLDOLDOLD', `aws_access_key_id = ${issued.accessKeyId}`)
        .replace('AWS_SECRET_ACCESS_KEY = oldsecret', `aws_secret_access_key = ${issued.secretAccessKey}`)
        .replace(
          'AWS_SESSION_TOKEN = oldtoken\r\nregion = us-west-2',
          `aws_session_token = ${issued.sessionToken}\r\nregion = us-west-2\r\nx_security_token_expires = ${issued.expiration}`,
        )
      const read = (p: string) => readFileSync(f.home.path(p), 'utf8')
      assert.ok(lstatSync(f.home.path('.aws/credentials')).isSymbolicLink())
      assert.is(readlinkSync(f.home.path('.aws/credentials')), '../dotfiles/aws-credentials')
      assert.is(read('dotfiles/aws-credentials'), after)
      assert.is(statSync(f.home.path('dotfiles/aws-credentials')).mode & 0o777, 0o600, 'credentials narrowed to 0600')
      assert.equal(readdirSync(f.home.path('dotfiles')), ['aws-credentials'], 'no temporary file left behind')

      // a leading ~ is $HOME, as botocore reads it
      await f.login(['website'], {}, {...PASSWORD, AWS_SHARED_CREDENTIALS_FILE: '~/elsewhere/creds'})
      assert.match(read('elsewhere/creds'), new RegExp(`aws_access_key_id = ${f.fake.issued.at(-1)!.accessKeyId}`))
      assert.is(read('dotfiles/aws-credentials'), after)
    },
    {stsServer: true},
  )
})

test.run()
