#!/usr/bin/env bash
# The test command (npm test): build, type-check, check formatting and lint, then every
# test under test/, the files in parallel (test/run-files.mjs). `npm test -- keychain`
# runs only the test files whose path matches that pattern.
#
# The keychain tests need a Secret Service on Linux. Unless the caller already runs one
# for us (CLOKTA_TEST_KEYRING set), each test process that runs keychain tests gets a private
# D-Bus session with its own gnome-keyring whose files live in a temporary directory, so a
# developer's own keyring is never touched and no process sees another's entries. Without
# those programs the keychain tests are skipped with a notice, unless CLOKTA_REQUIRE_KEYRING=1
# (CI) makes that an error. Tests that use zsh or dash skip those checks with a notice when
# they are missing (test/support/optional-programs.ts), unless CI=true.
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
# The checks read the sources while the tests run the build: most of a CLI test's time is
# spent waiting on its child, so the two share the cores instead of taking turns. Each check's
# output is shown once it is done, and any failure fails the run.
checks=$(mktemp -d)
trap 'rm -rf "$checks"' EXIT
for check in typecheck-and-lint format:check; do
  (status=0 && npm run -s "$check" >"$checks/$check.log" 2>&1 || status=$? && echo "$status" >"$checks/$check.status") &
done
tests=0
node test/run-files.mjs "${1:-}" || tests=$?
wait
failed=0
for check in typecheck-and-lint format:check; do
  if [ "$(cat "$checks/$check.status")" != 0 ]; then
    echo "npm run $check failed:" >&2
    cat "$checks/$check.log" >&2
    failed=1
  fi
done
[ "$failed" = 0 ] && echo "typecheck, format:check and lint: clean"
exit $((tests || failed))
