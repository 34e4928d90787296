# The briefs container image: Debian slim, Pango, the Noto fonts of the six UN scripts and
# briefs, run as a non-root user on a workspace mounted at /workspace.
#
#   docker build -t briefs .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/workspace" briefs build --strict
#
# Reproducible: the same image and the same workspace give the same PDF bytes (fonts, Pango,
# WeasyPrint and briefs are fixed by the image; dates come from SOURCE_DATE_EPOCH, the content
# or the workspace's last git commit, never the clock). docs/ci.md, "Container image".

# ---- build the wheel (the sample workspace inside it, as `briefs init` needs) ----
FROM python:3.11-slim-bookworm AS wheel
WORKDIR /src
COPY pyproject.toml setup.py MANIFEST.in README.md LICENSE briefs.yaml ./
COPY briefs ./briefs
COPY content ./content
COPY styles ./styles
RUN python -m pip wheel --no-cache-dir --no-deps -w /dist .

# ---- the image ----
FROM python:3.11-slim-bookworm

# Pango for WeasyPrint, HarfBuzz's subsetter (fast font subsetting), fontconfig, the Noto
# fonts: fonts-noto-core (Latin, Cyrillic, Arabic and most scripts), fonts-noto-cjk (Chinese);
# git for the PDF dates of a workspace checked out without SOURCE_DATE_EPOCH. Versions are not
# pinned (bookworm's security updates replace them); an image tag fixes them for its users.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig \
        fonts-noto-core fonts-noto-cjk git \
    && rm -rf /var/lib/apt/lists/* \
    && fc-cache -f \
    && git config --system --add safe.directory '*'

COPY --from=wheel /dist /dist
RUN python -m pip install --no-cache-dir /dist/*.whl && rm -rf /dist

# A user of its own: the image never builds as root. Run it with `-u "$(id -u):$(id -g)"`
# so that build/ belongs to you on the host; caches go to /tmp, writable for any user.
RUN useradd --create-home --uid 1000 --user-group --shell /usr/sbin/nologin briefs
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    XDG_CACHE_HOME=/tmp/.cache \
    BRIEFS_SERVER=0
USER 1000:1000
WORKDIR /workspace

ENTRYPOINT ["briefs"]
CMD ["build", "--strict"]
