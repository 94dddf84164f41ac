#!/usr/bin/env bash
# Debian packages the tests need: chromium (the browser that drives VS Code), ripgrep (VS Code search),
# libkrb5-dev + build-essential + python3 (native modules of code-server are compiled locally),
# fonts-noto-cjk (Chinese text in screenshots), curl (the download benchmark's yardstick), openssl (the emulator's
# self-signed certificate for STS over TLS). Installs only what is missing.
set -euo pipefail
PACKAGES=(chromium ripgrep libkrb5-dev build-essential python3 fonts-noto-cjk curl openssl)
missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages already present: ${PACKAGES[*]}"
  exit 0
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo -n); fi
export DEBIAN_FRONTEND=noninteractive
echo "installing: ${missing[*]}"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q -o Dpkg::Use-Pty=0 "${missing[@]}"
