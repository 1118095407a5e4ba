# openedx-vn: the MFEs' theme (ADR 0018). Paragon's own theme first, then ours on top ("brandOverride"): the
# brand colours and Be Vietnam Pro, built with Paragon's token tooling and served with the LMS's static files.
# Set after tutor-indigo's and tutor-mfe's common settings (this is the production/development file), so it
# wins over indigo's defaults; VN_MFE_THEME=false leaves the MFEs to indigo.
{%- if VN_MFE_THEME %}
_VN_THEME = "{% if ENABLE_HTTPS %}https{% else %}http{% endif %}://{{ LMS_HOST }}/static/openedx_vn/theme"
MFE_CONFIG["PARAGON_THEME_URLS"] = {
    "core": {
        "urls": {
            "default": "https://cdn.jsdelivr.net/npm/@openedx/paragon@$paragonVersion/dist/core.min.css",
            "brandOverride": _VN_THEME + "/core.min.css",
        },
    },
    "defaults": {"light": "light"},
    "variants": {
        "light": {
            "urls": {
                "default": "https://cdn.jsdelivr.net/npm/@openedx/paragon@$paragonVersion/dist/light.min.css",
                "brandOverride": _VN_THEME + "/light.min.css",
            },
        },
    },
}
MFE_CONFIG["LOGO_URL"] = _VN_THEME + "/logo.svg"
MFE_CONFIG["LOGO_WHITE_URL"] = _VN_THEME + "/logo.svg"
MFE_CONFIG["LOGO_TRADEMARK_URL"] = _VN_THEME + "/logo.svg"
MFE_CONFIG["FAVICON_URL"] = _VN_THEME + "/favicon.svg"
{%- endif %}
