// briefs preview: follow build events and swap in the fresh page, keeping scroll and focus.
(() => {
  "use strict";

  let revision = Number(document.body.dataset.revision || 0);
  let busy = false;
  let again = false;
  let offline = false;

  const statusLine = () => document.getElementById("build-status");

  function preload(next) {
    const known = new Set(Array.from(document.images, (img) => img.getAttribute("src")));
    const fresh = Array.from(next.querySelectorAll("#main img"))
      .filter((img) => img.loading !== "lazy" && !known.has(img.getAttribute("src")));
    const loads = fresh.map((img) => {
      const probe = new Image();
      probe.src = img.getAttribute("src");
      return probe.decode().catch(() => undefined);
    });
    const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
    return Promise.race([Promise.all(loads), timeout]);
  }

  function swap(next) {
    const main = document.getElementById("main");
    const nextMain = next.getElementById("main");
    if (!main || !nextMain) return;
    const focused = document.activeElement && document.activeElement.id;
    const opened = Array.from(main.querySelectorAll("details[id]"))
      .filter((details) => details.open).map((details) => details.id);
    const chosen = Array.from(main.querySelectorAll("select[id]"), (s) => [s.id, s.value]);
    main.innerHTML = nextMain.innerHTML;
    for (const id of opened) {
      const details = document.getElementById(id);
      if (details) details.open = true;
    }
    for (const [id, value] of chosen) {
      const select = document.getElementById(id);
      if (select && Array.from(select.options).some((o) => o.value === value)) select.value = value;
    }
    document.title = next.title;
    const line = statusLine();
    const nextLine = next.getElementById("build-status");
    if (line && nextLine) {
      line.className = nextLine.className;
      if (line.textContent !== nextLine.textContent) line.textContent = nextLine.textContent;
    }
    revision = Number(next.body.dataset.revision || revision);
    document.body.dataset.revision = String(revision);
    if (focused) {
      const target = document.getElementById(focused);
      if (target && target !== document.activeElement) target.focus({ preventScroll: true });
    }
  }

  async function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const response = await fetch(window.location.href, { cache: "no-store" });
        if (!response.ok) break; // the document went away: keep what is shown
        const next = new DOMParser().parseFromString(await response.text(), "text/html");
        await preload(next);
        swap(next);
      } while (again);
    } catch (error) {
      // The server is restarting or gone; the event stream reconnects by itself.
    } finally {
      busy = false;
    }
  }

  function showPage(data) {
    // A new image of a page shown here: swap it in as soon as it is decoded.
    const key = `${data.doc}/${data.locale}/${data.profile}`;
    const img = Array.from(document.querySelectorAll("img[data-output]")).find(
      (candidate) => candidate.dataset.output === key && Number(candidate.dataset.page) === data.page);
    if (!img || img.getAttribute("src") === data.src) return;
    const probe = new Image();
    probe.src = data.src;
    probe.decode().then(() => {
      img.src = data.src;
      img.width = data.width;
      img.height = data.height;
    }).catch(() => undefined);
  }

  function eventsUrl() {
    // Tell the server which outputs this page shows: they are rebuilt and imaged first.
    const params = new URLSearchParams(window.location.search);
    const match = window.location.pathname.match(/^\/doc\/([^/]+)$/);
    if (match) params.set("doc", decodeURIComponent(match[1]));
    return match ? `/events?${params}` : "/events";
  }

  if (!("EventSource" in window)) return;
  const source = new EventSource(eventsUrl());
  source.addEventListener("page", (event) => showPage(JSON.parse(event.data)));
  source.addEventListener("build", (event) => {
    const data = JSON.parse(event.data);
    if (offline || data.revision !== revision) refresh();
    offline = false;
  });
  source.addEventListener("error", () => {
    const line = statusLine();
    if (line && source.readyState !== EventSource.OPEN) {
      offline = true;
      line.className = "build-status is-offline";
      line.textContent = "Preview server not reachable: retrying…";
    }
  });
})();
