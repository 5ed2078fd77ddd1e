import {spawn} from 'node:child_process'

/** How this computer opens a URL in the user's browser, or why it cannot. */
export type BrowserLauncher = {command: string; args: string[]} | {cannot: string}

/**
 * macOS `open`; Windows through url.dll (cmd's `start` would read the `&` of a query string
 * as a command separator); elsewhere `xdg-open`, which needs a graphical session: without
 * DISPLAY or WAYLAND_DISPLAY (ssh, a container, CI) there is no browser to open.
 */
export function browserLauncher(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): BrowserLauncher {
  if (platform === 'darwin') return {command: 'open', args: [url]}
  if (platform === 'win32') return {command: 'rundll32', args: ['url.dll,FileProtocolHandler', url]}
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return {cannot: 'there is no display (DISPLAY and WAYLAND_DISPLAY are not set)'}
  return {command: 'xdg-open', args: [url]}
}

/**
 * Starts the launcher on its own, its output discarded, and does not wait for it: the
 * browser outlives clokta. Resolves once it has started; rejects with why it could not be.
 */
export function startBrowser(launcher: {command: string; args: string[]}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(launcher.command, launcher.args, {detached: true, stdio: 'ignore', windowsHide: true})
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`${launcher.command} could not be started (${error.code ?? error.message})`)),
    )
    child.once('spawn', () => {
      child.unref()
      resolve()
    })
  })
}
