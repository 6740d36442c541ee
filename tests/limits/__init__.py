"""Denial-of-service suite: every attack on the limits, run through the public API in a child
process, must end with the right LimitExceeded within its deadline and memory budget."""
