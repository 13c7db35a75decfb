"""Pairing quote marks: balanced, unbalanced, straight and multi-paragraph."""
import pytest

from kg.nlp.quote_marks import find_quote_pairs


def inner(text):
    return [text[p.start:p.end] for p in find_quote_pairs(text)]


@pytest.mark.parametrize("text, expected", [
    ("He said “we will stay” today.", ["we will stay"]),
    ('He said "we will stay" today.', ["we will stay"]),
    ("“One,” he said. “Two.”", ["One,", "Two."]),
    ("No quotes at all.", []),
    # a stray closing mark is ignored
    ("It was 5” long. Then “yes” came.", ["yes"]),
    # an opening mark never closed ends at its paragraph, not at the article's end
    ("He said “we will stay.\n\nNext paragraph “is quoted” here.", ["we will stay.", "is quoted"]),
    # straight quote after a letter (inches) does not open a quotation
    ('A 5" screen and "a quote" here.', ["a quote"]),
    # British single marks, where a ’ inside a word is an apostrophe
    ("‘The party’s members won’t stay,’ he said. ‘Not now.’", ["The party’s members won’t stay,", "Not now."]),
    # single marks inside double quotes are inner quotes
    ("“He told me ‘well bowled’ and left,” she said.", ["He told me ‘well bowled’ and left,"]),
    # double marks inside single-quoted quotations quote someone within them, the text still quotes with ‘ ’
    ("‘I rang my mum, and she said: “You’re going.” So I went,’ she said. ‘It’s mine now.’ Her label’s boss agreed.",
     ["I rang my mum, and she said: “You’re going.” So I went,", "It’s mine now."]),
    # straight single marks, in a text that quotes with them; an apostrophe inside a word stays one
    ("'The city's dams won't fill,' said the mayor. 'We can't wait for rain.'",
     ["The city's dams won't fill,", "We can't wait for rain."]),
    # and in a text that does not, a straight single mark is always an apostrophe
    ("The mayor's 'plan' failed, he said. “We tried,” she said. “Twice.”", ["We tried,", "Twice."]),
])
def test_pairs(text, expected):
    assert inner(text) == expected


def test_quote_over_paragraphs_reopens_each_paragraph():
    text = "“First part.\n\n“Second part,” she said."
    pairs = find_quote_pairs(text)
    assert len(pairs) == 1
    assert text[pairs[0].start:pairs[0].end] == "First part.\n\n“Second part,"


def test_unclosed_quote_is_marked_unclosed():
    text = "He said “we will stay"
    (pair,) = find_quote_pairs(text)
    assert (pair.closed, text[pair.start:pair.end]) == (False, "we will stay")


@pytest.mark.parametrize("text", [
    "“We had ten minutes to pack, said Mirela Dobrev, who left her home.\n\n“Leave now,” the fire service said.",
    "“We had ten minutes to pack, Mirela Dobrev said.\n\n“Leave now,” the fire service said.",
])
def test_an_unclosed_quotation_attributed_in_its_paragraph_does_not_go_on(text):
    pairs = find_quote_pairs(text)
    assert [p.closed for p in pairs] == [False, True]
    assert text[pairs[1].start:pairs[1].end] == "Leave now,"
