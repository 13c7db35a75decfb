"""Event rules on the blank pipeline: a trigger word widened to the words that say which event it is."""
import pytest

HEAD = "Headline\n\n"


def events(nlp, text):
    doc = nlp(HEAD + text)
    return {(span.text, span.label_) for span in doc.spans["kg_events"]}


@pytest.mark.parametrize("text, expected", [
    ("The first round of talks between Iraq and the United States began.",
     ("first round of talks between Iraq and the United States", "Talks")),
    ("A drone attack killed three soldiers.", ("drone attack", "Attack")),
    # words before the trigger that say which event it is
    ("The overnight attack cut power to thousands.", ("overnight attack", "Attack")),
    ("Russia launched its full-scale invasion in February 2022.", ("full-scale invasion in February 2022", "Attack")),
    ("The fighters carried out a tactical withdrawal.", ("tactical withdrawal", "Withdrawal")),
    ("Montenegro narrowly won a snap parliamentary election on Sunday.", ("snap parliamentary election", "Election")),
    # a year, a month and year, or a tally before the trigger
    ("The generals seized power in a 2021 coup.", ("2021 coup", "Coup")),
    ("Ties cooled after the July 2023 coup.", ("July 2023 coup", "Coup")),
    ("The 70-29 vote followed months of talks.", ("70-29 vote", "Vote")),
    ("Trump told a campaign rally that he would not.", ("campaign rally", "Rally")),
    ("The Environment Agency opened a separate criminal investigation.", ("separate criminal investigation", "Investigation")),
])
def test_event_triggers_and_their_words(nlp, text, expected):
    assert expected in events(nlp, text)


@pytest.mark.parametrize("text, not_included", [
    ("A possible withdrawal was discussed.", "possible withdrawal"),
    ("It opened a similar investigation.", "similar investigation"),
    ("They carried out attacks and launched strikes.", "launched strikes"),
    ("The two governments are expected to start talks soon.", "start talks"),
])
def test_hedges_and_verbs_are_not_part_of_the_event(nlp, text, not_included):
    assert not_included not in {span for span, _ in events(nlp, text)}


@pytest.mark.parametrize("text, expected", [
    ("The earthquake flattened two villages.", ("earthquake", "Disaster")),
    ("Crews fought the wildfire through the night.", ("wildfire", "Disaster")),
    ("The tunnel collapse trapped nine workers.", ("tunnel collapse", "Accident")),
    ("The union called a fourth walkout.", ("fourth walkout", "Strike")),
    ("The company announced layoffs on Tuesday.", ("layoffs", "Layoffs")),
    ("The court's ruling surprised the government.", ("ruling", "Ruling")),
    ("Troops took part in the joint exercise.", ("joint exercise", "Exercise")),
])
def test_events_beyond_politics_and_war(nlp, text, expected):
    assert expected in events(nlp, text)


@pytest.mark.parametrize("text, absent", [
    ("The ruling party lost its majority.", "ruling"),
    ("The Pacific Wildfire Service said it was ready.", "Wildfire"),
])
def test_a_trigger_inside_a_name_or_before_a_noun_is_no_event(nlp, text, absent):
    assert absent not in {span for span, _ in events(nlp, text)}


@pytest.mark.parametrize("text, expected", [
    ("Cyclone Ambud made landfall on Sunday.", ("Cyclone Ambud", "Disaster")),
    ("Residents fled as Hurricane Delia approached the coast.", ("Hurricane Delia", "Disaster")),
])
def test_a_named_storm_is_an_event_not_a_person(nlp, text, expected):
    doc = nlp(HEAD + text)
    assert expected in {(span.text, span.label_) for span in doc.spans["kg_events"]}
    assert [e for e in doc.ents if e.label_ == "Person"] == []
