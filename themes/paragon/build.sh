#!/usr/bin/env bash
# Build the openedx-vn Paragon theme with Paragon's own token tooling (npm @openedx/paragon):
#   tokens/src (our brand tokens only) --paragon build-tokens--> build/ (CSS variables)
#   build/ --paragon build-scss--> ../../plugins/openedx_vn/core/static/openedx_vn/theme/{core,light}[.min].css
# The MFEs load these as brand overrides on top of Paragon's own theme (PARAGON_THEME_URLS, ADR 0018).
# Run from themes/:  npm ci && npm run build
set -euo pipefail
cd "$(dirname "$0")"
OUT=../../plugins/openedx_vn/core/static/openedx_vn/theme
rm -rf build && mkdir -p "$OUT"
npx paragon build-tokens --source tokens/src --build-dir build --themes light
# Fonts: Be Vietnam Pro from core's static files (fonts/ beside theme/), after the imports of the tokens.
cat build/core/index.css fonts.css > build/core/with-fonts.css
mv build/core/with-fonts.css build/core/index.css
mkdir -p build/dist
npx paragon build-scss --corePath build/core/index.css --themesPath build/themes --outDir build/dist \
  --defaultThemeVariants light
cp build/dist/core.min.css build/dist/light.min.css "$OUT"/
cp ../../plugins/openedx_vn/core/static/openedx_vn/img/logo.svg "$OUT"/logo.svg
cp ../../plugins/openedx_vn/core/static/openedx_vn/img/favicon.svg "$OUT"/favicon.svg
echo "built: $(ls "$OUT")"
