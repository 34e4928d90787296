"""The live preview behind `briefs serve`: builder thread, watcher, page images, web app."""
