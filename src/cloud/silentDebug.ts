// Bundled in place of the `debug` package: the SDK's dependencies trace through it only when DEBUG is set, and the
// extension logs every call itself.
function silent(): void {}
silent.enabled = false;

export default function createDebug(): typeof silent {
  return silent;
}
