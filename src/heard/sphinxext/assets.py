"""Send each page only the stylesheets and scripts it uses.

Extensions add their assets to every page. sphinx-design's CSS alone is about 55 KB, and
most Heard pages use none of it; code highlighting CSS is only needed where there is code.
Dropping what a page does not use keeps a learner page well under 120 KB.
"""

from __future__ import annotations

# asset file name -> a marker in the page body that shows the page needs it
OPTIONAL_ASSETS = {
    "sphinx-design.min.css": ("sd-",),
    "design-tabs.js": ("sd-tab",),
    "pygments.css": ('class="highlight',),
    "nbsphinx-code-cells.css": ("nbinput", "nboutput"),
    "nbsphinx-gallery.css": ("nbsphinx-gallery",),
    # Furo's styles for other extensions' components (sphinx-design among them)
    "furo-extensions.css": ("sd-", "nbinput", "nboutput", "nbsphinx"),
}


def _name(asset) -> str:
    return str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1].split("?", 1)[0]


def _needed(asset, body: str) -> bool:
    markers = OPTIONAL_ASSETS.get(_name(asset))
    return markers is None or any(marker in body for marker in markers)


def prune_assets(app, pagename, templatename, context, doctree) -> None:
    if doctree is None or pagename == "search":
        return  # generated pages without a body keep everything
    body = context.get("body", "")
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if _needed(asset, body)]
