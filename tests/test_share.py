"""Share texts: og:description is a sentence or two, 200 characters or fewer, cut between words."""

from hypothesis import given
from hypothesis import strategies as st

from explainer.share import og_description

AR = ("وقّعت OpenAI منذ مطلع 2025 صفقات للرقائق والحوسبة السحابية ومراكز البيانات مع Nvidia وAMD "
      "وOracle وغيرها. يشرح هذا الموقع من يدفع لمن، وكم، ولأي قدرة. ويتتبع ما آلت إليه كل صفقة "
      "حتى 30 نوفمبر 2026، مع مصدر لكل رقم.")


def test_short_text_is_kept_whole():
    assert og_description("One sentence.") == "One sentence."


def test_long_arabic_summary_keeps_whole_sentences():
    short = og_description(AR)
    assert len(AR) > 200 and len(short) <= 200
    assert short.endswith(".") and AR.startswith(short)
    assert short.count(".") == 2


def test_one_long_sentence_is_cut_between_words():
    text = " ".join(["gigawatts"] * 40)
    short = og_description(text)
    assert len(short) <= 200 and short.endswith("…")
    assert all(word == "gigawatts" for word in short.removesuffix("…").split())


@given(st.lists(st.text(alphabet="abcدهو.، ", min_size=1, max_size=30), min_size=1, max_size=30))
def test_never_longer_than_200_and_never_mid_word(words):
    text = " ".join(words)
    short = og_description(text)
    assert len(short) <= 200
    words_in = " ".join(text.split()).split(" ")
    # a cut may end a clause early: its last word loses the comma that followed it
    for word in short.removesuffix("…").split():
        assert word in words_in or any(w.startswith(word) and w[len(word):] in ",،;؛:" for w in words_in)


def test_a_cut_ends_at_a_clause_not_on_a_preposition_or_a_bare_number():
    text = ("On 22 September 2025 Nvidia and OpenAI signed a non-binding letter of intent for at least "
            "10 gigawatts of Nvidia systems, under which Nvidia intended to invest up to $100 billion in "
            "OpenAI in stages, one for each gigawatt deployed, starting in the second half of 2026.")
    short = og_description(text)
    # 200 characters end mid-clause ("…in OpenAI in"): the cut goes back to the clause before
    assert short == ("On 22 September 2025 Nvidia and OpenAI signed a non-binding letter of intent for at least "
                     "10 gigawatts of Nvidia systems…")


def test_a_short_status_sentence_is_followed_by_the_start_of_the_next():
    text = "Status: Frozen (30 January 2026). " + " ".join(["gigawatts"] * 40) + "."
    short = og_description(text)
    assert short.startswith("Status: Frozen (30 January 2026). gigawatts") and short.endswith("…")
    assert len(short) <= 200
