import {phoneOf, verifyByMessage} from './message-code.js'

export const verifySms = verifyByMessage({
  label: 'SMS',
  aCode: 'An SMS code',
  sent: (f) => `SMS code sent to ${phoneOf(f)}.`,
  limit: 'Okta sends at most one SMS every 30 seconds',
})
