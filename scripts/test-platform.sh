#!/usr/bin/env bash
# The platform lane of `make test`: the suite built as a wheel (as the Tutor plugin ships it) and installed into
# an environment holding what an Open edX image of this era holds (requirements/platform.txt, resolved under
# requirements/platform-pins.txt), then the tests run against that installed wheel.
# Fails when installing the wheel would replace any package the image already holds.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${PLATFORM_VENV:-.venv-platform}
PY=$VENV/bin/python
quiet() { { grep -v "is ignored: it is neither" || true; }; }

if [ ! -x "$PY" ]; then
    python_bin=$(scripts/find-python.sh)
    echo "== creating $VENV with $python_bin"
    "$python_bin" -m venv "$VENV"
fi
stamp=$VENV/.installed
wanted=$(sha256sum requirements/platform.txt | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "== installing the platform's versions (requirements/platform.txt)"
    $PY -m pip install -q --upgrade "pip>=24" 2>&1 | quiet
    $PY -m pip install -q -r requirements/platform.txt 2>&1 | quiet
    echo "$wanted" > "$stamp"
fi

echo "== building the openedx-vn wheel"
dist=var/dist-platform
rm -rf "$dist" && mkdir -p "$dist"
$PY -m pip wheel -q --no-deps -w "$dist" . 2>&1 | quiet
wheel=$(ls "$dist"/openedx_vn-*.whl)

before=$($PY -m pip freeze --exclude-editable | sort)
# With its dependencies and no constraints: the ranges in pyproject.toml alone must keep the image's versions.
$PY -m pip install -q --force-reinstall --no-deps "$wheel" 2>&1 | quiet
$PY -m pip install -q "$wheel" 2>&1 | quiet
after=$($PY -m pip freeze --exclude-editable | sort)
changed=$(comm -13 <(echo "$before") <(echo "$after") | grep -v '^openedx-vn' || true)
if [ -n "$changed" ]; then
    echo "Installing openedx-vn changed packages the Open edX image holds (narrow pyproject.toml):" >&2
    comm -3 <(echo "$before") <(echo "$after") >&2
    exit 1
fi
$PY - <<'PY'
import importlib.metadata as md, pathlib, openedx_vn, openedx_vn_xblocks
for package in (openedx_vn, openedx_vn_xblocks):
    where = pathlib.Path(package.__file__).parent
    assert "site-packages" in str(where), f"{package.__name__} imported from {where}, not from the wheel"
mo = [f for f in md.files("openedx-vn") if str(f).endswith(".mo")]
assert mo, "the wheel ships no compiled translations (.mo)"
print(f"== openedx-vn {md.version('openedx-vn')} from the wheel, {len(mo)} compiled catalogs; "
      f"Django {md.version('django')}, XBlock {md.version('xblock')}, openedx-core {md.version('openedx-core')}, "
      f"lxml {md.version('lxml')}, numpy {md.version('numpy')}, celery {md.version('celery')}")
PY

# The tests import the installed wheel: only config/ (dev host, reference data) and the tests are on the path.
# Not here: the browser tests (pages, not platform versions) and the Tutor rendering (Tutor runs outside the image).
export PATH=$PWD/$VENV/bin:$PATH
PLATFORM_LANE=1 VN_PYTEST_ARGS="--ignore=tests/tutor -p no:cacheprovider" \
    VN_PYTEST_MARK_EXTRA="not browser" scripts/run-tests.sh
