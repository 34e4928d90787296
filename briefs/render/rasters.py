"""Photos decoded and encoded once per process: WeasyPrint's raster images kept across renders.

For every render WeasyPrint decodes a JPEG or PNG, encodes it again (the screen profile's
`jpeg_quality` and `optimize_images`), then decodes and resamples it to the profile's dpi for
the size it is drawn at: about 45 ms of each render of the brief and of the flyer, every
locale the same photo. An engine keeps the image as WeasyPrint first made it (found by the
file's content and the render options, see `shared_images`) and gives each later render a
copy of it, whose embedded JPEG for a given size is made once.

The copy is what WeasyPrint would have made: the same attributes, the image's id derived from
the URL it is asked under (the PDF's resource names come from it), a fresh data slot in the
render's own cache. The embedded object is remembered only for a JPEG without transparency
(a DCT stream and a dictionary of plain values); a PNG's is made again each time.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from functools import partial
from hashlib import md5
from typing import Any

MAX_SIZES_PER_IMAGE = 8


class SharedRaster:
    """One raster image as WeasyPrint loaded it, before anything was drawn with it; with a
    content `key`, each embedded JPEG it makes is also sent to the build to be kept between
    builds (`kept_rasters`)."""

    def __init__(self, image: Any, key: tuple[str, str, str] | None = None) -> None:
        self._source: bytes = image.image_data.data
        self._image = copy.copy(image)
        self._image._cache = None  # the loading render's cache: each copy gets its own
        self._objects: OrderedDict[tuple[bool, float], tuple[bytes, dict[str, Any]]] = \
            OrderedDict()
        self._key = key

    @classmethod
    def kept(cls, state: dict[str, Any], key: tuple[str, str, str]) -> SharedRaster:
        """The image an earlier build's WeasyPrint made (`kept_rasters.decode`'s state), its
        embedded JPEGs with it: made without Pillow."""
        from weasyprint.images import RasterImage

        image = RasterImage.__new__(RasterImage)
        vars(image).update(state["attributes"])
        image.id, image._cache = "", None
        raster = cls.__new__(cls)
        raster._source, raster._image, raster._key = state["source"], image, key
        raster._objects = OrderedDict((size, (data, dict(extra)))
                                      for size, data, extra in state["objects"])
        return raster

    def state(self) -> dict[str, Any]:
        """What `kept` makes the image from again: its plain attributes, data and JPEGs."""
        attributes = {name: value for name, value in vars(self._image).items()
                      if name not in ("id", "_cache", "image_data")}
        return {"attributes": attributes, "source": self._source,
                "objects": [(size, data, list(extra.items()))
                            for size, (data, extra) in self._objects.items()]}

    def serve(self, image: Any) -> None:
        """Have `image` (the one WeasyPrint just loaded, drawn by this render) make its
        embedded JPEGs here too, so that they are kept from the first render on."""
        image.get_x_object = partial(self._x_object, image)

    def weight(self) -> int:
        """The bytes this image holds (its data, and the embedded JPEGs made of it)."""
        return len(self._source) + sum(len(data) for data, _extra in self._objects.values())

    def copy_for(self, cache: dict[Any, Any], url: str) -> Any:
        """The image for one render that asks for it under `url`, caching in `cache`."""
        image = copy.copy(self._image)
        image.id = md5(url.encode(), usedforsecurity=False).hexdigest()
        image._cache = cache
        image.image_data = image.cache_image_data(self._source)
        image.get_x_object = partial(self._x_object, image)
        return image

    def _x_object(self, image: Any, interpolate: bool, dpi_ratio: float) -> Any:
        """WeasyPrint's embedded image, made once per size for a JPEG."""
        import pydyf

        key = (interpolate, dpi_ratio)
        known = self._objects.get(key)
        if known is not None:
            self._objects.move_to_end(key)
            data, extra = known
            return pydyf.Stream([data], pydyf.Dictionary(extra))
        made = type(image).get_x_object(image, interpolate, dpi_ratio)
        if image.format == "JPEG" and "SMask" not in made.extra and len(made.stream) == 1:
            item = made.stream[0]
            data = item if isinstance(item, bytes) else item.data
            self._objects[key] = (data, dict(made.extra))
            while len(self._objects) > MAX_SIZES_PER_IMAGE:
                self._objects.popitem(last=False)
            if self._key is not None:
                from briefs.render.kept_rasters import record

                record(self._key, self.state())
        return made


def is_raster(image: Any) -> bool:
    """Whether a WeasyPrint image is a raster one (a photo, a PNG)."""
    return hasattr(image, "image_data") and hasattr(image, "get_x_object")
