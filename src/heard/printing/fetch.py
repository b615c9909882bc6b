"""What a print renderer may load: files inside the build's own folders, and `data:` URLs.

WeasyPrint's default fetcher opens any `file:` URL and any web address, so a raw
`<a rel="attachment" href="file:///etc/hostname">` in a page would put a local file into a
PDF. `ConfinedFetcher` serves only files under the folders it is given (the HTML build and the
print stylesheets) and `data:` URLs; anything else is refused without being opened, and the
refusal is reported through `refused(url, reason)` so the build can name it as a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher


class RefusedURL(ValueError):
    """WeasyPrint skips a resource whose fetch raises this (it is not fatal)."""


def local_path(url: str) -> Path | None:
    """The file a `file:` URL names, resolved (symbolic links and `..` followed), or None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(url2pathname(unquote(parts.path))).resolve()


def refusal(url: str, allowed: Iterable[Path]) -> str | None:
    """Why `url` may not be loaded, or None if it may."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "data":
        return None
    if scheme != "file":
        return "print outputs load nothing from other servers"
    path = local_path(url)
    if path is None:
        return "only files on this computer, inside the build, can be loaded"
    if not any(path.is_relative_to(folder) for folder in allowed):
        return "it is outside the build's output and static folders"
    return None


class ConfinedFetcher(URLFetcher):
    """A WeasyPrint fetcher limited to `allowed` folders and `data:` URLs."""

    def __init__(self, allowed: Iterable[Path], refused: Callable[[str, str], None]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.allowed = [Path(folder).resolve() for folder in allowed]
        self.refused = refused

    def fetch(self, url, headers=None):
        reason = refusal(url, self.allowed)
        if reason is not None:
            self.refused(url, reason)
            raise RefusedURL(f"not loaded: {url}: {reason}")
        return super().fetch(url, headers)
