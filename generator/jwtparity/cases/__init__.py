"""Cases: the built-in suites (*.jsonl beside this file) and case files, read faithfully."""
