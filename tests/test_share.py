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
    for word in short.removesuffix("…").split():
        assert word in words_in
