"""Build the openedx-vn wheel and put it inside the plugin, so an image build needs no package index for it.

    python -m tutorvn.bundle [SUITE_CHECKOUT]     # default: the checkout this plugin sits in

The wheel lands in ``tutorvn/templates/vn-wheels/``; ``tutor config save`` copies it, byte for byte (it is
marked binary, see plugin.py), to ``env/build/openedx/vn-wheels/``, and the Dockerfile installs it from there.
Building the plugin's own wheel (``pip install ./tutor-plugins/tutor-openedx-vn``) runs the same step through
the hatch build hook in ``hatch_build.py``.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WHEELS_DIR = Path(__file__).resolve().parent / "templates" / "vn-wheels"
WHEEL_GLOB = "openedx_vn-*.whl"
# tutor-plugins/tutor-openedx-vn/tutorvn/bundle.py -> the repository root
DEFAULT_SUITE = Path(__file__).resolve().parents[3]


def bundled_wheel(directory=WHEELS_DIR):
    """The one suite wheel carried in ``directory``, or None when there is none."""
    wheels = sorted(Path(directory).glob(WHEEL_GLOB))
    return wheels[-1] if wheels else None


# What a wheel is never built from: environments, caches, earlier build output, the plugin itself.
_IGNORED = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "venv",
    "build",
    "dist",
    "var",
    "*.egg-info",
    "__pycache__",
    "node_modules",
    ".pytest_cache",
    ".ruff_cache",
    "tutor-plugins",
    "bench",
    ".vn-wheel-*",
)


def _has_build_backend():
    try:
        import setuptools  # noqa: F401, PLC0415
        import wheel  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def build_wheel(suite=DEFAULT_SUITE, dest=WHEELS_DIR):
    """Build the suite's wheel from ``suite`` into ``dest``, replacing any older one; returns its path.

    Built from a copy of the checkout (an in-tree ``build/`` folder may hold modules deleted since), next to
    ``dest`` and moved in with one rename, so a concurrent ``tutor config save`` never copies a half-written
    file. Raises ``RuntimeError`` with pip's output when the build fails.
    """
    suite, dest = Path(suite), Path(dest)
    if not (suite / "pyproject.toml").is_file():
        raise RuntimeError(f"{suite} is not a checkout of openedx-vn (no pyproject.toml)")
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".vn-wheel-") as scratch:
        source = Path(scratch) / "src"
        shutil.copytree(suite, source, ignore=_IGNORED)
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", scratch, str(source)]
        if _has_build_backend():
            command.insert(5, "--no-build-isolation")  # offline when setuptools is already here
        done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
            command,
            capture_output=True,
            text=True,
            check=False,
        )
        built = sorted(Path(scratch).glob(WHEEL_GLOB))
        if done.returncode != 0 or len(built) != 1:
            raise RuntimeError(f"building the openedx-vn wheel failed:\n{done.stdout}\n{done.stderr}")
        target = dest / built[0].name
        os.replace(built[0], target)
    for old in dest.glob(WHEEL_GLOB):
        if old != target:
            old.unlink()
    return target


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    suite = Path(args[0]) if args else DEFAULT_SUITE
    try:
        wheel = build_wheel(suite)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(wheel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
