"""Output: the one writer of files under the output folder, and the manifest."""
