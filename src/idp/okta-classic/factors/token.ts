import {verifyHref, type VerifyFactor} from './factor-context.js'
import {submitPasscode} from './passcode.js'

/** Hardware and vendor tokens: the code is read off (or typed by) the device. */
export function verifyToken(label: string, pattern: RegExp, patternHint: string): VerifyFactor {
  return (factor, tx, ctx) => submitPasscode(verifyHref(factor), tx, ctx, {label, pattern, patternHint, fromFlag: ctx.mfaCode})
}
