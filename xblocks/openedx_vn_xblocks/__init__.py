"""XBlocks of openedx-vn. Each block lives in its own sub-package with templates, static and translations."""
