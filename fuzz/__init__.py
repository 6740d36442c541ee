"""Property-based fuzzing of safeexec: escape hunting, robustness, differential runs, limits."""
