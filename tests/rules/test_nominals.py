"""Organizations referred to without their name: (text, phrase, expected organization name) cases."""
import pytest

HEAD = "Headline\n\n"


def key_of(records, text, surface, last=False):
    """The entity key of the mention ``surface`` (its first or last occurrence in ``text``)."""
    start = text.rindex(surface) if last else text.index(surface)
    return next(m.entity for m in records.mentions if m.start == start and m.text == surface)


@pytest.mark.parametrize("text, antecedent, reference", [
    ("The US-led coalition met in Baghdad. Later the coalition said it would stay.", "US-led coalition", "coalition"),
    ("The office of Prime Minister Mohamed Shia al-Sudani issued a photo. The office said talks began.",
     "office of Prime Minister Mohamed Shia al-Sudani", "office"),
    ("The Higher Military Commission met. The commission will meet again.", "Higher Military Commission", "commission"),
    ("the Islamic State (IS) jihadist group grew. In 2014 the jihadist group overran Mosul.",
     "Islamic State", "jihadist group"),
    # the head word before a name's complement
    ("The Supreme Court of Colorado ruled on Thursday. The court said the board had exceeded its powers.",
     "Supreme Court of Colorado", "court"),
    # a description of another head word: the organization last named
    ("Andina Mining operates the mine. The company said inspections had been carried out in May.",
     "Andina Mining", "company"),
    ("The Nurses Organisation of Ireland balloted members. The union said the strike would begin on Tuesday.",
     "Nurses Organisation of Ireland", "union"),
    # a description of a kind of organization: the last name of that kind, not the last name
    ("The Food Standards Agency said on Monday that the recall was complete. Dr Ana Ruiz, a chemist at the "
     "Pasteur Institute, welcomed it. The regulator said no illness had been reported.",
     "Food Standards Agency", "regulator"),
    ("Jets were scrambled by the North American Aerospace Defense Command. The command said the flight was no "
     "threat.", "North American Aerospace Defense Command", "command"),
    # a name that modifies the description is not what it describes
    ("Orders from UK regulator\n\nThe Gambling Commission said the fine was final. The regulator said more "
     "would come.", "Gambling Commission", "regulator"),
    # the museum, the foundation, the county, the secretariat: heads of kinds of institution
    ("The Harwell Museum of Art will return 17 objects, the museum announced on Thursday.",
     "Harwell Museum of Art", "museum"),
    ("A survey by the Taiwanese Public Opinion Foundation (TPOF) was released. The foundation said turnout would "
     "decide.", "Taiwanese Public Opinion Foundation", "foundation"),
    ("The Kivu Central Hospital sent patients away. Later the hospital said systems were back.",
     "Kivu Central Hospital", "hospital"),
    ("Tengri Resources holds the licence. The company said it had begun arbitration.", "Tengri Resources", "company"),
    # the word the article put before a name describes it
    ("A storm could form, according to the state weather agency PAGASA. The Philippine Statistics Authority "
     "counted the losses. Later the agency said it was too early to tell.", "PAGASA", "agency"),
    # two-word descriptions, and the one-word spelling of one of them
    ("The Hellenic Coast Guard said 40 people were missing. Nine bodies were found, the coast guard said.",
     "Hellenic Coast Guard", "coast guard"),
    ("The Hellenic Coast Guard said 40 people were missing. Nine bodies were found, the coastguard said.",
     "Hellenic Coast Guard", "coastguard"),
    ("The Royal Air Force scrambled two jets. The air force said the jets had returned safely.",
     "Royal Air Force", "air force"),
])
def test_nominals_refer_back(records_of, text, antecedent, reference):
    text = HEAD + text
    records = records_of(text)
    assert key_of(records, text, reference, last=True) == key_of(records, text, antecedent)


@pytest.mark.parametrize("text, speaker", [
    # a shipped organization's name in lower case
    ("A US state department spokesperson said the administration had no plans to attend.",
     "Organization:united states department of state"),
    # a two-word description of a kind of organization: the one last named
    ("Bonhams sold 40 lots. The sale brought in $61m, with six works left unsold, the auction house said.",
     "Organization:bonhams"),
])
def test_a_description_names_a_known_organization(records_of, text, speaker):
    quotes = records_of(HEAD + text).quotes
    assert quotes[-1].speaker == speaker


def test_a_country_owned_ministry_is_its_own_organization(records_of):
    records = records_of(HEAD + "For Iraq’s foreign ministry, the aim would eventually lead to formulating “a specific timeline for the gradual reduction”.")
    (quote,) = records.quotes
    assert quote.speaker == "Organization:iraq foreign ministry"


@pytest.mark.parametrize("text, speaker", [
    ("Chile’s central bank held its rate on Tuesday and said it expected inflation to ease by the summer.",
     "Organization:chile central bank"),
    ("The vote came after Peru’s electoral commission said the count would end by the weekend.",
     "Organization:peru electoral commission"),
    ("According to the health ministry, 1,200 patients were waiting on trolleys on Tuesday morning.",
     "Organization:health ministry"),
])
def test_a_two_word_head_keeps_its_owner(records_of, text, speaker):
    (quote,) = records_of(HEAD + text).quotes
    assert quote.speaker == speaker


def test_a_country_s_government_speaks_for_the_country(records_of):
    records = records_of(HEAD + "Ships from Greece sailed on. The Greek government said the vessel had entered its "
                                "waters on Monday.")
    (quote,) = records.quotes
    assert quote.speaker == "Place:greece"


@pytest.mark.parametrize("text, speaker", [
    # an institution's capitalised head word alone is its name
    ("Soldiers from the Army were flown in overnight, the Army said on Sunday.", "Organization:army"),
    ("The budget would be balanced by 2028, members of Parliament said on Monday.", "Organization:parliament"),
    ("The vote in the European parliament was close, the European parliament said.",
     "Organization:european parliament"),
    # a government below the country's is not the country's
    ("Neuquén’s provincial government said it would declare the farm a protected site.",
     "Organization:neuquen provincial government"),
    ("The regional government of Arequipa said it had declared a state of emergency.",
     "Organization:regional government of arequipa"),
    # an owner's head word is not the nominal's
    ("Neuquén’s provincial government met. A spokesperson for the government’s science secretariat said funding "
     "for palaeontology had been protected.", "Organization:government science secretariat"),
])
def test_a_nominal_without_antecedent_is_named_by_its_words(records_of, text, speaker):
    (quote,) = records_of(HEAD + text).quotes
    assert quote.speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    # the words between a country's (or a government's) "’s" and the head say which body it is
    ("Greece's migration ministry said the survivors would be moved to a reception centre.",
     "Organization:greece migration ministry"),
    ("Three workers were treated for smoke inhalation, the Fujairah government’s media office said.",
     "Organization:government media office"),
    # and another body with the same head word named before is not it
    ("The National Disaster Management Agency said 10 people died. The government's volcano agency says it "
     "monitors all of them around the clock.", "Organization:government volcano agency"),
])
def test_a_body_described_by_its_owner_and_words(records_of, text, speaker):
    quotes = records_of(HEAD + text).quotes
    assert quotes[-1].speaker == speaker


def test_an_organization_s_own_unit_is_the_organization(records_of):
    (quote,) = records_of(HEAD + "According to OCHA’s financial tracking service, the UN has received just 19 "
                                 "percent of the money it requested.").quotes
    assert quote.speaker == "Organization:office for the coordination of humanitarian affairs"


def test_the_government_of_a_country_is_the_country(records_of):
    (quote,) = records_of(HEAD + "The government of Iraq said it was ready to talk to everyone.").quotes
    assert quote.speaker == "Place:iraq"


def test_generic_forces_of_another_country_stay_apart(records_of):
    records = records_of(HEAD + "The Iraqi armed forces took part. U.S. forces were attacked. The Iraqi security forces held.")
    keys = {m.text: m.entity for m in records.mentions}
    assert keys["Iraqi armed forces"] == keys["Iraqi security forces"]
    assert "U.S. forces" not in keys


def test_an_indefinite_description_refers_to_nothing(records_of):
    records = records_of("Headline\n\nThe talks, according to the Pentagon, are akin to a working group.")
    assert "group" not in {m.text.split()[-1] for m in records.mentions}


def test_a_head_word_right_after_a_name_is_that_name_s(records_of):
    text = HEAD + "The Philippine Statistics Authority counted. The ruling Georgian Dream party says the text is fine."
    records = records_of(text)
    assert key_of(records, text, "party") == key_of(records, text, "Georgian Dream")
    assert {e.name for e in records.entities} >= {"Georgian Dream", "Philippine Statistics Authority"}
