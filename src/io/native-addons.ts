/**
 * The two native addons, loaded with require(): they are CommonJS, and an import() of a
 * CommonJS file first has node scan its source for the names it exports (cjs-module-lexer),
 * which made V8 optimise the scanner's loop on a background thread: about a tenth of a
 * login's CPU (issue 16). Both stay outside the bundle (scripts/bundle.mjs), found in
 * node_modules from wherever this code runs. node:module is asked for only then, so the fast
 * path (src/fast), which reaches the write lock, still loads no module it does not use.
 */
const requireAddon = (id: string): unknown => process.getBuiltinModule('node:module').createRequire(import.meta.url)(id)

export type KeyringModule = typeof import('@napi-rs/keyring')
export type FsNativeModule = typeof import('fs-native-extensions')

/** @napi-rs/keyring, the OS keychain; throws where its binary is missing. */
export const loadKeyring = (): KeyringModule => requireAddon('@napi-rs/keyring') as KeyringModule

/** fs-native-extensions, for the advisory file locks. */
export const loadFsNative = (): FsNativeModule => requireAddon('fs-native-extensions') as FsNativeModule
