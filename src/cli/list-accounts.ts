import {ACCOUNTS_SECTION, DEFAULT_SECTION, loadCloktaCfg, type CloktaCfg} from '../config/clokta-cfg.js'

/**
 * `--list-accounts`, as the original clokta's dump_account_numbers printed it: `<section> =
 * <number>` for each section with a non-empty aws_account_number, in file order, one
 * given in [DEFAULT] inherited as configparser inherits it. [accounts] names accounts
 * rather than being a profile, so it is not one of them.
 */
export function accountNumbers(cfg: CloktaCfg): {profile: string; accountNumber: string}[] {
  const sections = [...new Set(cfg.sections())].filter((s) => s !== DEFAULT_SECTION && s !== ACCOUNTS_SECTION)
  return sections.flatMap((section) => {
    const number = cfg.get(section, 'aws_account_number')?.trim()
    return number ? [{profile: section, accountNumber: number}] : []
  })
}

export function accountNumberLines(cfg: CloktaCfg): string[] {
  return accountNumbers(cfg).map((a) => `${a.profile} = ${a.accountNumber}`)
}

export async function listAccountNumbers(): Promise<string[]> {
  return accountNumberLines(await loadCloktaCfg())
}

/** `--list-accounts --json` */
export async function listAccountsJson(): Promise<string> {
  return JSON.stringify({version: 1, accounts: accountNumbers(await loadCloktaCfg())}, null, 2) + '\n'
}
