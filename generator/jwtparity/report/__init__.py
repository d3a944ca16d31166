"""Report stage: the record, redacted once, and each output format (table, JUnit, Markdown, HTML, JSON, merge)."""
