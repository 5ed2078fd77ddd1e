import {phoneOf, verifyByMessage} from './message-code.js'

export const verifyVoiceCall = verifyByMessage({
  label: 'voice call',
  aCode: 'A voice call code',
  sent: (f) => `Calling ${phoneOf(f)} with the code.`,
  limit: 'Okta makes at most one call every 30 seconds',
})
