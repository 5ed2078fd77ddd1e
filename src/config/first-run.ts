import type {Prompter} from '../io/prompter.js'
import {displayPath} from '../io/paths.js'
import {checkAppUrl, parseAppUrl} from './app-url.js'
import {DEFAULT_SECTION, type CfgChange, type CloktaCfg} from './clokta-cfg.js'
import type {Resolved} from './resolve-settings.js'
import {cfgKey, settingSpec, type SettingName} from './setting-specs.js'

/**
 * Asks for what a profile needs and nothing else (a second run asks nothing here), and
 * returns the answers as clokta.cfg changes so that they are saved.
 */
export async function askMissingSettings(
  profile: string,
  resolved: Resolved,
  cfg: CloktaCfg,
  prompter: Prompter,
  options: {
    /** factor names to offer for multifactor_preference, the original clokta's four first */
    mfaChoices: string[]
    keychain: {available(): Promise<boolean>; notice(): string}
    /** whether the app's org logs in without password and MFA (an Identity Engine device login): then neither is asked about */
    passwordless?: (appUrl: string) => Promise<boolean>
  },
): Promise<{resolved: Resolved; changes: CfgChange[]}> {
  const values = {...resolved.values}
  const sources = {...resolved.sources}
  const origins = {...resolved.origins}
  const changes: CfgChange[] = []
  const answered = (name: SettingName, value: string) => {
    const spec = settingSpec(name)
    values[name] = value
    sources[name] = 'your answer at the prompt'
    origins[name] = 'prompt'
    changes.push({section: spec.saveTo === 'default' ? DEFAULT_SECTION : profile, key: cfgKey(name), value})
  }
  const provide = (name: SettingName) => `set ${settingSpec(name).env[0]} in the environment or in ${displayPath(cfg.path)}`

  if (!values.appUrl) {
    if (prompter.interactive) {
      prompter.say(`Profile "${profile}" is new. Paste the link of the AWS app from your Okta dashboard (right-click the app, copy link).`)
    }
    const raw = await prompter.input({message: 'Okta App URL', subject: 'the Okta app URL', provide: provide('appUrl'), validate: checkAppUrl})
    answered('appUrl', parseAppUrl(raw, 'the prompt').href)
  }
  if (!values.username) {
    const username = await prompter.input({
      message: 'Okta username',
      subject: 'the Okta username',
      provide: provide('username'),
      validate: (v) => v.trim() !== '' || 'The username cannot be empty.',
    })
    answered('username', username)
  }
  const wouldAsk = prompter.interactive && (!values.mfaPreference || (values.savePassword === undefined && values.password === undefined))
  if (wouldAsk && values.appUrl && (await options.passwordless?.(values.appUrl))) return {resolved: {values, sources, origins}, changes}
  // Without a terminal the factor is chosen from what is enrolled (or named by --mfa).
  if (!values.mfaPreference && prompter.interactive) {
    const choice = await prompter.select({
      message: 'Preferred MFA',
      subject: 'the preferred MFA factor',
      provide: `${provide('mfaPreference')}, or pass --mfa`,
      choices: options.mfaChoices.map((name) => ({name, message: name})),
    })
    answered('mfaPreference', choice)
  }
  // Asked once; without a keychain the answer is recorded as False so the notice is not repeated.
  if (values.savePassword === undefined && values.password === undefined && prompter.interactive) {
    if (await options.keychain.available()) {
      const keep = await prompter.confirm({
        message: 'Remember your Okta password in the OS keychain?',
        subject: 'whether to remember the password',
        provide: 'set save_password_in_keychain',
        initial: true,
      })
      answered('savePassword', keep ? 'True' : 'False')
    } else {
      prompter.say(`${options.keychain.notice()} (Set save_password_in_keychain = True once one is.)`)
      answered('savePassword', 'False')
    }
  }
  return {resolved: {values, sources, origins}, changes}
}
