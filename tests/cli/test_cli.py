"""The CLI in-process (click's CliRunner), on the bundled example and on bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import cli


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _run(runner: CliRunner, tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["-q", "--db", str(tmp_path / "t.db"), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_trace_writes_json_and_html(runner: CliRunner, tmp_path: Path, examples_dir: Path) -> None:
    out_json, out_html = tmp_path / "r.json", tmp_path / "r.html"
    code, stdout, _ = _run(runner, tmp_path, "trace", str(examples_dir),
                           "--json", str(out_json), "--html", str(out_html))
    assert code == 0
    data = json.loads(out_json.read_text("utf-8"))
    assert data["format"] == "newstrace.v1"
    assert len(data["articles"]) == 5
    assert {"events", "provenance", "quotes", "entities", "findings"} <= set(data)
    assert "events" in data["generated_by"]["algorithms"]
    html = out_html.read_text("utf-8")
    assert "<svg" in html and "http://" not in html.split("</head>")[0]
    assert "origin" in stdout.lower()


def test_ingest_analyse_report_over_a_store(runner: CliRunner, tmp_path: Path,
                                            examples_dir: Path) -> None:
    assert _run(runner, tmp_path, "ingest", str(examples_dir))[0] == 0
    assert _run(runner, tmp_path, "ingest", str(examples_dir))[0] == 0  # idempotent
    assert _run(runner, tmp_path, "analyse")[0] == 0
    code, _, _ = _run(runner, tmp_path, "report", "--json", str(tmp_path / "a.json"))
    assert code == 0
    data = json.loads((tmp_path / "a.json").read_text("utf-8"))
    assert len(data["articles"]) == 5


def test_report_without_analysis_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    code, _, stderr = _run(runner, tmp_path, "report")
    assert code != 0 and "no analysis" in stderr


def test_bad_inputs_are_named_and_the_run_goes_on(runner: CliRunner, tmp_path: Path,
                                                  examples_dir: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (bad / "latin1.txt").write_bytes(
        "PARIS, 3 mai (Agence) -- Le ministre a déclaré que la réforme était nécessaire "
        "et qu'elle serait présentée à l'Assemblée nationale la semaine prochaine.".encode(
            "latin-1"))
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    missing = tmp_path / "missing.txt"
    code, _, stderr = _run(runner, tmp_path, "ingest", str(bad), str(empty_dir), str(missing),
                           str(examples_dir / "000_0fb195e382f2ae4f.txt"))
    assert code == 0
    for name in ("empty.txt", "binary.txt", "nothing", "missing.txt"):
        assert name in stderr, name
    from newstrace.store import open_store

    with open_store(tmp_path / "t.db") as store:
        bodies = [a.body for a in store.articles()]
    assert len(bodies) == 2, "the Latin-1 file is decoded, not skipped"
    assert any("déclaré" in b for b in bodies)


def test_nothing_readable_exits_non_zero(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    code, _, stderr = _run(runner, tmp_path, "ingest", str(tmp_path / "empty.txt"))
    assert code != 0
    assert "empty.txt" in stderr


def test_readme_documents_every_command() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    reference = readme.split("## CLI reference", 1)[1].split("##", 1)[0]
    for name in cli.commands:
        assert f"  {name} " in reference, f"README's CLI reference lacks '{name}'"


def test_explain_export_import(runner: CliRunner, tmp_path: Path, examples_dir: Path) -> None:
    assert _run(runner, tmp_path, "ingest", str(examples_dir))[0] == 0
    code, stdout, _ = _run(runner, tmp_path, "explain", "--json",
                           "000_0fb195e382f2ae4f.txt", "003_f0de32c1efcd9b06.txt")
    assert code == 0
    result = json.loads(stdout)
    assert result["same_event"] is True
    assert any(s["signal"] == "words_cosine" for s in result["signals"])
    code, _, stderr = _run(runner, tmp_path, "explain", "000_0fb195e382f2ae4f.txt", "nonexistent")
    assert code != 0 and "nonexistent" in stderr
    export = tmp_path / "all.jsonl"
    assert _run(runner, tmp_path, "export", str(export))[0] == 0
    other = runner.invoke(cli, ["-q", "--db", str(tmp_path / "other.db"), "import", str(export)])
    assert other.exit_code == 0
    assert "5 new article(s)" in other.stderr


def test_a_store_password_is_never_shown() -> None:
    from newstrace.cli import Ctx
    from newstrace.config import Config

    ctx = Ctx("postgresql://team:s3cret@db.local:5432/news", Config(), True, 1, None)
    assert "s3cret" not in ctx.db_name
    assert ctx.db_name == "postgresql://team:***@db.local:5432/news"
    assert Ctx("local.db", Config(), True, 1, None).db_name == "local.db"


def test_explain_reads_paths_not_yet_stored(runner: CliRunner, tmp_path: Path,
                                            examples_dir: Path) -> None:
    code, stdout, _ = _run(runner, tmp_path, "explain", "--json",
                           str(examples_dir / "000_0fb195e382f2ae4f.txt"),
                           str(examples_dir / "002_c191fc8301ee2bd8.txt"))
    assert code == 0
    assert json.loads(stdout)["same_event"] is True


def test_ingest_streams_a_large_dump_in_batches(runner: CliRunner, tmp_path: Path) -> None:
    from newstrace.cli import INGEST_BATCH
    from newstrace.store import open_store

    n = INGEST_BATCH * 2 + 7
    dump = tmp_path / "dump.jsonl"
    with dump.open("w", encoding="utf-8") as out:
        for k in range(n):
            body = (f"Story number {k}: the council met on day {k} and voted on measure {k}, "
                    "officials said after the long session ended.")
            out.write(json.dumps({"title": f"Story {k}", "text": body}) + "\n")
        out.write('{"title": "cut short", "text": "trunc\n')
    code, _, stderr = _run(runner, tmp_path, "ingest", str(dump))
    assert code == 0
    assert "dump.jsonl" in stderr, "the truncated last line is reported"
    with open_store(tmp_path / "t.db") as store:
        assert store.count_articles() == n
    runner.invoke(cli, ["--db", str(tmp_path / "t.db"), "ingest", str(dump)])
    with open_store(tmp_path / "t.db") as store:
        assert store.count_articles() == n, "a rerun adds nothing"


def test_report_writes_flat_tables(runner: CliRunner, tmp_path: Path, examples_dir: Path) -> None:
    assert _run(runner, tmp_path, "trace", str(examples_dir))[0] == 0
    code, _, _ = _run(runner, tmp_path, "report", "--tables", str(tmp_path / "tables"))
    assert code == 0
    with (tmp_path / "tables" / "edges.csv").open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert edges and all(e["kind"] in ("derived", "common-source") for e in edges)
    code, _, _ = _run(runner, tmp_path, "report", "--tables", str(tmp_path / "pq"),
                      "--tables-format", "parquet")
    assert code == 0 and (tmp_path / "pq" / "quotes.parquet").stat().st_size > 0


def test_analyse_adds_new_articles_to_the_saved_events(runner: CliRunner, tmp_path: Path,
                                                       examples_dir: Path) -> None:
    """Incremental: a later batch joins the saved events, whose ids stay; the same partition."""
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir(), later.mkdir()
    for path in sorted(examples_dir.glob("*.txt")):
        target = first if path.name[:3] in ("000", "003", "004") else later
        target.joinpath(path.name).write_bytes(path.read_bytes())
    assert _run(runner, tmp_path, "ingest", str(first))[0] == 0
    assert _run(runner, tmp_path, "analyse")[0] == 0
    before = _events(runner, tmp_path, "b.json")
    assert _run(runner, tmp_path, "ingest", str(later))[0] == 0
    assert _run(runner, tmp_path, "analyse")[0] == 0
    after = _events(runner, tmp_path, "a.json")
    assert len(after) == len(before) == 2
    for event_id, members in before.items():
        assert event_id in after and members <= after[event_id], "old events keep id and members"
    assert _run(runner, tmp_path, "analyse", "--recluster")[0] == 0
    batch = _events(runner, tmp_path, "c.json")
    assert sorted(map(sorted, batch.values())) == sorted(map(sorted, after.values()))


def _events(runner: CliRunner, tmp_path: Path, name: str) -> dict[str, set[str]]:
    assert _run(runner, tmp_path, "report", "--json", str(tmp_path / name))[0] == 0
    data = json.loads((tmp_path / name).read_text("utf-8"))
    return {e["id"]: set(e["article_ids"]) for e in data["events"]}
