// Bundled in place of the `debug` package: the SDK's dependencies trace through it only when DEBUG is set, and the
// extension logs every call itself. CommonJS-shaped, because httpx calls `require('debug')(name)` directly.
function silent(): void {}
silent.enabled = false;

function createDebug(): typeof silent {
  return silent;
}

export = createDebug;
