"""Reported (indirect) speech: (text, expected clause, speaker) cases on the blank pipeline."""
import pytest

HEAD = "Headline\n\n"


def reported(records_of, text):
    records = records_of(HEAD + text)
    names = {e.key: e.name for e in records.entities}
    return [(q.text, names.get(q.speaker)) for q in records.quotes if not q.direct]


@pytest.mark.parametrize("text, expected", [
    ("Yehia Rasool said the meetings were aimed at setting up a timeline.",
     ("the meetings were aimed at setting up a timeline", "Yehia Rasool")),
    ("Sudan's army said Tuesday it had recaptured the state broadcaster.",
     ("it had recaptured the state broadcaster", "Sudan's army")),
    ("Claire Dunmore, the company's chief executive, told reporters that the problems were being fixed.",
     ("the problems were being fixed", "Claire Dunmore")),
    ("Sen. Patricia Odom, who broke with her party, said the bill would pass next week.",
     ("the bill would pass next week", "Patricia Odom")),
    ("Volodymyr Zelensky — who visited the front this week — said in his nightly address that the weeks ahead would be hard.",
     ("the weeks ahead would be hard", "Volodymyr Zelensky")),
    ("According to Dr. Miriam Adeyemi, the effect was strongest in large cities.",
     ("the effect was strongest in large cities", "Miriam Adeyemi")),
    ("The crew were unharmed and the vessel continued to its next port, the company Maersk said.",
     ("The crew were unharmed and the vessel continued to its next port", "Maersk")),
])
def test_reported_clauses_and_their_speakers(records_of, text, expected):
    assert expected in reported(records_of, text)


def test_a_second_verb_of_saying_keeps_the_speaker(records_of):
    found = reported(records_of, "Andrew Bailey acknowledged that the committee was divided, "
                                 "but said the split showed careful thinking.")
    assert found == [("the committee was divided", "Andrew Bailey"),
                     ("the split showed careful thinking", "Andrew Bailey")]


@pytest.mark.parametrize("text", [
    "US officials said the schedule would depend on conditions.",   # an unnamed source
    "Officials said nothing else about the plan that day.",
    "The senator spoke on the Senate floor shortly before the vote.",
])
def test_no_attributed_statement(records_of, text):
    assert [q for q in reported(records_of, text) if q[1]] == []


def test_a_clause_holding_a_full_quotation_is_that_quotation(records_of):
    records = records_of(HEAD + "Sabrina Singh acknowledged that the footprint “will certainly be part of the talks.”")
    assert [(q.text, q.direct) for q in records.quotes] == [("will certainly be part of the talks.", True)]
