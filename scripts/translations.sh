#!/usr/bin/env bash
# Extract translatable strings into the Vietnamese catalogs and compile them (needs GNU gettext).
#   scripts/translations.sh extract   update every .po from the code and templates
#   scripts/translations.sh compile   write the .mo files that ship beside each .po
#   ONLY="dir …" scripts/translations.sh extract   only those apps or blocks
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD/config:$PWD" DJANGO_SETTINGS_MODULE=devhost.settings
APPS="plugins/openedx_vn/core plugins/openedx_vn/curriculum plugins/openedx_vn/qbank plugins/openedx_vn/schools plugins/openedx_vn/teaching plugins/openedx_vn/assessment plugins/openedx_vn/audit plugins/openedx_vn/practice plugins/openedx_vn/reporting config/devhost"
XBLOCKS=$(ls -d xblocks/openedx_vn_xblocks/*/ | sed 's:/$::')
if [ -n "${ONLY:-}" ]; then
    APPS=$(for dir in $APPS; do [[ " $ONLY " == *" $dir "* ]] && echo "$dir"; done || true)
    XBLOCKS=$(for dir in $XBLOCKS; do [[ " $ONLY " == *" $dir "* ]] && echo "$dir"; done || true)
fi

extract() {
    for app in $APPS; do
        mkdir -p "$app/locale"
        (cd "$app" && django-admin makemessages -l vi --no-obsolete --no-location -v 0)
    done
    # XBlocks: the LMS reads translations/<lang>/LC_MESSAGES/text.mo beside the block.
    for block in $XBLOCKS; do
        [ -f "$block/block.py" ] || continue
        work=$(mktemp -d)
        cp -r "$block"/*.py "$block/templates" "$work/"
        mkdir -p "$work/locale"
        (cd "$work" && django-admin makemessages -l vi --no-location -v 0)
        target="$block/translations/vi/LC_MESSAGES/text.po"
        mkdir -p "$(dirname "$target")"
        if [ -f "$target" ]; then
            msgmerge -q --no-fuzzy-matching --no-location -U --backup=none "$target" "$work/locale/vi/LC_MESSAGES/django.po"
            msgattrib --no-obsolete -o "$target" "$target"
        else
            cp "$work/locale/vi/LC_MESSAGES/django.po" "$target"
        fi
        rm -rf "$work"
    done
}

compile() {
    for po in $(find plugins config xblocks -name '*.po' -path '*/vi/LC_MESSAGES/*'); do
        msgfmt --check -o "${po%.po}.mo" "$po"
    done
}

"${1:-extract}"
