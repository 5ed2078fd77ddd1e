import {phoneOf, verifyByMessage} from './message-code.js'

export const verifyVoiceCall = verifyByMessage({label: 'voice call', sent: (f) => `Calling ${phoneOf(f)} with the code.`})
