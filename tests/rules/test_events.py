"""Event rules on the blank pipeline: a trigger word widened to the words that say which event it is."""
import signal

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
    # a trigger's kind from its sentence: a walkout where workers strike, an attack elsewhere
    ("Dockworkers began a 48-hour strike over pay on Monday.", ("48-hour strike", "Strike")),
    ("A US strike hit the building overnight.", ("US strike", "Attack")),
    ("The 2023 cyberattack exposed the records of nine million customers.", ("2023 cyberattack", "Attack")),
    ("The rocket carrying the satellite cleared the tower; the launch was the agency’s first.", ("launch", "Launch")),
])
def test_event_triggers_and_their_words(nlp, text, expected):
    assert expected in events(nlp, text)


@pytest.mark.parametrize("text, not_included", [
    ("A possible withdrawal was discussed.", "possible withdrawal"),
    ("It opened a similar investigation.", "similar investigation"),
    ("They carried out attacks and launched strikes.", "launched strikes"),
    ("The two governments are expected to start talks soon.", "start talks"),
    ("Both sides welcomed the launch of expert working groups.", "launch"),
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
    # courts, disputes, seizures, breaches, shootings, competitions
    ("The judge ended the two-year trial in Sofia; the court sentenced him.", ("two-year trial in Sofia", "Case")),
    ("The company began arbitration proceedings in Stockholm.", ("arbitration proceedings in Stockholm", "Case")),
    ("The union said the dispute was over.", ("dispute", "Dispute")),
    ("Investors recall the 2021 seizure of the mine by the state.", ("2021 seizure", "Seizure")),
    ("Hackers stole the records of 30,000 patients in the 2020 breach.", ("2020 breach", "Attack")),
    ("Two soldiers died in the border shooting.", ("border shooting", "Attack")),
    ("Teachers backed the pay deal.", ("pay deal", "Deal")),
    ("Families left their homes before the evacuation order.", ("evacuation", "Evacuation")),
    ("The Senate estimates hearing ran late into the night.", ("Senate estimates hearing", "Hearing")),
    ("The factory fire killed 40 workers as flames spread through the building.", ("factory fire", "Disaster")),
    # a competition's name holding an organization's word that no portfolio follows
    ("The Leinster Club Football Championship Final was played in Tullamore.",
     ("Leinster Club Football Championship Final", "Competition")),
])
def test_events_beyond_politics_and_war(nlp, text, expected):
    assert expected in events(nlp, text)


def test_a_heading_in_capitals_before_an_event_word_ends(nlp):
    def stop(*_):
        raise TimeoutError("kg_events did not finish")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        found = events(nlp, "Ruiz beat Berg in the Adelaide Open final.\n\n"
                            "WOMEN'S DOUBLES FINAL: Ana Ruiz (ESP, 2) bt Mia Berg (SWE, 4) 6-3 6-2")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert ("Adelaide Open final", "Competition") in found


@pytest.mark.parametrize("text, absent", [
    ("The ruling party lost its majority.", "ruling"),
    ("The Pacific Wildfire Service said it was ready.", "Wildfire"),
    ("The ruling Georgian Dream party says the text is fine.", "ruling"),
    ("Zheng won the title. The final decision was the umpire's.", "final"),
    ("Setting the date for an American withdrawal was the aim.", "American withdrawal"),
    # a trigger whose sense its sentence does not give
    ("He was in breach of his contract.", "breach"),
    ("Police opened fire on the protesters.", "fire"),
    ("The drug passed its third trial.", "third trial"),
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


@pytest.mark.parametrize("text, expected", [
    ("Kondo won the Tokyo Marathon on Sunday.", ("Tokyo Marathon", "Competition")),
    ("Leaders met at the 25th Ordinary Summit in Arusha.", ("25th Ordinary Summit", "Meeting")),
    ("The punitive expedition, known as the Sagrenti War, ended in 1874.", ("Sagrenti War", "War")),
    ("Her first title since the US Open lifts her into the WTA Finals.", ("US Open", "Competition")),
    ("Her first title since the US Open lifts her into the WTA Finals.", ("WTA Finals", "Competition")),
    # a name before a lower-case trigger
    ("Zheng won the China Open final on Sunday.", ("China Open final", "Competition")),
])
def test_a_named_event_is_an_event_not_a_person_or_organization(nlp, text, expected):
    doc = nlp(HEAD + text)
    assert expected in {(span.text, span.label_) for span in doc.spans["kg_events"]}
    assert not [e for e in doc.ents if expected[0].endswith(e.text) and len(e) > 1]


def test_an_organization_named_after_an_event_stays_one(nlp):
    assert ("Ministry of War", "Organization") in {(e.text, e.label_) for e in nlp(HEAD + "The Ministry of War said.").ents}


@pytest.mark.parametrize("text, mention, event_mention", [
    # a bare definite trigger refers to the event of its kind the article named
    ("Dockworkers began a 48-hour strike over pay on Monday. The strike halted the terminals.", "strike",
     "48-hour strike"),
    # with none named, the article's own event of that kind
    ("Crops failed across the south. The drought has lasted three years, and the drought may worsen.", "drought",
     "drought"),
])
def test_the_event_a_bare_trigger_refers_to(records_of, text, mention, event_mention):
    text = HEAD + text
    records = records_of(text)
    last = text.rindex(mention)
    key = next(m.entity for m in records.mentions if m.start == last and m.text == mention)
    assert key == next(m.entity for m in records.mentions if m.text == event_mention)
    assert key.startswith("Event:")
