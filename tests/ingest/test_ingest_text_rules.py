"""Plain-text conventions that must not be confused with one another."""

from __future__ import annotations

from newstrace.ingest import read_text

LEDE = ("Lawmakers debated the measure for hours on Tuesday before the vote, which passed "
        "narrowly after a late amendment was added to the bill.")
MORE = "The governor is expected to sign it next week, aides said."


def test_dateline_without_place_still_credits_the_agency(config) -> None:
    art = read_text(f"Dec 29 (Reuters) - {LEDE}\n\n{MORE}", "r.txt", config)
    assert art.outlet == "Reuters" and art.dateline_place is None


def test_party_labels_are_not_agency_datelines(config) -> None:
    art = read_text(f"Sen. Jane Roe (R-Ky.) said {LEDE}\n\n{MORE}", "p.txt", config)
    assert art.outlet is None and art.dateline_place is None


def test_kicker_label_is_not_a_place(config) -> None:
    art = read_text(f"EXCLUSIVE – Mayor Resigns Over Budget Row\n\n{LEDE}\n\n{MORE}",
                    "k.txt", config)
    assert art.dateline_place is None
    assert art.title == "EXCLUSIVE – Mayor Resigns Over Budget Row"


def test_source_line_of_a_chart_is_not_an_outlet(config) -> None:
    art = read_text(f"{LEDE}\n\n{MORE}\n\nSource: Ministry of Finance.", "s.txt", config)
    assert art.outlet is None
    assert "Source: Ministry of Finance." in art.furniture
    assert any("not a known outlet" in n for n in art.notes)


def test_source_line_naming_a_news_outlet_is_reported_even_if_unregistered(config) -> None:
    art = read_text(f"{LEDE}\n\n{MORE}\n\nSource: Harbour City Daily News", "s.txt", config)
    assert art.outlet == "Harbour City Daily News"


def test_correction_date_is_not_the_publication_date(config) -> None:
    text = (f"{LEDE}\n\n{MORE}\n\nCORRECTION:\n\nAn earlier version misstated the vote "
            "count.\n\nFriday, December 4, 2015.")
    art = read_text(text, "c.txt", config)
    assert art.published is None
    assert any("correction" in n for n in art.notes)


def test_sentence_case_title_with_added_period_before_a_dateline(config) -> None:
    text = f"Senate passes budget after long debate.\n\nWASHINGTON (AP) — {LEDE}\n\n{MORE}"
    art = read_text(text, "t.txt", config)
    assert art.title == "Senate passes budget after long debate"
    assert art.outlet == "Associated Press" and art.dateline_place == "Washington"
    assert art.body.startswith("WASHINGTON (AP) —")


def test_short_lede_sentence_without_gap_stays_in_body(config) -> None:
    text = f"{LEDE}\n{MORE}"
    art = read_text(text, "n.txt", config)
    assert art.title is None
    assert art.body.startswith("Lawmakers debated")


def test_hard_wrapped_paragraphs_are_rejoined(config) -> None:
    wrapped = ("The committee said on Monday that the new rules would apply to all\n"
               "companies with more than fifty employees, starting next year, and that\n"
               "smaller firms would get more time.\n\n" + MORE)
    art = read_text(wrapped, "w.txt", config)
    paras = [art.text(s) for s in art.paragraphs]
    assert len(paras) == 2
    assert "apply to all companies with more than fifty employees" in paras[0]


def test_sentence_starting_with_by_is_not_a_byline(config) -> None:
    art = read_text(f"By the end of the year, prices had doubled.\n\n{LEDE}\n\n{MORE}",
                    "b.txt", config)
    assert art.author is None
    assert "By the end of the year" in art.body


def test_user_outlet_registry_extends_the_shipped_one(config, tmp_path) -> None:
    reg = tmp_path / "outlets.toml"
    reg.write_text('[[outlet]]\nname = "Harbour Herald"\naliases = ["HH"]\n'
                   'domains = ["harbourherald.example"]\n', "utf-8")
    cfg = config.with_overrides({"ingest": {"outlet_registry": str(reg)}})
    art = read_text(f"PORTVILLE (HH) — {LEDE}\n\n{MORE}", "h.txt", cfg)
    assert art.outlet == "Harbour Herald"
    art = read_text(f"{LEDE}\n\n{MORE}\n\n[harbourherald.example](https://harbourherald.example/x)",
                    "h2.txt", cfg)
    assert art.outlet == "Harbour Herald" and art.url == "https://harbourherald.example/x"
    assert read_text(f"PORTVILLE (HH) — {LEDE}\n\n{MORE}", "h.txt", config).outlet == "HH"


def test_datelines_in_other_languages(config) -> None:
    cases = [
        ("PARIS, 3 mai (AFP) -- Le gouvernement a présenté jeudi un projet de loi très attendu "
         "sur les retraites.\n\n(Juche112.5.3.)", "AFP", "Paris", "2023-05-03"),
        ("MADRID, 15 de mayo (EFE) - El Gobierno aprobó este lunes un nuevo plan de vivienda "
         "para jóvenes.\n\n15 de mayo de 2023", "EFE", "Madrid", "2023-05-15"),
        ("BERLIN, 3. März (dpa) - Die Bundesregierung hat am Freitag neue Mittel für die Bahn "
         "beschlossen.", "dpa", "Berlin", None),
    ]
    for text, outlet, place, date in cases:
        art = read_text(text, "x.txt", config)
        assert (art.outlet, art.dateline_place, art.published) == (outlet, place, date), text


def test_issuer_of_the_following_statement_is_the_author(config) -> None:
    text = ("ACCRA, June 4 (GNA) -- Ama Mensah, spokesperson of the Ministry of Health, issued "
            "the following press statement on Sunday:\n\nThe ministry will open ten new clinics "
            "in the northern region this year.")
    assert read_text(text, "i.txt", config).author == "Ama Mensah"
    reported = ("The Ministry Of Health released a statement on Sunday saying it would open "
                "ten clinics.\n\n" + MORE)
    assert read_text(reported, "r.txt", config).author is None


def test_page_break_before_a_capitalised_word_is_joined(config) -> None:
    text = ("The delegation held talks with\n\nJapanese officials in Tokyo on Friday about "
            "trade.\n\n" + MORE)
    paras = [p for p in map(read_text(text, "j.txt", config).text,
                            read_text(text, "j.txt", config).paragraphs)]
    assert paras[0] == ("The delegation held talks with Japanese officials in Tokyo on Friday "
                        "about trade.")


def test_wire_house_styles(config) -> None:
    cases = {
        f"(CNN) — {LEDE}": ("CNN", None),
        f"MOSCOW. May 15 (Interfax) - {LEDE}": ("Interfax", "Moscow"),
        f"BEIJING, May 15 (Xinhua) -- {LEDE} Enditem": ("Xinhua", "Beijing"),
        f"Paris (AFP) - {LEDE}\n\nburs-abc/def": ("AFP", "Paris"),
        f"{LEDE}\n\nSource: Al Jazeera and news agencies": ("Al Jazeera", None),
    }
    for text, (outlet, place) in cases.items():
        art = read_text(text, "w.txt", config)
        assert (art.outlet, art.dateline_place) == (outlet, place), text
        assert art.body.rstrip().endswith("to the bill."), text


def test_agency_signoffs_are_furniture(config) -> None:
    text = (f"WASHINGTON (AP) — {LEDE}\n\nAssociated Press writer Jane Roe contributed to this "
            "report.\n\n(Reporting by Amanda Becker in Washington; Editing by Will Dunham)")
    art = read_text(text, "s.txt", config)
    assert art.body.endswith("to the bill.")
    assert art.author == "Amanda Becker"
    assert len(art.furniture) == 2


def test_other_credited_outlets_are_noted(config) -> None:
    art = read_text(f"SEOUL, May 15 (Yonhap) -- {LEDE}\n\nCourtesy: Firstpost", "o.txt", config)
    assert art.outlet == "Yonhap"
    assert any("Firstpost" in n for n in art.notes)


def test_headline_and_deck_over_two_lines(config) -> None:
    text = f"Harbour plan wins approval; \nCouncil backs dredging despite protests.\n\n{LEDE}"
    art = read_text(text, "d.txt", config)
    assert art.title == "Harbour plan wins approval; Council backs dredging despite protests"
    assert art.body.startswith("Lawmakers debated")


def test_labelled_captions_and_image_credits(config) -> None:
    text = (f"{LEDE}\n\nImage source, Example Images\n\nImage caption, The chamber during the "
            f"vote on Tuesday\n\n{MORE}")
    art = read_text(text, "c.txt", config)
    assert art.captions == ["The chamber during the vote on Tuesday"]
    assert "Image source, Example Images" in art.furniture
    assert "Image" not in art.body


def test_present_tense_headline_with_opening_clause(config) -> None:
    art = read_text(f"In shift, city to open harbour to cruise ships.\n\n{LEDE}\n\n{MORE}",
                    "h.txt", config)
    assert art.title == "In shift, city to open harbour to cruise ships"


def test_a_paragraph_repeated_word_for_word_is_kept_once_and_noted(config) -> None:  # type: ignore[no-untyped-def]
    from newstrace.ingest import read_text

    para = "The river rose two metres overnight and the town hall was closed, officials said."
    text = f"Flood closes town hall\n\n{para}\n\nResidents were moved to the school.\n\n{para}\n"
    art = read_text(text, "flood.txt", config)
    assert art.body.count("The river rose") == 1
    assert "Residents were moved" in art.body
    assert any("repeated paragraph" in n for n in art.notes)
