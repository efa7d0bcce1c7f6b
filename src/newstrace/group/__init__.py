"""Events (articles reporting one happening) and threads (events of one story)."""
