"""Shared pieces every openedx-vn app uses: settings accessor, platform adapter, permissions, layout."""
