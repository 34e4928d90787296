"""Builds: the session, planning targets, running them, caches, the no-op stamp, shards."""
