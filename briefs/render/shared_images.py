"""WeasyPrint's image cache for one render, backed by the images an engine keeps across renders.

WeasyPrint keeps images for one render only (its cache also keeps failed loads, so a cache
shared as is would hide a refused file from the fetcher the second time, and serve an image
from before the file changed). An engine keeps two kinds across renders, by the **content**
of the file a URL names and the render options: plain SVG drawings, replayed
(`drawings`), and raster images, copied (`rasters`). Every other image, and every failure,
is the render's alone, as before.

Safety: a URL is read through the render's mounts before a kept image is looked for, so a URL
that points outside this workspace is refused by the fetcher as it would have been; a kept
image found is recorded as a dependency of the output, as the fetcher records what it reads.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

from briefs.core.paths import Mounts, RefusedPath
from briefs.render.drawings import share_drawing
from briefs.render.fetcher import MAX_RESOURCE_BYTES, FetchLog
from briefs.render.rasters import SharedRaster, is_raster

MAX_KEPT_IMAGES = 64
MAX_KEPT_BYTES = 96 * 1024 * 1024
"""What an engine keeps at most (image data and recorded drawings): the least recently used
go first, so that a worker's memory stays flat however many photos a workspace has."""
ORIENTATION = re.compile(rb"image-orientation", re.IGNORECASE)
"""WeasyPrint's cache does not tell an image turned by CSS from one that is not: a raster
image is kept only for renders in which no stylesheet, nor the HTML, says this."""
_Key = tuple[str, str, str]


class SharedImages:
    """The images one engine keeps across renders (the least recently used dropped)."""

    def __init__(self) -> None:
        self._kept: OrderedDict[_Key, Any] = OrderedDict()

    def for_render(self, mounts: Mounts, log: FetchLog, html: str,
                   options: dict[str, Any]) -> RenderImages:
        """The image cache to give one WeasyPrint render."""
        return RenderImages(self, _Render(mounts, log, html, repr(sorted(options.items()))))

    def find(self, key: _Key) -> Any:
        kept = self._kept.get(key)
        if kept is not None:
            self._kept.move_to_end(key)
        return kept

    def keep(self, key: _Key, kept: Any) -> None:
        if _weight(kept) > MAX_KEPT_BYTES // 4:  # a huge photo: loaded by each render
            return
        self._kept[key] = kept
        while len(self._kept) > MAX_KEPT_IMAGES or (
                len(self._kept) > 1 and sum(map(_weight, self._kept.values())) > MAX_KEPT_BYTES):
            self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)

    def kept(self) -> list[Any]:
        return list(self._kept.values())


def _weight(kept: Any) -> int:
    """The bytes a kept image holds: a raster's data, or an SVG's recorded drawings."""
    if isinstance(kept, SharedRaster):
        return kept.weight()
    return int(getattr(kept.draw, "weight", lambda: 0)())


class _Render:
    """What identifies one render's images: where its URLs lead, what it read, its options."""

    def __init__(self, mounts: Mounts, log: FetchLog, html: str, options: str) -> None:
        self.mounts, self.log, self.html, self.options = mounts, log, html, options
        self._turns_images: bool | None = None

    def loaded_key(self, url: str) -> _Key | None:
        """The key of the image WeasyPrint just loaded from `url`: the digest of what the
        fetcher served (None if it served none: nothing to keep)."""
        if url.lower().startswith("data:"):
            return "data", hashlib.sha256(url.encode()).hexdigest(), self.options
        digest = self.log.images.get(url)
        return None if digest is None else ("file", digest, self.options)

    def content_key(self, url: str) -> tuple[_Key, Path | None] | None:
        """(the key of what `url` names with these options, the file read or None for a
        `data:` URL), or None when the URL cannot be read here (the fetcher then refuses
        it, and says why)."""
        try:
            path = self.mounts.path(url)
            if path is None:
                return ("data", hashlib.sha256(url.encode()).hexdigest(), self.options), None
            with path.open("rb") as stream:
                body = stream.read(MAX_RESOURCE_BYTES + 1)
        except (RefusedPath, OSError):
            return None
        if len(body) > MAX_RESOURCE_BYTES:
            return None
        return ("file", hashlib.sha256(body).hexdigest(), self.options), path

    def turns_images(self) -> bool:
        """Whether the HTML or a stylesheet read so far mentions `image-orientation` (the
        stylesheets are all read before the first image is looked for)."""
        if self._turns_images is None:
            sources = [path for path in self.log.fetched if path.suffix.lower() == ".css"]
            self._turns_images = bool(ORIENTATION.search(self.html.encode())) or any(
                ORIENTATION.search(_read(path)) for path in sources)
        return self._turns_images


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()  # already read by the fetcher, inside the mounts
    except OSError:
        return b"image-orientation"  # cannot tell: keep nothing


class RenderImages(dict):  # type: ignore[type-arg]
    """WeasyPrint's image cache for one render, backed by an engine's `SharedImages`.

    WeasyPrint asks `url in cache` before loading an image and stores what it loaded (None
    for a failure) with `cache[url] = image`; it also keeps raster data here under its own
    keys.
    """

    def __init__(self, shared: SharedImages, render: _Render) -> None:
        super().__init__()
        self._shared = shared
        self._render = render

    def __contains__(self, url: object) -> bool:
        if super().__contains__(url):
            return True
        if not isinstance(url, str) or not url.lower().startswith(("file:", "data:")):
            return False
        found = self._render.content_key(url)
        kept = self._shared.find(found[0]) if found is not None else None
        if found is not None and kept is None and not self._render.turns_images():
            kept = _kept_between_builds(found[0])
            if kept is not None:
                self._shared.keep(found[0], kept)
        if found is None or kept is None:
            return False
        if isinstance(kept, SharedRaster):
            if self._render.turns_images():
                return False
            kept = kept.copy_for(self, url)
        if found[1] is not None:
            self._render.log.fetched.append(found[1])
        super().__setitem__(url, kept)
        return True

    def __setitem__(self, url: object, image: Any) -> None:
        super().__setitem__(url, image)
        if image is None or not isinstance(url, str) or \
                not url.lower().startswith(("file:", "data:")):
            return
        is_svg = hasattr(image, "_svg")
        if not is_svg and not (is_raster(image) and not self._render.turns_images()):
            return
        key = self._render.loaded_key(url)
        if key is None:
            return
        if is_svg:
            if share_drawing(image, (key[0], key[1])):
                self._shared.keep(key, image)
        else:
            raster = SharedRaster(image, key)
            raster.serve(image)
            self._shared.keep(key, raster)


def _kept_between_builds(key: _Key) -> SharedRaster | None:
    """The photo an earlier build kept under `key` (`kept_rasters`), or None."""
    from briefs.render.kept_rasters import find

    state = find(key)
    return SharedRaster.kept(state, key) if state is not None else None
