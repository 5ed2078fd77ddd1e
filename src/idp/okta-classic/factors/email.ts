import {verifyByMessage} from './message-code.js'

export const verifyEmail = verifyByMessage({label: 'email', sent: (f) => `Code sent by email to ${String(f.profile?.email ?? 'your address')}.`})
