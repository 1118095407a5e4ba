#!/usr/bin/env bash
# The Debian packages `make test` needs, installed when missing: the MySQL client headers mysqlclient builds
# against, GNU gettext (translations), Chromium (browser tests), poppler-utils (PDF papers read back as text) and
# Caddy (the Tutor plugin's upload-size patch is checked in a real Caddy); Node.js and npm when absent.
# As root it installs them; with password-less sudo it uses sudo; otherwise it prints the one command to run.
# `make test` and CI (through `make test`) both call this script, so CI cannot do anything the README does not.
set -euo pipefail

packages=(default-libmysqlclient-dev pkg-config gettext chromium poppler-utils caddy)
# npm installs axe-core (accessibility checks) and Paragon's token tools into themes/node_modules.
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
    echo "make test needs these packages (Debian names): ${missing[*]}; install them with your package manager." >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    run=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    run=(sudo)
else
    echo "make test needs Debian packages that are not installed. Run once, then make test again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "== installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
