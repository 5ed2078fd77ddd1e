// Stands in for semver inside the bundle (scripts/bundle.mjs). @oclif/core's only use is a
// check, on load, of the Node version against its own package.json's engines, which it reads
// beside its own files: in a bundle that read always fails (and the check is silently
// skipped), so loading semver's 47 modules for it is wasted time. npm checks clokta's
// engines at install.
export function satisfies() {
  return true
}
