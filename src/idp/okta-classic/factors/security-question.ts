import {profileText} from '../types.js'
import {verifyHref, type VerifyFactor} from './factor-context.js'
import {submitPasscode} from './passcode.js'

/** Okta's security question: the answer is a secret, so it is typed masked. */
export const verifySecurityQuestion: VerifyFactor = (factor, tx, ctx) => {
  const question = profileText(factor, 'questionText') ?? profileText(factor, 'question') ?? 'Security question'
  return submitPasscode(verifyHref(factor), tx, ctx, {
    label: 'security question',
    field: 'answer',
    masked: true,
    message: question,
    pattern: /\S/,
    patternHint: 'The answer cannot be empty.',
  })
}
