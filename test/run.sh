#!/usr/bin/env bash
# The test command (npm test): build, type-check, check formatting and lint, then every
# test under test/, the files in parallel (test/run-files.mjs). `npm test -- keychain`
# runs only the test files whose path matches that pattern.
#
# The keychain tests need a Secret Service on Linux. Unless the caller already runs one
# for us (CLOKTA_TEST_KEYRING set), each test file gets a private D-Bus session with its
# own gnome-keyring whose files live in a temporary directory, so a developer's own keyring
# is never touched and no file sees another's entries. Without those programs the keychain
# tests are skipped with a notice, unless CLOKTA_REQUIRE_KEYRING=1 (CI) makes that an
# error. Tests that use zsh or dash skip those checks with a notice when they are missing
# (test/support/optional-programs.ts), unless CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CLOKTA_TEST_KEYRING:-}" ] && [ "$(uname -s)" = Linux ]; then
  if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null && command -v secret-tool >/dev/null; then
    export CLOKTA_TEST_KEYRING=private
  elif [ "${CLOKTA_REQUIRE_KEYRING:-}" = 1 ]; then
    echo "test/run.sh: dbus-run-session, gnome-keyring-daemon and secret-tool are needed (Debian: gnome-keyring dbus libsecret-tools)" >&2
    exit 1
  else
    echo "test/run.sh: no dbus-run-session/gnome-keyring-daemon/secret-tool here: the keychain tests will be skipped (Debian: gnome-keyring dbus libsecret-tools)" >&2
  fi
fi

npm run build
npm run typecheck
npm run format:check
npm run lint
node test/run-files.mjs "${1:-}"
