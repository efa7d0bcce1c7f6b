"""Reader of the MRPC training pairs (``../shared/data/mrpc``), shared by the gates."""

from __future__ import annotations

import csv
from pathlib import Path


def load_mrpc(shared: Path) -> list[tuple[int, str, str, int, int]]:
    """Rows ``(label, s1, s2, id1, id2)`` of the MRPC training file."""
    path = shared / "data" / "mrpc" / "msr_paraphrase_train.txt"
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for rec in reader:
            if len(rec) == 5:
                rows.append((int(rec[0]), rec[3], rec[4], int(rec[1]), int(rec[2])))
    return rows
