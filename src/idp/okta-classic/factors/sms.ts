import {phoneOf, verifyByMessage} from './message-code.js'

export const verifySms = verifyByMessage({label: 'SMS', sent: (f) => `SMS code sent to ${phoneOf(f)}.`})
