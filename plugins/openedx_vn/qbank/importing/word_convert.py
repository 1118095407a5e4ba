"""Optional conversions with LibreOffice, where the server has it: old Word 97–2003 .doc files to .docx,
and WMF/EMF pictures (MathType previews) to PNG. Without it the reader says what to do instead."""

import shutil
import subprocess
import tempfile
from pathlib import Path

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Word 97–2003 .doc (and other OLE2 files) starts so
_TIMEOUT = 60


def office():
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(content, suffix, target):
    program = office()
    if program is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"in{suffix}"
        source.write_bytes(content)
        try:
            subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
                [program, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to",
                 target, "--outdir", folder, str(source)],
                check=True, capture_output=True, timeout=_TIMEOUT,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            return None
        out = Path(folder) / f"in.{target}"
        return out.read_bytes() if out.exists() else None


def doc_to_docx(content):
    """The .docx bytes of a .doc file, or None (no LibreOffice, or it failed)."""
    return _convert(content, ".doc", "docx")


def picture_to_png(content, fmt):
    """PNG bytes of a WMF or EMF picture, or None."""
    return _convert(content, f".{fmt.lower()}", "png")
