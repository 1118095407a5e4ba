"""Reference data shipped with openedx-vn (curriculum figures, ...), each file citing its legal source."""

from importlib.resources import files


def data_file(*parts):
    """Return a Traversable for a shipped data file, e.g. ``data_file("curriculum", "levels.yaml")``."""
    return files(__name__).joinpath(*parts)
