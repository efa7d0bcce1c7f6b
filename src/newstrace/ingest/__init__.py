"""Reading inputs (txt, html, jsonl, ...) into cleaned Articles with metadata and evidence."""
