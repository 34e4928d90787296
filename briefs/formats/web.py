"""The web page as an output format: `html` writes `<doc>/web/<doc>.<locale>.html` with its
images and fonts in `<doc>.<locale>.files/` beside it (the `web/` folder is ready to upload);
`email` one self-contained file for a newsletter (images as data URLs, the reader's fonts)."""

from __future__ import annotations

import base64
import mimetypes
from typing import TYPE_CHECKING

from briefs.core.diagnostics import Problem
from briefs.formats.format import Made, OutputFormat, Source
from briefs.formats.targets import OutputName
from briefs.formats.webpage import WebPageError, web_page

if TYPE_CHECKING:
    from briefs.content.config import Profile
    from briefs.formats.targets import TargetKey

FOLDER = "web"


class WebPage(OutputFormat):
    """A standalone, accessible web page per document and locale."""

    name = "html"
    suffix = ".html"
    description = ("a standalone, accessible web page (semantic, responsive, no script, "
                   "nothing fetched), its files beside it in web/")
    cost = 0.04  # 0.1 s of CPU for the sample flyer's page, 2.5 s for its PDF

    def name_for(self, key: TargetKey, profile: Profile) -> OutputName:
        base = super().name_for(key, profile)
        document, file = base.path.rsplit("/", 1)
        return OutputName(base.id, f"{document}/{FOLDER}/{file}")

    def make(self, source: Source) -> Made:
        folder, file = source.name.path.rsplit("/", 1)
        files_dir = file[: -len(self.suffix)] + ".files"
        try:
            page = web_page(source.html, source.mounts, files_dir)
        except WebPageError as exc:
            return Made(problems=[Problem.error(
                "web.file", f"the web page cannot use {exc}",
                "it uses only files inside the workspace (and briefs' own); copy the file "
                "into the workspace and name it from there")])
        made = Made({source.name.path: page.html},
                    [Problem.warning("web.font", warning) for warning in page.warnings])
        for name, data in page.files.items():
            made.files[f"{folder}/{name}"] = data
        return made

    def owns(self, name: OutputName, path: str) -> bool:
        main = name.path
        files = main[: -len(self.suffix)] + ".files/"
        return path == main or (path.startswith(files) and ".." not in path
                                and path.count("/") == files.count("/"))


class EmailPage(WebPage):
    """The web page as one file: images inline as data URLs, no font files."""

    name = "email"
    description = "the web page as one file for a newsletter (images inline, the reader's fonts)"

    def name_for(self, key: TargetKey, profile: Profile) -> OutputName:
        base = super().name_for(key, profile)
        return OutputName(base.id, base.path[: -len(self.suffix)] + ".email" + self.suffix)

    def make(self, source: Source) -> Made:
        made = super().make(source)
        if any(problem.is_error for problem in made.problems):
            return made
        folder = source.name.path.rsplit("/", 1)[0]
        html = made.files.pop(source.name.path).decode("utf-8")
        for path, data in made.files.items():
            relative = path[len(folder) + 1:]
            kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
            inline = f"data:{kind};base64," + base64.b64encode(data).decode("ascii")
            html = html.replace(f'"{relative}"', f'"{inline}"')
        html = _without_font_faces(html)
        return Made({source.name.path: html.encode("utf-8")},
                    [p for p in made.problems if p.code != "web.font"])


def _without_font_faces(html: str) -> str:
    import re

    return re.sub(r"@font-face \{[^}]*\}\n?", "", html)


WEB = WebPage()
EMAIL = EmailPage()
