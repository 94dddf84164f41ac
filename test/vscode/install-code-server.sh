#!/usr/bin/env bash
# Installs code-server (the real VS Code workbench + server) from the npm registry alone: its own postinstall
# would download ripgrep from GitHub, so its steps are replayed here by hand.
# Usage: install-code-server.sh <version> <dest-dir> [node-dir]
#   node-dir: a folder with bin/node and include/node (from `npm install node@24`) for versions that need a newer
#             Node than the machine's; native modules are then built against that Node's headers.
set -euo pipefail
VER="${1:?version}"; DEST="${2:?dest}"; NODE_DIR="${3:-}"
if [ -n "$NODE_DIR" ]; then
  export PATH="$NODE_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE_DIR"
fi
export npm_config_yes=true   # node-pty's install runs `npx node-gyp`; a user config of yes=false would cancel it
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
CS="$DEST/node_modules/code-server"
if [ -f "$DEST/.installed" ]; then echo "code-server $VER already in $CS"; exit 0; fi
t0=$(date +%s)
mkdir -p "$DEST" && cd "$DEST"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
npm install --no-save --ignore-scripts "code-server@$VER" >"$DEST/install.log" 2>&1 || { tail -40 "$DEST/install.log"; exit 1; }
npm rebuild argon2 >>"$DEST/install.log" 2>&1
cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts >>"$DEST/install.log" 2>&1 || { tail -40 "$DEST/install.log"; exit 1; }
if [ -d node_modules/@vscode/ripgrep ]; then
  mkdir -p node_modules/@vscode/ripgrep/bin
  if command -v rg >/dev/null; then cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg; fi
fi
npm rebuild --foreground-scripts >"$DEST/rebuild.log" 2>&1 || { tail -60 "$DEST/rebuild.log"; exit 1; }
if grep -q "symlink_asar" "$CS/postinstall.sh"; then ln -sfn node_modules node_modules.asar; fi
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev >>"$DEST/install.log" 2>&1)
touch "$DEST/.installed"
echo "code-server $VER installed in $(( $(date +%s) - t0 ))s ($(du -sh "$DEST" | cut -f1))"
