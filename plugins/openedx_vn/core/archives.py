"""The .tar.gz archives Studio imports (courses, libraries), written the same way by every app."""

import io
import tarfile


def tar_gz(files):
    """Pack ``{path: bytes}`` into a .tar.gz (paths as given, sorted; regular files, mode 644)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for path, content in sorted(files.items()):
            info = tarfile.TarInfo(path)
            info.size, info.mode = len(content), 0o644
            tar.addfile(info, io.BytesIO(content))
    return out.getvalue()
