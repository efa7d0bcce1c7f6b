"""The data flow, one plain function per stage.

``ingest -> store -> events/threads -> entities -> provenance -> quotes ->
fidelity -> compare``.  Executors (``executors/``) schedule these same
functions; nothing here knows whether it runs on a laptop or on Spark.
"""
# NOTE: written first as the contract between stages; see docs/ARCHITECTURE.md.
