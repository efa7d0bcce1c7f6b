"""Passages report copied text only; typography and chains settle the parent."""

from __future__ import annotations

from newstrace.config import Config
from newstrace.model import Article, Event
from newstrace.provenance.align import AlignOptions, RawPassage, align_texts
from newstrace.provenance.direction import Decision
from newstrace.provenance.graph import _acyclic, trace_event
from newstrace.provenance.pieces import copied_pieces

SOURCE = (
    "The city council voted on Tuesday to close the old harbour bridge for repairs "
    "that engineers say will take at least eighteen months to complete. "
    "Residents of the eastern districts will have to use a ferry service during the works."
)
NO_PARA = AlignOptions(paraphrase=False)


def _covered(text: str, spans: list[tuple[int, int]]) -> str:
    return "|".join(text[s:e] for s, e in spans)


def test_substituted_word_is_not_reported_as_copied() -> None:
    target = SOURCE.replace("engineers say", "engineers believe")
    (p,) = align_texts(SOURCE, target, NO_PARA)
    assert p.kind == "edited" and "believe" in target[p.b_start : p.b_end]
    pieces = copied_pieces(p, SOURCE, target)
    shown = _covered(target, [(x.b_start, x.b_end) for x in pieces])
    assert "believe" not in shown
    # everything else is still covered, and each piece matches its source text
    assert shown.replace("|", " ") == target.replace(" believe", "")
    for x in pieces:
        assert SOURCE[x.a_start : x.a_end].lower() == target[x.b_start : x.b_end].lower()


def test_deleted_word_does_not_cut_the_copied_text() -> None:
    target = SOURCE.replace("the old harbour bridge", "the harbour bridge")
    (p,) = align_texts(SOURCE, target, NO_PARA)
    pieces = copied_pieces(p, SOURCE, target)
    assert [(x.b_start, x.b_end) for x in pieces] == [(0, len(target))]


def test_short_match_between_two_edits_is_recovered() -> None:
    target = SOURCE.replace("Tuesday", "Monday").replace("close the old", "shut the old")
    (p,) = align_texts(SOURCE, target, NO_PARA)
    shown = _covered(target, [(x.b_start, x.b_end) for x in copied_pieces(p, SOURCE, target)])
    assert "to" in shown.split("|")[1].split()  # "to" between "Monday" and "shut"
    assert "Monday" not in shown and "shut" not in shown


def test_words_kept_between_edits_at_a_passage_end_are_copied() -> None:
    """Two edits close together leave "to complete." too short for an exact run;
    the passage still ends with it, and the changed words stay out."""
    first = SOURCE.split(" Residents")[0]
    target = first.replace("months to complete.", "weeks soon to complete.")
    (p,) = align_texts(SOURCE, target, NO_PARA)
    assert "complete" not in target[p.b_start : p.b_end]  # the run stops at the edit
    shown = _covered(target, [(x.b_start, x.b_end) for x in copied_pieces(p, SOURCE, target)])
    assert shown.split("|")[-1] == "to complete."
    assert "weeks" not in shown and "soon" not in shown


def test_unrelated_words_after_a_passage_are_not_taken_in() -> None:
    target = SOURCE.split(" that engineers")[0] + " while the mayor was abroad on a visit."
    (p,) = align_texts(SOURCE, target, NO_PARA)
    shown = _covered(target, [(x.b_start, x.b_end) for x in copied_pieces(p, SOURCE, target)])
    assert shown == target.split(" while")[0]


def test_edited_sentence_found_by_meaning_reports_only_the_words_kept() -> None:
    """A sentence with every third word changed shares no three-word run with its
    source; matched by the paraphrase step, it is cut to the words it kept."""
    src = "Residents of the eastern districts will have to use a ferry service during the works."
    tgt = "Residents in the eastern suburbs will need to use a boat service throughout the works."
    para = RawPassage(0, len(src), 0, len(tgt), kind="paraphrase", score=0.9)
    pieces = copied_pieces(para, src, tgt)
    shown = [tgt[x.b_start : x.b_end] for x in pieces]
    assert shown == ["Residents", "the eastern", "will", "to use a", "service", "the works."]
    assert all(x.kind == "edited" for x in pieces)


def test_reworded_sentence_stays_one_paraphrase_passage() -> None:
    src = "Residents of the eastern districts will have to use a ferry service during the works."
    tgt = "While repairs last, people living in the east must cross by boat."
    para = RawPassage(0, len(src), 0, len(tgt), kind="paraphrase", score=0.7)
    assert copied_pieces(para, src, tgt) == [para]


def test_hyphenated_name_printed_as_two_words_is_copied_text() -> None:
    src = SOURCE.replace("the eastern districts", "the Saint-Laurent districts")
    target = src.replace("Saint-Laurent", "Saint Laurent")
    (p,) = align_texts(src, target, NO_PARA)
    pieces = copied_pieces(p, src, target)
    assert [(x.b_start, x.b_end) for x in pieces] == [(0, len(target))]
    assert src[pieces[0].a_start : pieces[0].a_end] == src


def test_passages_are_cut_at_paragraph_breaks() -> None:
    first, second = SOURCE.split(". ", 1)
    target = first + ".\n\n" + second
    (p,) = align_texts(SOURCE, target, NO_PARA)
    pieces = copied_pieces(p, SOURCE, target)
    assert [target[x.b_start : x.b_end] for x in pieces] == [first + ".", second]


def test_copy_keeps_the_typography_of_the_reprint_it_came_from(config: Config) -> None:
    """A reprint that changed only quote marks and acronym dots is the parent of a
    later copy showing that typography, not its own source."""
    text = (
        'The U.S. trade envoy said on Monday that "talks will resume next week" after a '
        "pause of three months, and that both delegations had agreed a shorter agenda. "
        'Officials in the U.K. called the move "a welcome step" but warned that tariffs on '
        "steel and aluminium remain the main obstacle to a deal before the summer recess."
    )
    reprint = text.replace("U.S.", "US").replace("U.K.", "UK").replace('"', "'")
    origin = Article("o", "o", text, outlet="Wire One", published="2024-05-01T08:00")
    middle = Article("m", "m", reprint, outlet="Paper Two", published="2024-05-01T12:00")
    last = Article("l", "l", reprint, outlet="Paper Three", published="2024-05-02T09:00")
    arts = [origin, middle, last]
    prov = trace_event(Event("e", ["o", "m", "l"]), {a.id: a for a in arts}, config)
    derived = {(e.source, e.target) for e in prov.edges if e.kind == "derived"}
    assert ("m", "l") in derived and ("o", "l") not in derived


def test_pair_without_evidence_follows_the_chain_around_it() -> None:
    def dec(src: str, tgt: str, why: list[str]) -> Decision:
        return Decision(src, tgt, 0.9 if why else 0.5, 1.0, why, [])

    decisions = [dec("x", "y", ["dated"]), dec("y", "z", ["credited"]), dec("z", "x", [])]
    dag = _acyclic(decisions, ["x", "y", "z"])
    assert set(dag.edges) == {("x", "y"), ("y", "z"), ("x", "z")}
    assert dag.edges["x", "z"]["decision"].reasons == ["ordered by the chain x -> y -> z"]
