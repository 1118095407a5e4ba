"""Hatch build hook: the plugin's wheel carries the openedx-vn wheel, built from the checkout it sits in.

So ``pip install ./tutor-plugins/tutor-openedx-vn`` gives a plugin whose ``tutor images build openedx`` needs
no package index for the suite. Editable installs skip it: there ``python -m tutorvn.bundle`` puts the wheel
in the checkout's ``tutorvn/templates/vn-wheels/``.
"""

import importlib.util
import shutil
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _bundle_module(root):
    spec = importlib.util.spec_from_file_location("_vn_bundle", Path(root) / "tutorvn" / "bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CarrySuiteWheel(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel" or version == "editable":
            return
        bundle = _bundle_module(self.root)
        suite = Path(self.root).resolve().parents[1]
        if not (suite / "pyproject.toml").is_file():
            self.app.display_warning("no openedx-vn checkout beside the plugin: its wheel is not carried")
            return
        self._scratch = tempfile.mkdtemp(prefix="vn-suite-wheel-")
        wheel = bundle.build_wheel(suite=suite, dest=self._scratch)
        build_data["force_include"][str(wheel)] = f"tutorvn/templates/vn-wheels/{wheel.name}"

    def finalize(self, version, build_data, artifact_path):
        scratch = getattr(self, "_scratch", None)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
