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
    # a name that ends in a capital before the full stop still ends its sentence
    ("The launch was delayed, according to SpaceX. Its engineers said the weather had improved by noon.",
     ("The launch was delayed", "SpaceX")),
    # a long source name before the comma
    ("According to the National Office for the Coordination of Drought and Famine Relief (NOCDFR), some two million "
     "people are facing hunger.", ("some two million people are facing hunger",
                                   "National Office for the Coordination of Drought and Famine Relief")),
    # ", and" before a verb of the subject's
    ("The Finance Ministry has said the loans will be repaid by June, and accuses the bank of delays.",
     ("the loans will be repaid by June", "Finance Ministry")),
    # the clause ends where the subject's next act begins
    ("The Ministry of Transport said it was following the dispute closely and urged both sides to talk.",
     ("it was following the dispute closely", "Ministry of Transport")),
    # an audience with its acronym
    ("Finance Minister Jan Dvorak told Czech Radio (CRo) that the delay would cost little.",
     ("the delay would cost little", "Jan Dvorak")),
    # a title owned by a pronoun, then the name in apposition
    ("The Green Party abstained. Its leader, Petra Novak, said her deputies would not vote for the budget.",
     ("her deputies would not vote for the budget", "Petra Novak")),
    # an apposition after the audience
    ("Ilze Berzina told the Seimas, the country’s parliament, that the sale would go ahead in May.",
     ("the sale would go ahead in May", "Ilze Berzina")),
    # "A, but that B" reports both, one statement each
    ("The Teachers Union said it would attend, but that the boycott would go on until then.",
     ("the boycott would go on until then", "Teachers Union")),
    # an unknown name before a spokesperson is the organization that speaks
    ("A Unite spokeswoman said a ballot was expected next month.", ("a ballot was expected next month", "Unite")),
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
    # a clause that opens with a quotation; an audience with its place; court pleadings
    ("The Chamber of Control said on Thursday that ‘serious irregularities’ had been found in the count.",
     ("‘serious irregularities’ had been found in the count", "Chamber of Control")),
    ("Labour Minister Carolina Fuenzalida told reporters in Santiago the government was not taking sides.",
     ("the government was not taking sides", "Carolina Fuenzalida")),
    ("Senior advocate Raghavendra Kulkarni submitted that the State was facing a rainfall deficit.",
     ("the State was facing a rainfall deficit", "Raghavendra Kulkarni")),
    # what a report or a study found: its author's
    ("A report released in March by the Assembly of First Nations (AFN) found that the agency spends more on "
     "responding to emergencies.", ("the agency spends more on responding to emergencies", "Assembly of First Nations")),
    ("According to a report by the National Bureau of Statistics (NBS), cash still dominates. The NBS report said "
     "only a third of adults had a bank account.",
     ("only a third of adults had a bank account", "National Bureau of Statistics")),
    ("According to a study by the Bandung Institute of Technology (ITB), 40,000 people live near the peaks. The "
     "study found that most of them had no car.", ("most of them had no car", "Bandung Institute of Technology")),
    # a report's author after a participle, an apposition after the source; a report that found without "that"
    ("According to a report published this month by the Caucasus Media Monitor (CMM), a Tbilisi-based watchdog, "
     "the airtime given to the opposition fell to nine percent.",
     ("the airtime given to the opposition fell to nine percent", "Caucasus Media Monitor")),
    ("A report by the Australian National Audit Office (ANAO) tabled in August found the agency had filled only "
     "61 per cent of its positions.",
     ("the agency had filled only 61 per cent of its positions", "Australian National Audit Office")),
    # the person an apposition describes, before "who"; a colon inside the clause; a description before a name
    ("Among the survivors is Ahmed Nour, a 24-year-old from Sudan's Darfur region, who said he had paid 4,000 "
     "dollars for a place.", ("he had paid 4,000 dollars for a place", "Ahmed Nour")),
    ("Irrigation Minister Hani Sewilam said the talks had stalled on the same question: how much water the dam "
     "would release.", ("the talks had stalled on the same question: how much water the dam would release",
                        "Hani Sewilam")),
    ("Mara Okonjo won. The chair of the judging panel, the broadcaster Sarah Whitlow, said the decision had been "
     "unanimous.", ("the decision had been unanimous", "Sarah Whitlow")),
    ("Okonjo’s label, the independent Glasgow imprint Lowlight Records, said sales had risen tenfold.",
     ("sales had risen tenfold", "Lowlight Records")),
    # an outlet of no known kind after "told"
    ("Energy analyst Lwazi Mthembu told News24 the failures were not a surprise.",
     ("the failures were not a surprise", "Lwazi Mthembu")),
    # a report named by its author before it; an organization located in a place speaks, not the place
    ("A Government Accountability Office report released last month found that the Air Force had not assessed "
     "the bases.", ("the Air Force had not assessed the bases", "Government Accountability Office")),
    ("Gotland Museum in Visby said it hoped to show some of the finds.",
     ("it hoped to show some of the finds", "Gotland Museum")),
    # a command named by its force's acronym is the force
    ("The Multinational Joint Task Force (MNJTF) left the town. The MNJTF command said the handover would be "
     "completed by August.", ("the handover would be completed by August", "Multinational Joint Task Force")),
    # the source before a clause of no saying
    ("Newcastle had made enquiries earlier in the window, according to Portuguese newspaper A Bola, but neither "
     "matched the price.", ("Newcastle had made enquiries earlier in the window", "A Bola")),
    # a description before a long aside, and a second clause that ends with a quoted detail
    ("The Central Bank of Nigeria (CBN) fixed the deadline. The apex bank, in a statement signed by its Director, "
     "Currency Operations, Mrs Halima Bello-Usman, said the old notes would circulate until the deadline, and that "
     "banks must accept the old notes from customers “without any limit or charge” until then.",
     ("banks must accept the old notes from customers “without any limit or charge” until then",
      "Central Bank of Nigeria")),
    # a description, then the organization's name in apposition; a name with a relative clause after it
    ("The terminal’s operator, Gulf Meridian Terminals, said firefighters had contained the blaze.",
     ("firefighters had contained the blaze", "Gulf Meridian Terminals")),
    ("The EU Monitoring Mission in Armenia (EUMA), which patrols the border, said one of its teams had visited.",
     ("one of its teams had visited", "EU Monitoring Mission in Armenia")),
    # a title or a describing word before the name in apposition
    ("The union wants pay. Its secretary general, Dr Samuel Oyugi, said the government had run out of excuses.",
     ("the government had run out of excuses", "Samuel Oyugi")),
    ("The Coalition's defence spokesman, Liberal senator Andrew Kessing, said the government had lost control.",
     ("the government had lost control", "Andrew Kessing")),
    ("The Aegean Meridian’s manager, Athens-based Kyranis Maritime, said none of its 21 crew members had been hurt.",
     ("none of its 21 crew members had been hurt", "Kyranis Maritime")),
    # an abbreviated rank ends no sentence
    ("Vice Adm. Carla Brennan, the fleet’s commander, said in a statement that she had relieved the captain.",
     ("she had relieved the captain", "Carla Brennan")),
    # a country's officials: the country speaks
    ("US officials said the schedule would depend on conditions.",
     ("the schedule would depend on conditions", "United States")),
    ("NATO jets scrambled twice to shadow Russian aircraft near the border, Estonian officials said.",
     ("NATO jets scrambled twice to shadow Russian aircraft near the border", "Estonia")),
    # a long source after the clause, with a relative clause of its own
    ("Such attacks have become the most common form of ransomware in Europe, according to the National Cyber "
     "Security Centre Finland (NCSC-FI), which is part of the Transport and Communications Agency Traficom.",
     ("Such attacks have become the most common form of ransomware in Europe", "National Cyber Security Centre Finland")),
    ("Some 52.1 percent of respondents support a restart, while 38.4 percent oppose it, according to a survey by "
     "the Taiwanese Public Opinion Foundation (TPOF) released on Tuesday.",
     ("Some 52.1 percent of respondents support a restart, while 38.4 percent oppose it",
      "Taiwanese Public Opinion Foundation")),
    ("No one was killed, but three workers were treated for smoke inhalation, the Fujairah Media Office said in a "
     "statement carried by the state-run WAM news agency.",
     ("No one was killed, but three workers were treated for smoke inhalation", "Fujairah Media Office")),
    # the source's relative clause reports a statement of its own
    ("The outcome could leave Portugal with weak governments, according to Ms. Ribeiro, who noted that the country "
     "has held three elections in four years.", ("the country has held three elections in four years", "Ribeiro")),
    # a document whose author is named with it, and one whose author is not
    ("Prices rose by half last year, according to a report by the Bank of Japan.",
     ("Prices rose by half last year", "Bank of Japan")),
    # the name after the verb opens the verb's clause; a report's title is stepped over
    ("The European Commission, in its latest ‘Rule of Law Report’, said Bulgaria had made little progress.",
     ("Bulgaria had made little progress", "European Commission")),
    ("The World Bank’s latest “Pakistan Development Update”, released last week, said growth would slow this year.",
     ("growth would slow this year", "World Bank")),
    ("A report published in September by the International Rice Research Institute (IRRI), which is based in Los "
     "Baños, found that typhoons now cost farmers 1.2 million tons of rice a year.",
     ("typhoons now cost farmers 1.2 million tons of rice a year", "International Rice Research Institute")),
    # an opening participle phrase holds no speaker; a name ending in "-ing" is no participle
    ("Speaking on ARD’s “Tagesthemen” programme on Monday night, Mr Weselsky rejected calls for arbitration, "
     "saying the union would only return to talks after an offer.",
     ("the union would only return to talks after an offer", "Weselsky")),
    ("Sporting head coach Rui Bastos, who gave him his debut at 18, said the club had not wanted to sell.",
     ("the club had not wanted to sell", "Rui Bastos")),
    # a chained participle: the name that opens the sentence, not its object
    ("The Polish Tennis Association (PZT) congratulated Nowel on X, saying she had fought like a lion.",
     ("she had fought like a lion", "Polish Tennis Association")),
    # a chained verb takes the subject of the sentence
    ("In Washington, Vice President Kamala Harris on Sunday called for a pause, and said Hamas should accept the deal.",
     ("Hamas should accept the deal", "Kamala Harris")),
    ("Mr. Ventura described the result as “historic” and said the two-party system had come to an end.",
     ("the two-party system had come to an end", "Ventura")),
    # a relative clause speaks for the name before it
    ("The meeting was overshadowed by remarks from Donald Trump, who told a campaign rally last weekend that "
     "he would not protect them.",
     ("he would not protect them", "Donald Trump")),
    # a forum after the source's verb, at the end of the sentence
    ("In the port of Varna, a crane collapsed onto a warehouse, regional governor Petar Ilchev said on the "
     "Telegram messaging app.", ("In the port of Varna, a crane collapsed onto a warehouse", "Petar Ilchev")),
    # an aside after the source
    ("Talks would resume within a month, Ilse Brandauer added, without giving details.",
     ("Talks would resume within a month", "Ilse Brandauer")),
    # a subject whose name ends a described noun phrase, with an apposition
    ("Union working president Arjun Pillai, the former Chief Minister’s nephew, said the party would appeal.",
     ("the party would appeal", "Arjun Pillai")),
    # an organization's officials speak for it
    ("The hearing was moved to Friday, Vilnetta Bourse officials said.",
     ("The hearing was moved to Friday", "Vilnetta Bourse")),
    # an organization's unnamed spokesperson
    ("A Qatar Airways spokesperson said on Monday that the flights would resume next week.",
     ("the flights would resume next week", "Qatar Airways")),
    # "that" opens the clause only right after the verb, its audience, forum or time
    ("Mr Bailey said the split showed that members were weighing the risks.",
     ("the split showed that members were weighing the risks", "Bailey")),
    ("Luís Montenegro told supporters in Lisbon early Monday that he expected to form a government.",
     ("he expected to form a government", "Luís Montenegro")),
    ("Laia Serrano cautioned, however, that the data ended in 2019.", ("the data ended in 2019", "Laia Serrano")),
    # a forum of any wording between the verb and "that"
    ("Gideon Marsh said in a blog post for subscribers that prices would fall by June.",
     ("prices would fall by June", "Gideon Marsh")),
    # an acronym in parentheses between the name and its verb
    ("The Harbour Safety Authority (HSA) said two ferries had been held in port overnight.",
     ("two ferries had been held in port overnight", "Harbour Safety Authority")),
    ("The company acknowledged that some sites had been badly run but said the problems were being fixed.",
     ("the problems were being fixed", None)),
    # the source before the clause it goes on with, and the source before an apposition of its own
    ("The new price takes effect immediately, Cocobod said, adding that it had secured financing.",
     ("The new price takes effect immediately", "Cocobod")),
    ("Operators had to open spillways at short notice, according to a report by the Nile Basin Initiative (NBI), "
     "a regional body based in Entebbe, Uganda.", ("Operators had to open spillways at short notice",
                                                   "Nile Basin Initiative")),
    # "estimates that" reports
    ("Cocobod estimates that 100,000 tonnes of cocoa were smuggled out of the country.",
     ("100,000 tonnes of cocoa were smuggled out of the country", "Cocobod")),
    # a lower-case body as a trailing source, in the present tense
    ("More than 60 people have been rescued after a boat capsized south of Crete, the Greek coastguard says.",
     ("More than 60 people have been rescued after a boat capsized south of Crete", "Greek coastguard")),
    # a described subject with its acronym before the relative clause
    ("The far-right Alternative for Germany (AfD), which leads some national polls, said the row showed that the "
     "coalition had failed.", ("the row showed that the coalition had failed", "Alternative for Germany")),
    # the people who speak for an organization named or described before them
    ("FIA stewards said the run-off area at turn four would be reviewed before next season.",
     ("the run-off area at turn four would be reviewed before next season", "FIA")),
    ("Three sailors were flown to Camp Lemonnier and were in stable condition, Navy officials said.",
     ("Three sailors were flown to Camp Lemonnier and were in stable condition", "Navy")),
    # a possessor is the source when a description, not a name, follows it
    ("The UN has received just 19 percent of the money it requested, according to OCHA’s financial tracking "
     "service.", ("The UN has received just 19 percent of the money it requested",
                  "Office for the Coordination of Humanitarian Affairs")),
    # the office of a title is an organization; an unnamed spokesperson of an embassy "in" a city speaks for it
    ("The office of the Commissioner for Human Rights said it had sent a representative to the city.",
     ("it had sent a representative to the city", "office of the Commissioner for Human Rights")),
    ("The US Embassy in Lima thanked Congress. An embassy spokesperson said about 700 personnel would come.",
     ("about 700 personnel would come", "US Embassy in Lima")),
    # the name after a title whose portfolio is a list speaks
    ("The Commission’s Commissioner for Political Affairs, Peace and Security, Dr. Kemi Adeyinka-Okoro, said the "
     "drawdown would be gradual.", ("the drawdown would be gradual", "Kemi Adeyinka-Okoro")),
    # a verb in "-s" after a document's word is a verb of saying, not a plural noun
    ("The Defence Committee voted. Instructors will train police units in the valley, the committee’s report "
     "indicates.", ("Instructors will train police units in the valley", "Defence Committee")),
    # "at least" opens a quantity, not a phrase of place or time
    ("Amnesty International said at least 12 people had been killed.",
     ("at least 12 people had been killed", "Amnesty International")),
    # a clause of three words
    ("Jane Doe is a minister. Her spokesman, Peter Novak, said she was unavailable.",
     ("she was unavailable", "Peter Novak")),
    ("Jane Doe is a minister. In an interview with CNN, Doe said she would resign.", ("she would resign", "Jane Doe")),
    # "pointed out that"; "according to him" after a named speaker
    ("Jorge Paredes said the vote was close. Paredes pointed out that the exercise will take place in June.",
     ("the exercise will take place in June", "Jorge Paredes")),
    ("Lamin Touray said it was a milestone. According to him, the army has trained 1,400 new soldiers since 2022.",
     ("the army has trained 1,400 new soldiers since 2022", "Lamin Touray")),
    # a comma inside a name does not end the clause before its source
    ("The decision was taken on Wednesday by the committee, meeting in Paris, the Ministry of Culture, Gender, "
     "Entertainment and Sport said in a release.", ("The decision was taken on Wednesday by the committee, meeting "
                                                     "in Paris", "Ministry of Culture, Gender, Entertainment and Sport")),
    # a constituency and an honorific before the name: the name is the person "he" stands for next
    ("Alkalo Kebba Sanyang told The Point that relations had improved. The National Assembly Member for Foni "
     "Kansala, Hon. Musa Badjie of the Alliance for Patriotic Reorientation and Construction (APRC), welcomed the "
     "handover. He maintained that families had been waiting for ten years.",
     ("families had been waiting for ten years", "Musa Badjie")),
])
def test_reported_clauses_and_their_speakers(records_of, text, expected):
    assert expected in reported(records_of, text)


def test_a_second_verb_of_saying_keeps_the_speaker(records_of):
    found = reported(records_of, "Andrew Bailey acknowledged that the committee was divided, "
                                 "but said the split showed careful thinking.")
    assert found == [("the committee was divided", "Andrew Bailey"),
                     ("the split showed careful thinking", "Andrew Bailey")]


@pytest.mark.parametrize("text", [
    "“We cannot go on,” Aoife Brennan told the Irish Times outside St Luke’s Hospital in Cork.",  # a place, no clause
    "Analysts said the schedule would depend on conditions.",   # an unnamed source
    "Minera Andina, which operates the mine, said so on Monday.",  # no clause before the subject, nor after
    "“We track their movements,” JCS spokesperson Col. Yoon Tae-gyun told a regular briefing.",
    "Colonel Amadou Sidibe said in a statement read on state television Radio Sahel.",  # the forum's participle
    "Officials said nothing else about the plan that day.",
    "The senator spoke on the Senate floor shortly before the vote.",
    # a clause of its own after the comma, not the source of what came before it
    "The two sides held a first round of talks on the troops, and Baghdad hopes the discussions will lead somewhere.",
    "The army has 2,500 troops in the country who have been training there since 2021, when the US military "
    "announced the end of its combat role.",
    "The two countries will begin talks on the troops, according to sources familiar with the matter, amid public "
    "calls from the Iraqi government for the US to withdraw its troops.",
    # a verb that reports only before "that"
    "Mr. Rao submitted his resignation to the Governor on Sunday evening.",
    "Ilse Van Duyn pledged $5m to the reef fund and promised a review of the rules.",
    # nouns that are verbs of saying too
    "The member states contributing to the force met, and the old notes will stop being legal tender in June.",
    # the name after "told" is spoken to
    "On Saturday a drone again targeted the Ain al-Assad air base, where coalition troops are stationed in western "
    "Iraq, an American military official told AFP without giving details.",
    # a verb after other words of the clause is no source after a comma ("…, welcomed it but called on X to …")
    "The Member for Foni Kansala, Hon. Musa Badjie of the Alliance for Patriotic Reorientation and Construction "
    "(APRC), welcomed the handover but called on the government to return the farmland around the camp.",
    # nor is a verb of manner the source of the clause before it
    "Asked about the nickname, Darius Grigas laughed.",
    # "alleged" before a noun is no verb of saying
    "Its reports have documented transfers of oil and, most recently, alleged arms deliveries to Russia.",
])
def test_no_attributed_statement(records_of, text):
    assert [q for q in reported(records_of, text) if q[1]] == []


def test_a_headline_reports_nothing_of_its_own(records_of):
    records = records_of("Kyrgyzstan revokes gold licence, miner Tengri Resources says\n\nThe licence was revoked.")
    assert records.quotes == ()


def test_an_article_of_one_line_still_reports(records_of):
    records = records_of("Tengri Resources said it would appeal the decision.")
    assert [q.text for q in records.quotes] == ["it would appeal the decision"]


def test_a_document_without_its_author_is_no_place_named_in_it(records_of):
    found = reported(records_of, "Leaders agreed to scrap the import duty on raw materials, according to a "
                                 "communiqué issued at the end of their summit in Arusha.")
    assert found == [("Leaders agreed to scrap the import duty on raw materials", None)]


def test_a_clause_holding_a_full_quotation_is_that_quotation(records_of):
    records = records_of(HEAD + "Sabrina Singh acknowledged that the footprint “will certainly be part of the talks.”")
    assert [(q.text, q.direct) for q in records.quotes] == [("will certainly be part of the talks.", True)]


@pytest.mark.parametrize("text, clause, phrase", [
    ("The ministry said in a statement that its forces had carried out a “massive strike” on airfields overnight.",
     "its forces had carried out a “massive strike” on airfields overnight", None),  # far from its verb: a phrase
    ("Andrew Bailey told reporters that inflation was moving “in the right direction” but that more evidence was needed.",
     "more evidence was needed", "in the right direction"),
    ("Khalil al-Masri told Al Jazeera that the group had shown “all the flexibility needed” in the talks.",
     "the group had shown “all the flexibility needed” in the talks", "all the flexibility needed"),
    # a second predicate after the quotation: the clause says more than the quoted words
    ("Grace Okafor said the ruling was “a grave mistake by a court that ignored the evidence” and that the "
     "ministry would appeal.", "the ruling was “a grave mistake by a court that ignored the evidence”",
     "a grave mistake by a court that ignored the evidence"),
    ("Grace Okafor said the plan was drawn up “to protect the weakest households in the region” this winter and "
     "would cost little.", "the plan was drawn up “to protect the weakest households in the region” this winter "
     "and would cost little", "to protect the weakest households in the region"),
    ("Jan Dvorak told reporters that the vote had cost the country “a day of serious work” but would not derail "
     "the budget.", "the vote had cost the country “a day of serious work” but would not derail the budget",
     "a day of serious work"),
    # (a verb in the past after "and" is a second predicate too)
    ("Ana Lima told the assembly that Brazil backed “the central role of the treaty” and rejected “any unilateral "
     "step by any state.”", "Brazil backed “the central role of the treaty” and rejected “any unilateral step by "
     "any state", "the central role of the treaty"),
    # a clause that says its own thing and ends with a longer quoted detail
    ("Grace Okafor said crews were clearing the main roads and the two bridges “as fast as the weather allows”.",
     "crews were clearing the main roads and the two bridges “as fast as the weather allows”",
     "as fast as the weather allows"),
    # or with two, where its own words outnumber the quoted ones
    ("Vera Lind said the member states had agreed a “realistic” road map rather than “a date on a piece of "
     "paper”.", "the member states had agreed a “realistic” road map rather than “a date on a piece of paper”",
     "a date on a piece of paper"),
])
def test_a_quoted_phrase_inside_a_statement_leaves_the_statement(records_of, text, clause, phrase):
    records = records_of(HEAD + text)
    found = {(q.text, q.direct) for q in records.quotes}
    assert (clause, False) in found
    assert phrase is None or (phrase, True) in found
    assert len({q.speaker for q in records.quotes}) == 1


@pytest.mark.parametrize("text, clauses", [
    ("Markku Laine told Yle that the backups had not been encrypted and that the system could be back within days.",
     ["the backups had not been encrypted", "the system could be back within days"]),
    ("Anna Berg, a spokeswoman for the ministry, told Reuters that two soldiers were killed, and that a third "
     "soldier had been wounded.", ["two soldiers were killed", "a third soldier had been wounded"]),
    ("The Teachers Union said it would attend, but that the boycott would go on until then.",
     ["it would attend", "the boycott would go on until then"]),
    ("Tengri says its dam has not leaked, that tests found no cyanide and that the mine is safe.",
     ["its dam has not leaked, that tests found no cyanide", "the mine is safe"]),
    # "and that" inside a clause that is no second report stays: a one-word part is no clause
    ("Olga Dahl said the plan was cheap and that was all.", ["the plan was cheap and that was all"]),
])
def test_a_report_of_several_that_clauses_is_one_statement_per_clause(records_of, text, clauses):
    records = records_of(HEAD + text)
    reported = [q for q in records.quotes if not q.direct]
    assert [q.text for q in reported] == clauses
    assert len({(q.speaker, q.cue) for q in reported}) == 1


@pytest.mark.parametrize("text, quoted", [
    ("Washington said it had agreed with Baghdad to launch “working groups of military experts and defense "
     "professionals” as part of the commission.", "working groups of military experts and defense professionals"),
    ("A statement from the coalition said the objective now was “to assess” the progress made against the group, "
     "and to “discuss the future transition” of the mission.", "discuss the future transition"),
    # the quotation is the clause's predicate
    ("Grace Okafor acknowledged that the fleet “will certainly be part of the review as it goes forward”.",
     "will certainly be part of the review as it goes forward"),
])
def test_a_clause_built_around_its_quotations_is_not_a_statement_of_its_own(records_of, text, quoted):
    records = records_of(HEAD + text)
    assert [q.text for q in records.quotes if not q.direct] == []
    assert quoted in [q.text for q in records.quotes if q.direct]


@pytest.mark.parametrize("text, speakers", [
    ("Officials from Egypt and Qatar said the talks would continue on Tuesday.", {"Egypt", "Qatar"}),
    ("Burkina Faso, Mali and Niger said they were leaving the regional bloc.", {"Burkina Faso", "Mali", "Niger"}),
    ("Talks between Iraq and Syria would go on, Iran said.", {"Iran"}),
    # an acronym in parentheses inside the list; a local government by its "City of" name
    ("Officials from the Harbour Board of Varna (HBV) and the City of Varna said the port would reopen.",
     {"Harbour Board of Varna", "City of Varna"}),
    # honorifics and a party tag inside the list
    ("Sen. Dana Hollis, R-Idaho, and Gov. Mark Reyes said the base should stay open.", {"Dana Hollis", "Mark Reyes"}),
    # an acronym in brackets after the last name; a union's number; a plural title before the list
    ("Screen Ireland, Creative Scotland and the British Film Institute (BFI) said in a joint statement that the "
     "win was a landmark.", {"Screen Ireland", "Creative Scotland", "British Film Institute"}),
    ("Union No. 1 and the Supervisors' Union said in a joint statement that 2,300 workers had joined the strike.",
     {"Union No. 1", "Supervisors' Union"}),
    ("A Bench of Justices Arvind Menon and Sunita Rao observed that the Authority was an expert body.",
     {"Arvind Menon", "Sunita Rao"}),
    # a one-word name listed with one that speaks is an organization's too
    ("Environmental groups Oceana and ClientEarth said in a joint statement that the Commission was wrong.",
     {"Oceana", "ClientEarth"}),
    # descriptions after the names of the list
    ("The New Path party, the United National Movement (UNM) and the Lelo party said in a joint statement that "
     "they would challenge the law.", {"New Path", "United National Movement", "Lelo"}),
    # a lower-case description before a name of the list
    ("The Nordic Trade Union Council (NTUC) and the social welfare association Solbo said in a joint statement "
     "that any cut to pensions would be a breach of the agreement.", {"Nordic Trade Union Council", "Solbo"}),
    ("Open Wires (OWi), the consumer group Verbra and Clear Lines said in a joint letter that the rules would "
     "weaken protections.", {"Open Wires", "Verbra", "Clear Lines"}),
    # a title before the second name
    ("Defence Minister Richard Marles and Defence Industry Minister Pat Conroy said in a joint statement that the "
     "figure was within the range.", {"Richard Marles", "Pat Conroy"}),
    # a description after each name, and party tags whose full stop ends no sentence
    ("Sen. Ann Blake, D-Ore., a lawyer who chairs the Senate judiciary panel, and Sen. Tom Reyes, R-Tex., its "
     "ranking member, said in a letter that the agency had failed to answer.", {"Ann Blake", "Tom Reyes"}),
])
def test_a_list_of_speakers_shares_the_statement(records_of, text, speakers):
    records = records_of(HEAD + text)
    names = {e.key: e.name for e in records.entities}
    (quote,) = [q for q in records.quotes if not q.direct]
    assert {names[k] for k in (quote.speaker, *quote.co_speakers)} == speakers


@pytest.mark.parametrize("text, expected", [
    # a person named as a member of an organization speaks, not the organization
    ("Lena Marsh of the Centre for Policy Research and Analysis (Cepra) said the rally had run its course.",
     ("the rally had run its course", "Lena Marsh")),
    ("Ana Costa at Barclays said interest rates would fall next year.", ("interest rates would fall next year",
                                                                         "Ana Costa")),
    # a second verb after the sentence's titled subject and its object
    ("Chancellor Mia Roth handed the award to director Ben Okafor and said the festival had drawn record crowds.",
     ("the festival had drawn record crowds", "Mia Roth")),
    # an organization's head word alone, after its name with a complement on …
    ("The Advisory Council on Water Standards met on Monday. Utilities would still have to test wells, the council "
     "said.", ("Utilities would still have to test wells", "Advisory Council on Water Standards")),
    # … or before a spokesperson
    ("The European Commission proposed the rules. A commission spokesperson said the timetable would not change.",
     ("the timetable would not change", "European Commission")),
    # a description around a name before the one in apposition
    ("The Green Party abstained. Its Seattle branch chief, Dana Ortiz, said the vote had been rigged.",
     ("the vote had been rigged", "Dana Ortiz")),
    # an organization's spokesperson after its "’s", also when another verb comes first
    ("Prices rose. A Sotheby’s spokeswoman said the buyer was a private collector from Asia.",
     ("the buyer was a private collector from Asia", "Sotheby's")),
    ("Ana Moreau painted it. A Bonhams spokesman declined to name the seller of the Moreau, but said the "
     "painting would stay in France.", ("the painting would stay in France", "Bonhams")),
    # a name in apposition with its affiliation after it
    ("The House committee chair, Rep. Lito Baraan of the Bayan party-list, said hearings could start in January.",
     ("hearings could start in January", "Lito Baraan")),
    # an opening adverbial of place, then the speaker
    ("At the store in Dublin, Ohio, which is on the closing list, assistant manager Kyle Brandt, 29, said staff found "
     "out from a text message.", ("staff found out from a text message", "Kyle Brandt")),
    # a body located in a place
    ("The German embassy in Kathmandu confirmed that one of the dead was a German citizen.",
     ("one of the dead was a German citizen", "German embassy")),
    # an opening adverb, a nationality and a second verb of the subject's
    ("Earlier, Dutchman Pieter Hoek came from two sets down to beat Australia's Tom Reid and said afterwards that he "
     "had never been so relieved.", ("he had never been so relieved", "Pieter Hoek")),
    # someone who speaks for an organization, then a relative clause
    ("A spokesman for the Department of Tourism, who asked not to be named, said permits showed that 140 people "
     "had registered.", ("permits showed that 140 people had registered", "Department of Tourism")),
    # a sub-national government by its words, then a second verb
    ("The prefectural government welcomed the departures but said they did nothing to change its opposition.",
     ("they did nothing to change its opposition", "prefectural government")),
    # an opening prepositional phrase, a person in apposition and two verbs
    ("In a statement carried by the state news agency, Kim Sol-ju, the sister of the leader Kim Jong-un, called "
     "the plan a gamble and warned that the North would take countermeasures at once.",
     ("the North would take countermeasures at once", "Kim Sol-ju")),
    # a person of a place
    ("Senate Democratic leader Ann Moore of New York said the bill would pass before Friday.",
     ("the bill would pass before Friday", "Ann Moore")),
    # a city's government, named by its words
    ("The Gunsan city government said it had asked the command to limit night flights.",
     ("it had asked the command to limit night flights", "Gunsan city government")),
    # a second report in the same sentence ends the first
    ("The military government said 17 people had died in Sittwe, and spokesman Maj. Gen. Aung Lin told state "
     "broadcaster MRTV that relief would be sent by sea and by air.",
     ("relief would be sent by sea and by air", "Aung Lin")),
    # a title owned by a country, with a complement, then the name in apposition
    ("Ukraine's Parliamentary Commissioner for Human Rights, Dmytro Lubets, said the law should also cover freed "
     "prisoners.", ("the law should also cover freed prisoners", "Dmytro Lubets")),
    # one given name with an age in apposition is a person's, and "he" is him
    ("Nadia Moroz spoke first. Serhii, a 44-year-old infantryman near Pokrovsk, said by phone that he had heard "
     "about the vote from his wife.", ("he had heard about the vote from his wife", "Serhii")),
])
def test_who_speaks_in_a_longer_subject(records_of, text, expected):
    assert expected in reported(records_of, text)


@pytest.mark.parametrize("text, expected", [
    # a source before a clause in the passive, which nobody says
    ("The river was falling slowly on Wednesday, the Harbour Board said, but residents were told to stay away.",
     ("The river was falling slowly on Wednesday", "Harbour Board")),
    # a source of two parts in apposition before a verb of telling
    ("The paintings will go on show at the Tate Gallery from May, the gallery’s director, Ines Moreau, told "
     "reporters.", ("The paintings will go on show at the Tate Gallery from May", "Ines Moreau")),
    # "both" before the verb, a time word before "that"
    ("Cole Hardy and Jorge Alvarado both said afterwards that the team had never stopped believing.",
     ("the team had never stopped believing", "Jorge Alvarado")),
    # a bureau's spokesperson
    ("The Bureau of Meteorology issued a warning. A spokesperson for the bureau said rain would ease on Thursday.",
     ("rain would ease on Thursday", "Bureau of Meteorology")),
    # an audience described by its kind before "that"
    ("Chief Cabinet Secretary Kenji Arakawa told a regular news conference that the transfer was a first step.",
     ("the transfer was a first step", "Kenji Arakawa")),
    # a description and the name in apposition before "said"
    ("Several flights were cancelled on Tuesday, the airport operator, Naabol, said.",
     ("Several flights were cancelled on Tuesday", "Naabol")),
    # an organization's head word alone
    ("According to the U.S. Marine Corps, the camp has barracks for 5,000 people. Aviation units will train at "
     "nearby Andersen Air Force Base, the corps said.",
     ("Aviation units will train at nearby Andersen Air Force Base", "U.S. Marine Corps")),
    # "according to" a description and the name in apposition
    ("Moldova has relied on Romania for most of its power, according to the national grid operator, Moldelectrica.",
     ("Moldova has relied on Romania for most of its power", "Moldelectrica")),
    # a carrier's description stands for a shipping line
    ("Baltic Container Lines has ordered 12 ships from Hanwha Ocean for $2.9bn, the Oslo-listed carrier said.",
     ("Baltic Container Lines has ordered 12 ships from Hanwha Ocean for $2.9bn", "Baltic Container Lines")),
    # a title of two words after "the", not one inside an office's name
    ("Prime Minister Anar Batbold thanked lawmakers. The Prime Minister noted that three of the new ministers were "
     "under 40.", ("three of the new ministers were under 40", "Anar Batbold")),
    ("Anar Batbold, 52, added that it was fine. The Office of the President said in a statement that the head of "
     "state had been consulted.", ("the head of state had been consulted", "Office of the President")),
    # verbs that report before "that" only
    ("Ilse Van Duyn vowed that the reef would be mapped by June.", ("the reef would be mapped by June", "Ilse Van Duyn")),
    # verbs of saying in the present
    ("Ilse Van Duyn spoke first. She adds that the team has already proposed longer pulses for 2028.",
     ("the team has already proposed longer pulses for 2028", "Ilse Van Duyn")),
    # the document named in the sentence before, by its author
    ("Ilse Van Duyn spoke first.\n\nThe report published in June by the Marine Institute lists six reefs. The "
     "report warns that warming and fishing are feeding each other.",
     ("warming and fishing are feeding each other", "Marine Institute")),
    # the verb and the name after the clause, then the name's description
    ("Drones have mapped the reef for years, but they have rarely found a new species, says Ilse Van Duyn, a "
     "co-author at the Marine Institute.", ("Drones have mapped the reef for years, but they have rarely found a "
                                             "new species", "Ilse Van Duyn")),
    # a relative clause of saying after the source
    ("The Alberta Centre for Disease Control (ACDC) met. No cases were found, according to the centre, which said "
     "farm workers were being offered antiviral drugs.", ("farm workers were being offered antiviral drugs",
                                                           "Alberta Centre for Disease Control")),
    # a source named by its kind, after its name's last word
    ("The train, run by the Prairie Central Railroad, left the tracks at dusk, according to the railroad.",
     ("The train, run by the Prairie Central Railroad, left the tracks at dusk", "Prairie Central Railroad")),
    ("Classes resume on Monday at every school, the Tahoma School District said. Buses will run late, the "
     "district said.", ("Buses will run late", "Tahoma School District")),
    # an outlet someone spoke to is nobody's antecedent, "The" in its name or not
    ("A spokesman for Metro Rail Operations said trains would run late. “We are ready,” Mr Byrne told The Irish "
     "Times. Fares go up on Monday, the operator said.", ("Fares go up on Monday", "Metro Rail Operations")),
    # a broadcaster by its call sign is the audience, not a clause
    ("It is too early to say what caused the fire, fire marshal Dan Ruiz told KOMO 4 in an email.",
     ("It is too early to say what caused the fire", "Dan Ruiz")),
])
def test_sources_around_a_reported_clause(records_of, text, expected):
    assert expected in reported(records_of, text)
