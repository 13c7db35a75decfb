"""Quote rules on the blank pipeline: (text, expected quote, speaker name, direct) cases."""
import pytest

HEAD = "Headline\n\n"


def quotes(records_of, text):
    records = records_of(HEAD + text)
    names = {e.key: e for e in records.entities}
    return [(q.text, names[q.speaker].aliases[0] if q.speaker else None, q.direct) for q in records.quotes]


@pytest.mark.parametrize("text, expected", [
    ("“We will stay,” Sabrina Singh said.", ("We will stay,", "Sabrina Singh", True)),
    ("“We will stay,” said Sabrina Singh.", ("We will stay,", "Sabrina Singh", True)),
    ("Sabrina Singh said: “We will stay.”", ("We will stay.", "Sabrina Singh", True)),
    ("“The talks will decide,” Farhad Alaaldin told AFP.", ("The talks will decide,", "Farhad Alaaldin", True)),
    ("“We had no choice,” Ruth Meyer, the chief negotiator for Mark Feld’s union, told reporters.",
     ("We had no choice,", "Ruth Meyer", True)),
    ("“Troops stay for now,” according to Sabrina Singh.", ("Troops stay for now,", "Sabrina Singh", True)),
    ("Sabrina Singh acknowledged that the footprint “will certainly be part of the talks.”",
     ("will certainly be part of the talks.", "Sabrina Singh", True)),
    ("“The meetings resumed in Baghdad,” General Yehia Rasool, military spokesman for the army, said.",
     ("The meetings resumed in Baghdad,", "Yehia Rasool", True)),
    # a participle's speaker is the subject of the sentence, not the person it names
    ("The Polish Tennis Association congratulated Nowel on X, saying she had “fought like a lion”.",
     ("fought like a lion", "Polish Tennis Association", True)),
])
def test_direct_quotes_and_speakers(records_of, text, expected):
    assert expected in quotes(records_of, text)


def test_pronoun_resolves_to_last_speaker(records_of):
    found = quotes(records_of, "“First point,” Yehia Rasool said.\n\n“Second point follows here,” he added.")
    assert found[1] == ("Second point follows here,", "Yehia Rasool", True)


def test_paragraph_of_quote_continues_previous_speaker(records_of):
    found = quotes(records_of, "“The talks will decide,” Farhad Alaaldin told AFP.\n\n"
                               "“Iraq is engaging the other countries in the coalition.”")
    assert found[1][1] == "Farhad Alaaldin"


def test_a_quotation_over_several_paragraphs_is_one_statement_per_paragraph(records_of):
    found = quotes(records_of, "“We have to remember the cost of supporting Ukraine. It is an investment.\n\n"
                               "“The decisions we take now will shape European security,” Jens Stoltenberg said.")
    assert found == [("We have to remember the cost of supporting Ukraine. It is an investment.", "Jens Stoltenberg", True),
                     ("The decisions we take now will shape European security,", "Jens Stoltenberg", True)]


def test_a_quotation_missing_its_closing_mark_ends_at_its_attribution(records_of):
    found = quotes(records_of, "“There will be no negotiation with them, Yehia Rasool told troops there, "
                               "according to a video.\n\nThe army said nothing more.")
    assert found[0] == ("There will be no negotiation with them", "Yehia Rasool", True)


def test_the_source_after_an_unclosed_quotation_is_not_a_statement(records_of):
    found = quotes(records_of, "“We had ten minutes to pack the car, said Mirela Dobrev, who left her home in the "
                               "valley with her sons. She said the road was already closed by then.")
    assert found == [("We had ten minutes to pack the car", "Mirela Dobrev", True),
                     ("the road was already closed by then", "Mirela Dobrev", False)]


def test_a_title_nobody_was_given_is_the_last_person_named(records_of):
    found = quotes(records_of, "Tomas Reyna scored twice. “It was a tough game,” the captain said.")
    assert found == [("It was a tough game,", "Tomas Reyna", True)]


def test_a_name_in_apposition_after_a_description_speaks(records_of):
    found = quotes(records_of, "The company’s chief executive, Lena Berglund, said the merger would create the "
                               "region’s largest carrier.")
    assert found == [("the merger would create the region’s largest carrier", "Lena Berglund", False)]


def test_words_before_a_colon_introduce_the_quotation(records_of):
    found = quotes(records_of, "Mayor Idris Kaya told a crowd of supporters on Sunday night: “The city has spoken.”")
    assert found == [("The city has spoken.", "Idris Kaya", True)]


def test_a_one_word_answer_after_a_colon(records_of):
    found = quotes(records_of, "Asked whether he would resign, Idris Kaya replied: “Never.”")
    assert found == [("Never.", "Idris Kaya", True)]


@pytest.mark.parametrize("text", ['said " ‘ said', "“ ‘We stay,” she said.", "He said “ we stay ” today."])
def test_a_quotation_s_text_is_the_words_at_its_offsets(records_of, text):
    records = records_of(text)
    assert records.quotes
    assert all(records.source.text[q.start:q.end] == q.text for q in records.quotes)


def test_a_capitalised_word_after_told_at_the_text_s_end_is_read(records_of):
    assert records_of("told B").quotes == ()


def test_the_person_told_is_not_the_speaker(records_of):
    found = quotes(records_of, "“I told him the roof was moving,” the witness told Magistrate Karl Vella.")
    assert ("I told him the roof was moving,", "Karl Vella", True) not in found


def test_a_clause_after_while_has_its_own_speaker(records_of):
    found = quotes(records_of, "Finance Minister Boris Lendl said the budget would hold, while his Czech counterpart, "
                               "Jana Horakova, warned against “spending every windfall at once”.")
    assert ("spending every windfall at once", "Jana Horakova", True) in found


@pytest.mark.parametrize("text, expected", [
    ("Karen Holt said the plan was “a betrayal of every patient”, while the Green Party called for a vote.",
     ("a betrayal of every patient", "Karen Holt", True)),
    ("She said the union would call off the strike “by the weekend” if the employer agreed to talks.",
     ("by the weekend", None, True)),
])
def test_a_clause_after_the_quotation_is_not_its_attribution(records_of, text, expected):
    found = quotes(records_of, "Karen Holt spoke.\n\n" + text if expected[1] is None else text)
    expected = (expected[0], expected[1] or "Karen Holt", expected[2])
    assert expected in found


@pytest.mark.parametrize("text, expected", [
    ("The Port Authority said ferries were cancelled. A spokesperson said crews would inspect the piers "
     "“before any boat sails”.", ("before any boat sails", "Port Authority", True)),
    ("The Northern Water Board (NWB), which manages the reservoirs in the hills, said the levels had fallen "
     "below the summer average.", ("the levels had fallen below the summer average", "Northern Water Board", False)),
])
def test_an_organization_speaks_through_unnamed_staff_and_asides(records_of, text, expected):
    assert expected in quotes(records_of, text)


@pytest.mark.parametrize("text, expected", [
    # an organization named again by its first word
    ("Skarvik Airways agreed to buy the carrier. Skarvik, a member of Star Alliance, said the routes would stay "
     "“in an orderly manner” after the deal.", ("in an orderly manner", "Skarvik Airways", True)),
    # a title owned by an organization is the person who holds it
    ("Dean Holloway, the Arden Rovers manager, watched. Arden Rovers lost 2-1.\n\n“The boy was brilliant tonight,” "
     "the Arden manager said.", ("The boy was brilliant tonight,", "Dean Holloway", True)),
    # "it" after an opening phrase is not a name in that phrase
    ("The Chinese Defense Ministry disagreed. In remarks carried by the state broadcaster CCTV, it said the ship had "
     "been sailing in international waters.",
     ("the ship had been sailing in international waters", "Chinese Defense Ministry", False)),
    ("The Chinese Defense Ministry disagreed. In remarks carried by the state broadcaster CCTV, it said the ship had "
     "been on “a routine voyage” all week.", ("a routine voyage", "Chinese Defense Ministry", True)),
    # the outlet a statement went to is not "it"
    ("Borealis Mining said in a statement to AFP that it would appeal. It said its staff would stay “for as long as "
     "it is safe”.", ("for as long as it is safe", "Borealis Mining", True)),
    # "he" after a statement is its speaker, not a man the statement names
    ("Coach Adam Varga said his side had been “a couple of batters short” since Cameron Blake and Josh Ingram were "
     "called up for the tour. “It is not an excuse, it is the reality,” he said.",
     ("It is not an excuse, it is the reality,", "Adam Varga", True)),
])
def test_who_a_reference_to_a_speaker_names(records_of, text, expected):
    assert expected in quotes(records_of, text)


def test_single_quotation_marks(records_of):
    found = quotes(records_of, "‘This is less a win for us than a loss for the government’s allies,’ said Mira Kovač, "
                               "a historian at Zagreb University. ‘Turnout decided it.’\n\nDario Horvat conceded "
                               "that his party had ‘lost ground’ and said it would ‘listen to the voters’.")
    assert found[:2] == [("This is less a win for us than a loss for the government’s allies,", "Mira Kovač", True),
                         ("Turnout decided it.", "Mira Kovač", True)]
    assert ("listen to the voters", "Dario Horvat", True) in found


def test_he_is_the_last_person_named_outside_what_was_quoted(records_of):
    found = quotes(records_of, "Luís Montenegro told supporters that he expected President Marcelo Rebelo de Sousa "
                               "to invite him. He said that “the people have asked for change.”")
    assert ("the people have asked for change.", "Luís Montenegro", True) in found


@pytest.mark.parametrize("text, expected", [
    ("“It was close,” said the referee, Tom Ash.\n\nAfter the match, midfielder Kofi Mensah dedicated the goal to "
     "his late coach Samuel Boateng, who died in May.\n\n“He taught me everything,” he said.",
     ("He taught me everything,", "Kofi Mensah", True)),
    ("Lars Dahl showed the visitors a drawing by Henrik Berg. “We kept every line,” he said.",
     ("We kept every line,", "Lars Dahl", True)),
])
def test_a_pronoun_after_a_sentence_naming_several_people_is_its_subject(records_of, text, expected):
    assert expected in quotes(records_of, text)


@pytest.mark.parametrize("text, expected", [
    # the given name says who "she" can be
    ("“Costs rose,” Sabrina Tellet said. Her deputy, Andrew Morrow, agreed with the figures.\n\n"
     "“We will cut them by June,” she said.", ("We will cut them by June,", "Sabrina Tellet", True)),
    # and so do an honorific and a title
    ("“Costs rose,” Ms. Okafor said. Andrew Morrow agreed.\n\n“We will cut them,” she said.",
     ("We will cut them,", "Okafor", True)),
    ("“Costs rose,” Mr. Okafor said. The spokeswoman, Dana Kerrigan, agreed.\n\n“We will cut them,” he said.",
     ("We will cut them,", "Okafor", True)),
])
def test_a_pronoun_stands_for_a_person_of_its_gender(records_of, text, expected):
    assert expected in quotes(records_of, text)


@pytest.mark.parametrize("text, expected", [
    # "it" is the organization that spoke last, not one named inside its statement's sentence
    ("Minera Altamira, which is controlled by Keystone Pacific Mining, said it had a contingency plan. It said its "
     "final offer included a wage increase.", ("its final offer included a wage increase", {"Minera Altamira"})),
    # "they" and "the statement" are the speakers of the last joint statement
    ("Sen. Mark Ellison and Rep. Dana Whitaker said in a joint statement that the Pentagon should send jets.\n\n"
     "“The jets at Siauliai are the front line of NATO’s deterrence,” they said.",
     ("The jets at Siauliai are the front line of NATO’s deterrence,", {"Mark Ellison", "Dana Whitaker"})),
    ("Union No. 1 and the Supervisors' Union said in a joint statement that 2,300 workers had joined the strike. "
     "“The company chose confrontation over a fair deal,” the statement said.",
     ("The company chose confrontation over a fair deal,", {"Union No. 1", "Supervisors' Union"})),
    # a second quotation after "said X." in straight marks: X, not a pronoun inside the first quotation
    ("Kondo, 27, runs for the corporate team Kanto Denki.\n\n\"I wanted to be there,\" said Kondo. \"At 35 km I "
     "told myself to hold on.\"", ("At 35 km I told myself to hold on.", {"Kondo"})),
])
def test_a_pronoun_or_a_statement_refers_back_to_the_last_speakers(records_of, text, expected):
    records = records_of(HEAD + text)
    names = {e.key: e.name for e in records.entities}
    (quote,) = [q for q in records.quotes if q.text == expected[0]]
    speakers = {names[k] for k in (quote.speaker, *quote.co_speakers)}
    assert speakers == expected[1]


@pytest.mark.parametrize("text, expected", [
    ("Lewis Pearce, the striker, scored twice.\n\n“We are looking up,” the striker told reporters.",
     ("We are looking up,", "Lewis Pearce", True)),
    ("The junta revoked the accord, its spokesman announced on television. Spokesman Issoufou Maiga said "
     "the accord was over.\n\n“We owe them nothing,” the spokesman said.", ("We owe them nothing,", "Issoufou Maiga", True)),
])
def test_a_title_names_the_person_who_holds_it(records_of, text, expected):
    assert expected in quotes(records_of, text)


@pytest.mark.parametrize("text, expected", [
    ("In Setúbal, a port city south of Lisbon, Joaquim Ferreira, a retired fisherman, said “we were ignored.”",
     ("we were ignored.", "Joaquim Ferreira", True)),
    ("Ukraine’s President Volodymyr Zelensky — who visited the east — said the weeks would be “difficult "
     "but decisive” for the army.", ("difficult but decisive", "Volodymyr Zelensky", True)),
    ("Iran — which denies arming the Houthis — said the strikes would fuel “insecurity and instability” there.",
     ("insecurity and instability", "Iran", True)),
    # a verb of saying inside a reported clause: the one who reports it speaks
    ("Nora Field acknowledged that the decision by President Alan Cole had added “a fresh layer of doubt”.",
     ("a fresh layer of doubt", "Nora Field", True)),
    # the country that owns the title is not the speaker, the name in apposition is
    ("Spain’s foreign minister, José Albares, said Madrid was in “permanent contact” with Rabat.",
     ("permanent contact", "José Albares", True)),
])
def test_the_subject_before_insertions_speaks(records_of, text, expected):
    assert expected in quotes(records_of, text)


@pytest.mark.parametrize("text, expected", [
    ("“It is a rounding error” — a spokesperson for the campaign group Rivers First, which monitors rivers.",
     ("It is a rounding error", "Rivers First", True)),
    ("“No delegation was sent,” according to Israel’s public broadcaster Kan.",
     ("No delegation was sent,", "Kan", True)),
    # a title of an office, then the name in apposition
    ("The Director-General of the Water Board (WB), Mr Tshepo Molefe, said: “The dam is full.”",
     ("The dam is full.", "Tshepo Molefe", True)),
])
def test_the_name_after_its_description_speaks(records_of, text, expected):
    assert expected in quotes(records_of, text)


def test_a_paragraph_of_quotation_continues_the_last_statement_s_speaker(records_of):
    found = quotes(records_of, "“We are searching every house,” Kedar Ghimire said.\n\n"
                               "Dr. Sunita Karki, the chief surgeon, said the hospital had run out of beds.\n\n"
                               "“We need more surgeons, and we need blood.”")
    assert found[-1] == ("We need more surgeons, and we need blood.", "Sunita Karki", True)


def test_a_hyphen_typed_for_a_dash_attributes(records_of):
    found = quotes(records_of, '"Our priority is every departing colleague." - Leah Montrose, a spokeswoman for the firm')
    assert found[0][1] == "Leah Montrose"


def test_reported_speech_is_indirect(records_of):
    found = quotes(records_of, "Yehia Rasool said the meetings were aimed at setting up a timeline.")
    assert found == [("the meetings were aimed at setting up a timeline", "Yehia Rasool", False)]


@pytest.mark.parametrize("text", [
    "Iraqi complaints of US “aggression” against their territory.",
    "He appeared on “Fox News Sunday” last week.",
    "Attacks were claimed by the “Islamic Resistance in Iraq”, a network.",
])
def test_scare_quotes_and_titles_are_not_statements(records_of, text):
    assert quotes(records_of, text) == []


@pytest.mark.parametrize("text", [
    "The museums lent the objects for three years, a “long-term loan” arrangement, the museum said.",
    "The union said members would vote on “work-to-rule” measures.",
])
def test_a_quoted_compound_before_its_noun_is_a_term(records_of, text):
    assert [q for q in quotes(records_of, text) if q[2]] == []


def test_unbalanced_marks_keep_the_rest_of_the_article(records_of):
    found = quotes(records_of, "He said “we will stay.\n\nSabrina Singh said: “We leave soon.”")
    assert ("We leave soon.", "Sabrina Singh", True) in found


@pytest.mark.parametrize("text, expected", [
    # a dash attribution names the source, or the organization of an unnamed spokesperson
    ("“We are not there yet, but we are not far” — Ahmed Fahmy, a spokesperson for the ministry.",
     ("We are not there yet, but we are not far", "Ahmed Fahmy", True)),
    ("“Heat is a silent killer, because it rarely appears on a death certificate” — a spokesperson for the World Health Organization.",
     ("Heat is a silent killer, because it rarely appears on a death certificate", "World Health Organization", True)),
    # a viewpoint framing
    ("For Iraq’s foreign ministry, the aim would lead to “a specific and clear timeline for the reduction”.",
     ("a specific and clear timeline for the reduction", "Iraq’s foreign ministry", True)),
    # a second verb of saying chained after a quotation keeps its speaker
    ("Chuck Schumer described the bill as “a down payment on American security” and said it would be watched “in Moscow, in Beijing and in Tehran.”",
     ("in Moscow, in Beijing and in Tehran.", "Chuck Schumer", True)),
    # a participle after the subject's own clause
    ("Governor Luis Ortega spoke on Monday. Ortega has rejected that view, telling senators last week that the bank "
     "“acts on evidence, and only evidence.”", ("acts on evidence, and only evidence.", "Luis Ortega", True)),
    # two hyphens typed for a dash
    ("\"That was the longest night of my life.\" -- Dana Whitlock", ("That was the longest night of my life.",
                                                                   "Dana Whitlock", True)),
    # a subject whose relative clause names others, then a second verb
    ("The Freight Council, whose members include Maersk and DHL, welcomed the deal but said the terms “fall short "
     "of what was promised”.", ("fall short of what was promised", "Freight Council", True)),
    # a verb of saying inside an earlier quotation is not this one's
    ("Mayor Rita Okoye said the town was still waiting for help from the Flood Recovery Agency.\n\n“We were told "
     "that everyone would be safe,” she said. “Dozens of them are back on their roofs.”",
     ("Dozens of them are back on their roofs.", "Rita Okoye", True)),
    # a rank abbreviation does not end the sentence
    ("“The enemy is going after the energy system again,” air force spokesman Col. Andriy Savchuk said.",
     ("The enemy is going after the energy system again,", "Andriy Savchuk", True)),
])
def test_more_attribution_forms(records_of, text, expected):
    assert expected in quotes(records_of, text)


def test_a_word_of_a_compound_is_not_a_verb_of_saying(records_of):
    records = records_of(HEAD + 'Jo Park told Reuters that its so-called "green lane" scheme was about safety.')
    assert records.quotes and all(q.cue == "told" for q in records.quotes)


def test_a_plural_noun_is_not_a_verb_of_saying(records_of):
    found = quotes(records_of, "Khalil al-Masri told Al Jazeera that the group had shown “all the flexibility needed” "
                               "but would not give up its core demands.")
    assert ("all the flexibility needed", "Khalil al-Masri", True) in found


@pytest.mark.parametrize("text, expected", [
    ('Matas Vilkas won the match.\n\nVilkas laughed. "At home they call me the quiet one. I like this one better."',
     ("At home they call me the quiet one. I like this one better.", "Matas Vilkas", True)),
    ('Ana Ruiz lost.\n\nAsked about the final, Ruiz shrugged. "We will be back next year, stronger than ever."',
     ("We will be back next year, stronger than ever.", "Ana Ruiz", True)),
])
def test_a_quotation_after_a_sentence_about_a_person_is_theirs(records_of, text, expected):
    assert expected in quotes(records_of, text)


def test_a_translation_in_brackets_between_quotation_and_speaker(records_of):
    text = ('"Hindi ito laban sa pamilya. Laban ito sa monopolyo," (This is not against families. It is against '
            'monopoly.) said Sen. Rosa Bantug, the bill\'s sponsor.')
    assert ("Hindi ito laban sa pamilya. Laban ito sa monopolyo,", "Rosa Bantug", True) in quotes(records_of, text)


def test_a_quotation_before_a_second_verb_is_the_sentence_speaker_s(records_of):
    text = ("Fewer Marines is good news, residents said.\n\nIn Hagatna, Gov. Ana Cruz said in a statement that the "
            "island was “ready and proud” to host the Marines but warned that roads needed federal money.")
    assert ("ready and proud", "Ana Cruz", True) in quotes(records_of, text)


def test_a_quoted_phrase_inside_a_reported_clause_is_the_clause_speaker_s(records_of):
    text = ("Defence Minister Ana Cruz welcomed the arrival. She told the Senate's defence committee that the plan had "
            "been agreed \"in close consultation\" and was \"a clear signal of our deterrence posture.\"")
    found = quotes(records_of, text)
    assert ("a clear signal of our deterrence posture.", "Ana Cruz", True) in found
    assert ("in close consultation", "Ana Cruz", True) in found


def test_went_on_introduces_a_quotation(records_of):
    text = ('Ishmael Tora told the assembly that the delay was a betrayal of the peace.\n\nHe went on: "We are '
            'patient people. We fought a war."')
    assert ("We are patient people. We fought a war.", "Ishmael Tora", True) in quotes(records_of, text)


def test_speakers_listed_with_their_countries_titles(records_of):
    text = ("In a joint statement, Australia's Foreign Minister Ann Lowe and New Zealand's Foreign Minister Tom Reid "
            "said they respected \"the sovereign processes of Papua New Guinea\" and stood ready.")
    records = records_of(HEAD + text)
    names = {e.key: e.name for e in records.entities}
    (quote,) = [q for q in records.quotes if q.direct]
    assert {names[quote.speaker], *(names[c] for c in quote.co_speakers)} == {"Ann Lowe", "Tom Reid"}


@pytest.mark.parametrize("text, expected", [
    # straight single marks: the name inside the last quotation is not the next one's speaker
    ("'The dams will never again run dry at Day Nine,' said Mayor Lerato Khumalo. 'Rain is no plan.'",
     ("Rain is no plan.", "Lerato Khumalo", True)),
    # a translation in brackets between the quotation and "said X"
    ("“Tango no se baila,” (Tango is not danced in Buenos Aires) said Rosa Quiroga, 70. “I still do.”",
     ("I still do.", "Rosa Quiroga", True)),
    # "a growers’ union" describes the name before it, not the union named earlier; its ’ is no quotation mark
    ("The European Union backed the plan. The Fédération viticole, a growers’ union, said the plan came too late.",
     ("the plan came too late", "Fédération viticole", False)),
    ("Sen. Ana Ruiz said on CBS’ “Face the Nation” on Sunday that the shells were running out.",
     ("the shells were running out", "Ana Ruiz", False)),
    # a post of a body, then the name in apposition
    ("The Mayoral Committee Member for Transport, Councillor Lindiwe Dube, said the buses would run on time.",
     ("the buses would run on time", "Lindiwe Dube", False)),
    # a quotation mark inside a name ("Mac a’") is no mark
    ("Its chairwoman, Councillor Ealasaid Mac a’ Ghobhainn, said: “This keeps happening.”",
     ("This keeps happening.", "Ealasaid Mac a’ Ghobhainn", True)),
    # a word for a person already in the story: the one who spoke last
    ("Samir Haddad, 41, was giving evidence against Paul Grech. “We dug all day,” he said.\n\n"
     "“The wall moved,” the witness told Magistrate Anna Borg.", ("The wall moved,", "Samir Haddad", True)),
    # ... or, when nobody has spoken yet, the person last named at the head of a sentence
    ("Tomasz Nowak, 52, was giving evidence against Helen Attard.\n\nThe mechanic said he had checked the brakes.",
     ("he had checked the brakes", "Tomasz Nowak", False)),
    # ... or the person who heads a sentence of the same paragraph since ("the Pune grandmaster": a place before
    # a person noun)
    ("“We won,” said Tomasz Nowak.\n\nAnil Deshpande, who led after five rounds, was calm. “It was long,” the Pune "
     "grandmaster told ChessBase.", ("It was long,", "Anil Deshpande", True)),
    # an age or a demonym as a noun stands for a person already in the story
    ("Anil Deshpande won again. “I was patient,” the 22-year-old said.", ("I was patient,", "Anil Deshpande", True)),
    ("Anil Deshpande won again. “It was long,” the Norwegian added.", ("It was long,", "Anil Deshpande", True)),
    ("Mikkel Holm won the stage. “I came to win the race,” the Dane told reporters.",
     ("I came to win the race,", "Mikkel Holm", True)),
    # a demonym noun stands for the person the article gave that nationality, also when another spoke last
    ("Denmark’s Mikkel Holm finished fourth. Juan Rubiano won the stage.\n\n“I hate waiting,” Rubiano said.\n\n"
     "“I came to win the race,” the Dane told reporters.", ("I came to win the race,", "Mikkel Holm", True)),
    ("Danish rider Mikkel Holm was fourth. Juan Rubiano won.\n\n“I hate waiting,” Rubiano said.\n\n"
     "“I came to win the race,” the Dane told reporters.", ("I came to win the race,", "Mikkel Holm", True)),
    # a demonym or a modifier between the article and the title
    ("Brigadier General Mamadou Diouf said the mission was over.\n\n“There was fear on all sides,” the Senegalese "
     "officer told the gathering.", ("There was fear on all sides,", "Mamadou Diouf", True)),
    # the part after "…,” she said." is hers too, whoever the first part names
    ("Private Arman Seitkali, 19, died on Sunday.\n\nSeitkali’s mother, Gulnara Seitkali, told reporters that her son "
     "had called her.\n\n“He told me, ‘Mama, everything is fine.’ He sounded tired,” she said. “Then a boy from his "
     "company called me.”", ("Then a boy from his company called me.", "Gulnara Seitkali", True)),
    # a verb of manner after a quotation attributes it, and the quotation after it
    ("Juan Rubiano won the stage.\n\n‘I hate waiting,’ Rubiano laughed at the finish. ‘But he was right.’",
     ("But he was right.", "Juan Rubiano", True)),
    # "highlighted that" introduces the partial quotation of its clause
    ("Defense Minister Walter Astete welcomed the decision and highlighted that joint training had allowed units "
     "to “raise their standards in search and rescue.”", ("raise their standards in search and rescue.",
                                                          "Walter Astete", True)),
    ("Anil Deshpande won again.\n\nAsked whether he had seen the winning move before the game, the Indian laughed. "
     "“No. I saw it late.”", ("No. I saw it late.", "Anil Deshpande", True)),
    # a family name written first names the person alone later
    ("Zhou Minghui drew with Tomasz Nowak.\n\nZhou, the only debutant, said she was happy with the result.",
     ("she was happy with the result", "Zhou Minghui", False)),
    # a name and a colon open a subheading's quotation
    ("Tomasz Nowak, the 22-year-old from Gdańsk, won again.\n\nTomasz Nowak: “I just had to be patient”\n\n"
     "On board two the game was drawn.", ("I just had to be patient", "Tomasz Nowak", True)),
    # "CLAUSE, a ministry spokesperson said, adding that “…”": the source goes on, not a name inside CLAUSE
    ("The Culture Ministry rejected the claim. Tomasz Nowak lied about the site, a ministry spokesperson said, adding "
     "that the site was “part of the heritage of all of us.”", ("part of the heritage of all of us.",
                                                               "Culture Ministry", True)),
    # a procuracy is an organization
    ("The People’s Procuracy of Da Nang said the losses were “especially serious”.",
     ("especially serious", "People’s Procuracy of Da Nang", True)),
    # who asked is not who answers
    ("Samir Haddad, 41, was giving evidence. “We dug all day,” he said.\n\n"
     "Asked by prosecuting Inspector Mark Zahra what happened next, he replied: “We kept digging.”",
     ("We kept digging.", "Samir Haddad", True)),
])
def test_speakers_around_names_marks_and_questions(records_of, text, expected):
    assert expected in quotes(records_of, text)


def test_the_name_after_told_is_spoken_to_even_with_no_speaker_named(records_of):
    text = "Anil Deshpande, 31, drew. The Indian number one told the broadcaster NDTV that he had “missed a chance”."
    assert "NDTV" not in {speaker for _, speaker, _ in quotes(records_of, text)}


def test_a_short_quotation_with_an_apostrophe_is_one_statement(records_of):
    # the clause before the source is the quotation itself, not a reported statement beside it
    found = quotes(records_of, "Jane Doe is a minister.\n\n“It’s over,” Doe said.")
    assert found == [("It’s over,", "Jane Doe", True)]
