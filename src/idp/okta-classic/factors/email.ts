import {profileText} from '../types.js'
import {verifyByMessage} from './message-code.js'

export const verifyEmail = verifyByMessage({
  label: 'email',
  aCode: 'An email code',
  sent: (f) => `Code sent by email to ${profileText(f, 'email') ?? 'your address'}.`,
  limit: 'Okta sends at most one email every 5 seconds',
})
