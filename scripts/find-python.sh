#!/usr/bin/env sh
# Print the path of a Python 3.12 interpreter, or explain what to install and exit 1.
# Order: $PYTHON, python3.12 on PATH, a pyenv-installed 3.12.x, python3 if it is 3.12.
is312() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' >/dev/null 2>&1; }

for candidate in "${PYTHON:-}" python3.12; do
    [ -n "$candidate" ] || continue
    path=$(command -v "$candidate" 2>/dev/null) || continue
    if is312 "$path"; then echo "$path"; exit 0; fi
done
# pyenv keeps each version under its root; its shims only answer when that version is selected.
root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
for path in $(ls -d "$root"/versions/3.12.*/bin/python3.12 2>/dev/null | sort -rV); do
    if is312 "$path"; then echo "$path"; exit 0; fi
done
path=$(command -v python3 2>/dev/null) && is312 "$path" && { echo "$path"; exit 0; }

cat >&2 <<'MSG'
No Python 3.12 interpreter was found. Open edX Verawood (Tutor 22) runs on Python 3.12, and so does this suite.
Install one, then run make again:
  - Debian/Ubuntu:  apt-get install python3.12 python3.12-venv   (Ubuntu 24.04, Debian 13)
  - pyenv:          pyenv install 3.12
  - or point to one: make PYTHON=/path/to/python3.12 ...
MSG
exit 1
