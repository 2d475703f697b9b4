"""extract: sentence cases written for these tests, one fact each (parametrized, spaCy style)."""
from __future__ import annotations

import pytest

import armstrack


def events(text, published="2025-03-10"):
    return [e.to_dict() for e in armstrack.extract_text(text, published)]


def sides_and_status(text):
    """(supplier id, recipient id, status) of each transfer in `text`."""
    return [((e.get("supplier") or {}).get("id"), (e.get("recipient") or {}).get("id"), e["status"])
            for e in events(text) if e["type"] == "TRANSFER"]


def one(text, type_="TRANSFER"):
    found = [e for e in events(text) if e["type"] == type_]
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize("text,supplier,recipient,item,status", [
    ("France delivered six Rafale jets to Greece in January.", "FRA", "GRC", "dassault-rafale", "delivered"),
    ("Greece bought six Rafale jets from France.", "FRA", "GRC", "dassault-rafale", "delivered"),
    ("Iran has supplied Russia with hundreds of Shahed drones.", "IRN", "RUS", "shahed-136", "delivered"),
    ("The United States will send more ATACMS missiles to Ukraine.", "USA", "UKR", None, "agreed"),
    ("Saudi Arabia is considering buying J-10C fighters from China.", "CHN", "SAU", None, "considered"),
    ("Serbia has asked Russia for S-400 systems.", None, "SRB", None, "requested"),
    ("Pakistan signed a deal with Turkey to buy four corvettes.", "TUR", "PAK", None, "agreed"),
    ("Moscow is delivering Kh-101 missiles to Minsk, officials said.", "RUS", "BLR", None, "delivering"),
])
def test_transfer_roles_and_status(text, supplier, recipient, item, status):
    event = one(text)
    if supplier:
        assert event["supplier"]["id"] == supplier
    assert event["recipient"]["id"] == recipient
    if item:
        assert event["item"]["id"] == item
    assert event["status"] == status


@pytest.mark.parametrize("text", [
    "Germany has not sent any Taurus missiles to Ukraine.",
    "Officials in Seoul said food aid had been shipped to the region.",   # not materiel
    "No Russian tanks have been delivered to Serbia.",
])
def test_no_asserted_transfer(text):
    assert not [e for e in events(text) if e["type"] == "TRANSFER"]


def test_capital_as_actor_and_as_place():
    event = one("Kyiv received Leopard 2 tanks from Berlin after talks in Warsaw.")
    assert event["recipient"]["id"] == "UKR" and event["recipient"]["via"] == "metonym"
    assert event["supplier"]["id"] == "DEU"
    meetings = [e for e in events("Officials from Iran and Saudi Arabia met in Beijing on Friday.")
                if e["type"] == "MEETING"]
    assert meetings and meetings[0]["place"]["name"] == "Beijing"
    assert {p["id"] for p in meetings[0]["participants"]} == {"IRN", "SAU"}


def test_pronoun_recipient():
    event = one("Hezbollah fighters trained in Syria before Iran sent them Fateh-110 missiles.")
    assert event["recipient"]["id"] == "HEZBOLLAH" and event["recipient"]["via"] == "coref"


def test_hedge_and_unnamed_sources():
    event = one("Russia has reportedly sold Su-35 fighters to Iran, two officials told the newspaper.")
    assert event["certainty"]["level"] == "hedged" and "reportedly" in event["certainty"]["hedges"]
    assert "two officials" in event["certainty"]["sources"]


def test_denial_is_kept_beside_the_report():
    found = events("North Korea denied that it had shipped artillery shells to Russia.")
    transfer = next(e for e in found if e["type"] == "TRANSFER")
    assert transfer["certainty"]["denied_by"] == ["PRK"]
    statement = next(e for e in found if e["type"] == "STATEMENT")
    assert statement["kind"] == "deny" and statement["about"]["recipient"] == "RUS"


def test_sanction_roles():
    event = one("The United States imposed new sanctions on North Korea over its arms deals with Russia.", "SANCTION")
    assert [i["id"] for i in event["imposers"]] == ["USA"] and event["target"]["id"] == "PRK"
    assert "arms deals" in event["reason"]


def test_lifted_sanctions_are_reported_as_lifted():
    event = one("The EU lifted sanctions on Syria.", "SANCTION")
    assert event["lifted"] is True and event["target"]["id"] == "SYR"
    assert [i["id"] for i in event["imposers"]] == ["EU"]


def test_attack_roles():
    event = one("Russian forces struck the port of Odesa with Kalibr missiles on Tuesday.", "ATTACK")
    assert event["attacker"]["id"] == "RUS" and event["weapon"]["id"]
    assert event["when"] == "2025-03-04"


def test_quantities_and_dates():
    event = one("On Feb. 3, Japan transferred at least 12 patrol boats to the Philippines.")
    assert event["quantity"] == {"text": "at least 12", "min": 12.0, "max": None}
    assert event["when"] == "2025-02-03"


@pytest.mark.parametrize("text,type_,realis", [
    ("Norwegian jets bombed rebel positions in Mali on Monday.", "ATTACK", "actual"),
    ("Chad threatened to bomb rebel positions in Sudan.", "ATTACK", "possible"),
    ("Sudan warned it would shell the border towns of Chad if the raids continued.", "ATTACK", "possible"),
    ("The Kenyan foreign minister will visit Ethiopia next week.", "MEETING", "planned"),
    ("Peru and Chile agreed to hold talks on their maritime border.", "MEETING", "planned"),
    ("Ghana rejected an offer of talks with Togo.", "MEETING", None),
    ("Kenya refused to meet the Somali envoy in Nairobi.", "MEETING", None),
    ("The Kenyan and Ethiopian leaders met in Addis Ababa on Tuesday.", "MEETING", "actual"),
    ("An attempt to assassinate the governor of Kano was foiled by police.", "ATTACK", "actual"),
    ("Norway refused to commit troops to the war against Mali's rebels.", "ATTACK", "actual"),
])
def test_realis_says_whether_the_event_happened(text, type_, realis):
    found = [e for e in events(text) if e["type"] == type_]
    if realis is None:
        assert found == [], found  # refused: no event
    else:
        assert found and found[0]["realis"] == realis, found


def test_a_threatened_attack_does_not_merge_with_one_that_happened():
    text = ("Chad threatened to bomb rebel camps in Sudan. "
            "Sudanese jets bombed Chadian villages near the border on Friday.")
    attacks = [e for e in events(text) if e["type"] == "ATTACK"]
    assert sorted(e["realis"] for e in attacks) == ["actual", "possible"]


def test_two_unresolved_peoples_meetings_stay_two():
    text = ("Foreign Minister Adaeze Okafor met her counterpart in Accra on Monday. "
            "Defence Minister Tomas Lindqvist will visit Albania in June.")
    meetings = [e for e in events(text) if e["type"] == "MEETING"]
    assert len(meetings) == 2, meetings


@pytest.mark.parametrize("text,attacker,target", [
    ("Chadian rebels killed four Sudanese soldiers near the border on Monday.", None, "SDN"),
    ("Ethiopian troops have retaken the town of Dolo from the militants.", "ETH", None),
    ("Malian police opened fire on protesters in Bamako.", "MLI", None),
    ("Nigerien aircraft killed 12 Malian civilians in a raid on a market.", "NER", "MLI"),
    ("Turkish artillery shelled positions of the Syrian army near Afrin.", "TUR", "SYR"),
])
def test_violence_and_seizure_verbs_are_attacks(text, attacker, target):
    attack = one(text, "ATTACK")
    if attacker:
        assert (attack.get("attacker") or {}).get("id") == attacker, attack
    if target:
        assert (attack.get("target") or {}).get("id") == target, attack


@pytest.mark.parametrize("text", [
    "Brazil beat Argentina 2-1 in the final on Sunday.",
    "The senator killed the bill in committee.",
    "Thousands of teachers began a hunger strike in Nairobi.",
    "Dockworkers in Mombasa began a general strike over pay.",
    "French and Italian warships began war games in the Mediterranean.",
    "The minister came under fire for the budget cuts.",
    "Kenya police seized 40 rifles at the border.",
])
def test_not_attacks(text):
    assert [e for e in events(text) if e["type"] == "ATTACK"] == []


def test_an_attack_and_its_toll_in_one_sentence_are_one_attack():
    text = "A car bomb exploded outside the ministry in Mogadishu on Sunday, killing nine people."
    assert len([e for e in events(text) if e["type"] == "ATTACK"]) == 1


@pytest.mark.parametrize("text,measure,imposer,target", [
    ("Norway expelled three Russian diplomats on Friday.", "expulsion", "NOR", "RUS"),
    ("Japan halted economic aid to Myanmar after the coup.", "aid suspension", "JPN", "MMR"),
    ("Morocco severed ties with Iran in May.", "severed relations", "MAR", "IRN"),
    ("Ghana recalled its ambassador from Abuja.", "recalled ambassador", "GHA", "NGA"),
    ("The European Union imposed sanctions on Belarus.", "sanctions", "EU", "BLR"),
])
def test_sanction_measures(text, measure, imposer, target):
    sanction = one(text, "SANCTION")
    assert sanction["measure"] == measure
    assert imposer in {i["id"] for i in sanction["imposers"]}
    assert sanction["target"]["id"] == target


def test_an_airline_suspending_flights_is_no_sanction():
    assert [e for e in events("Lufthansa suspended flights to Tel Aviv until Monday.")
            if e["type"] == "SANCTION"] == []


@pytest.mark.parametrize("text,focus", [
    ("Israeli jets struck Hamas positions in Gaza on Monday.", "main"),
    ("Lebanon complained to the United Nations over two Israeli air raids.", "background"),
    ("Egypt blamed Hamas for the bombing of a police station in Sinai.", "background"),
    ("Refugees fleeing the war in Sudan reached Chad.", "background"),
    ("The army said militants launched an attack on a base near Gao.", "main"),
])
def test_focus_tells_the_reported_event_from_a_passing_mention(text, focus):
    attacks = [e for e in events(text) if e["type"] == "ATTACK"]
    assert attacks and attacks[0]["focus"] == focus, attacks


def test_ethnic_demonyms_are_peoples_not_states():
    attack = one("Serbian police killed two ethnic Albanians in Presevo.", "ATTACK")
    assert (attack.get("target") or {}).get("id") is None


def test_a_visit_names_its_host():
    meeting = one("The Indian prime minister arrived in Moscow on an official visit.", "MEETING")
    assert "RUS" in {p["id"] for p in meeting["participants"]} or meeting["place"]["id"] == "RUS"


def test_weapons_used_in_attacks_name_the_recipient_as_attacker():
    text = ("Since the start of the war against Ukraine in February 2022, Minsk has received "
            "hundreds of Iskander missiles from Moscow. Belarus has also bought Chinese drones "
            "used in attacks against Lithuania.")
    attacks = [e for e in events(text) if e["type"] == "ATTACK" and (e.get("target") or {}).get("id") == "LTU"]
    assert attacks and attacks[0]["attacker"]["id"] == "BLR", attacks


def test_an_event_dated_on_its_onset():
    attacks = [e for e in events("Trade fell after the start of the invasion of Georgia in August 2008.")
               if e["type"] == "ATTACK"]
    assert [a["when"] for a in attacks] == ["2008-08"]
# ---- transfer frames beyond the plain clause (issue #4) ------------------------------------------
@pytest.mark.parametrize("text,supplier,recipient,item,status", [
    # a participle qualifying the weapon names its supplier
    ("Houthi fighters fired Iranian-supplied drones at the port.", "IRN", "HOUTHIS", "drone", "used"),  # the user received them
    # a participle with an agent is passive without "were"; "many of them" stands for the rifles
    ("The rebels captured rifles, many of them supplied by the Americans to the Iraqi army.",
     "USA", "IRQ", "rifle", "delivered"),
    # coordinated verbs share the object the parser hangs on the last one
    ("Venezuela denies buying or importing Russian drones.", "RUS", "VEN", "drone", "delivered"),
    # the purpose phrase makes the help materiel
    ("Egypt has been receiving components from China for its ballistic missile programme.",
     "CHN", "EGY", None, "delivering"),
    # relative clauses and clefts: the antecedent does it
    ("Analysts say it was Pakistan that sold the centrifuges to Libya.", "PAK", "LBY", "centrifuge", "delivered"),
    ("Officials named Belarus, which supplied artillery shells to Russia.", "BLR", "RUS", None, "delivered"),
    # the owner of a plan, readiness or effort is the doer of its infinitive or gerund
    ("Officials confirmed Algerian plans to buy Su-57 fighters from Russia.", "RUS", "DZA", None, "considered"),
    ("The readiness of Belarus to supply Russia with artillery shells alarmed NATO.", "BLR", "RUS", None, "considered"),
    ("Iraq's efforts at acquiring anti-tank missiles from Iran worried Washington.", "IRN", "IRQ", None, "delivered"),
    # through "willing" to its verb, for the subject and the modal
    ("Serbia might be willing to sell howitzers to Ukraine.", "SRB", "UKR", None, "considered"),
    # "countries such as ..." names the parties
    # a plural pronoun object stands for the weapon named before it
    ("Turkey built the drones and then sold them to Azerbaijan.", "TUR", "AZE", "drone", "delivered"),
    # object control: the object of "accuse", "ban", "help" does what the clause says, except
    # through "by" (a means: the subject does it)
    ("Washington accused Tehran of supplying drones to Moscow.", "IRN", "RUS", "drone", "delivered"),
    ("France helped Egypt in acquiring Rafale jets.", "FRA", "EGY", "rafale", "delivered"),
    ("The United States helped Kyiv by supplying Patriot missiles.", "USA", None, "patriot", "delivered"),
    # "armored ground vehicles" is a kind the knowledge base knows
    ("Jordan bought armored ground vehicles from Turkey.", "TUR", "JOR", "armored ground vehicles", "delivered"),
    # "hard to obtain": the adjective's subject is the infinitive's object; an infinitive alone
    # has moved nothing yet
    ("Such drones are hard to obtain from China.", "CHN", None, "drone", "considered"),
    ("Mortars are cheap, and they are easy to buy in the region.", None, None, "mortar", "considered"),
    ("Iran is eager to buy Su-35 fighters.", "RUS", "IRN", "su-35", "considered"),
    # "back to": the destination hangs on the adverb
    ("The agency completed a secret uranium transfer back to Russia.", None, "RUS", None, "delivered"),
])
def test_transfer_frames(text, supplier, recipient, item, status):
    event = one(text)
    assert (event.get("supplier") or {}).get("id") == supplier
    assert (event.get("recipient") or {}).get("id") == recipient
    if item:
        assert item in event["item"]["text"].lower()
    assert event["status"] == status


@pytest.mark.parametrize("text", [
    "Pakistan fielded missiles capable of delivering nuclear warheads.",   # the missile carries
    "India tested drones armed with guided bombs.",                        # a weapon fitted out
    "Older missiles could be equipped with chemical warheads.",
    "Russia built an air base without supplying any fighter jets to Syria.",  # "without" negates
])
def test_not_a_transfer_of_materiel(text):
    assert not [e for e in events(text) if e["type"] == "TRANSFER"]


def test_noun_modality_sets_transfer_status():
    assert one("Germany's refusal to send Taurus missiles to Ukraine angered Kyiv.")["status"] == "refused"
    event = one("India weighed a Russian offer to sell S-400 systems to New Delhi.")
    assert event["supplier"]["id"] == "RUS" and event["status"] == "offered"


def test_noun_doer_is_for_transfers_only():
    # "Eriador's refusal to talk": no meeting is read from a refused or offered one
    found = events("The minister regretted Egypt's refusal to talk to Ethiopia's leader.")
    assert not [e for e in found if e["type"] == "MEETING" and e.get("participants")
                and "EGY" in [p["id"] for p in e["participants"]]]


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Chile wants to lease a Swedish submarine for the exercise.", "SWE", "CHL"),
    ("Sweden leased 14 Gripen jets to Hungary.", "SWE", "HUN"),
])
def test_lease_reads_both_ways(text, supplier, recipient):
    transfer = one(text)
    assert transfer["supplier"]["id"] == supplier and transfer["recipient"]["id"] == recipient


def test_general_parties_are_kept_unresolved():
    transfer = one("Smugglers sold assault rifles to the rebels in the north.")
    assert transfer["supplier"]["id"] is None and transfer["supplier"]["text"] == "Smugglers"
    assert transfer["recipient"]["text"] == "the rebels"


def test_a_refused_permission_refuses_the_transfer():
    transfer = one("Germany will not allow the export of Leopard tanks to Saudi Arabia.")
    assert transfer["recipient"]["id"] == "SAU" and transfer["status"] == "refused"


def test_general_help_and_a_named_item_stay_two_transfers():
    text = ("France will not allow enriched uranium transfers to Iran. "
            "North Korea provided a dozen scientists to work on the Libyan missile programme.")
    transfers = [e for e in events(text) if e["type"] == "TRANSFER"]
    assert len(transfers) == 2, transfers


@pytest.mark.parametrize("text,supplier,recipient,status", [
    ("The United States cancelled the sale of F-35 jets to Turkey.", "USA", "TUR", "cancelled"),
    ("Turkey suspended its order of Chinese HQ-9 missiles.", "CHN", "TUR", "suspended"),
    ("The sale of Leopard tanks to Qatar was approved by Germany.", "DEU", "QAT", "approved"),
])
def test_who_decides_on_a_sale(text, supplier, recipient, status):
    transfer = one(text)
    assert (transfer["supplier"]["id"], transfer["recipient"]["id"], transfer["status"]) == \
        (supplier, recipient, status)
@pytest.mark.parametrize("text,attacker,weapon,target", [
    ("Gunmen stormed a police post in Kano on Friday.", "Gunmen", None, None),
    ("Masked gunmen attacked a bus near the border on Friday.", "gunmen", None, "a bus"),
    ("A suicide bomber blew himself up at a checkpoint in Mosul, killing six soldiers.",
     "suicide bomber", None, None),
    ("The patrol was ambushed by insurgents in Kunar province.", "insurgents", None, "The patrol"),
    ("Rebels attacked the garrison with a car bomb.", "Rebels", "bomb", "the garrison"),
    ("They shelled the market for three hours.", "They", None, "the market"),
    ("The gunman opened fire on worshippers at a church.", "gunman", None, "worshippers"),
    ("Militants who attacked the convoy fled into the hills.", "Militants", None, "the convoy"),
])
def test_attackers_named_in_general_terms(text, attacker, weapon, target):
    attack = one(text, "ATTACK")
    assert attacker in attack["attacker"]["text"] and attack["attacker"]["id"] is None, attack
    if weapon:
        assert weapon in attack["weapon"]["text"], attack
    if target:
        assert attack["target"]["text"] == target, attack


def test_an_actor_qualifying_the_attacker_names_the_whole_phrase():
    attack = one("Houthi fighters and suicide bombers attacked a Saudi base.", "ATTACK")
    assert attack["attacker"]["id"] == "HOUTHIS" and attack["attacker"]["text"] == "Houthi fighters"
    assert "weapon" not in attack  # suicide bombers are people, not aircraft


@pytest.mark.parametrize("text,weapon,place", [
    ("A roadside bomb exploded near a market in Kandahar, killing four people.", "bomb", "Kandahar"),
    ("The device exploded outside the station at noon, wounding nine.", "device", "the station"),
    ("An IED struck a patrol near the border.", "IED", "the border"),
])
def test_devices_that_go_off_are_weapons(text, weapon, place):
    attack = one(text, "ATTACK")
    assert weapon in attack["weapon"]["text"], attack
    assert place in attack["place"]["text"] or attack["place"]["name"] == place, attack


def test_a_reflexive_or_a_time_is_no_target():
    attack = one("A suicide bomber blew himself up in Mosul.", "ATTACK")
    assert "target" not in attack and "weapon" not in attack, attack
    attack = one("A bomb went off at a bus stop in Jos on Monday afternoon, killing two people.", "ATTACK")
    assert "afternoon" not in (attack.get("target") or {}).get("text", ""), attack


@pytest.mark.parametrize("text,participants,place", [
    ("The Kenyan foreign minister met with his Somali counterpart in Mogadishu.", {"KEN", "SOM"}, "Mogadishu"),
    ("Ghanaian officials held talks with Togolese envoys in Accra.", {"GHA", "TGO"}, "Accra"),
    ("Chilean and Peruvian diplomats held talks at a hotel.", {"CHL", "PER"}, "a hotel"),
    ("Talks between Sudan and Chad resumed in Doha on Monday.", {"SDN", "TCD"}, "Doha"),
])
def test_meeting_participants_and_place(text, participants, place):
    meeting = one(text, "MEETING")
    assert {p["id"] for p in meeting["participants"]} == participants, meeting
    assert place in (meeting["place"]["name"] or "", meeting["place"]["text"]), meeting


def test_a_state_qualifying_the_participants_names_the_phrase():
    meeting = one("Ghanaian officials met Togolese envoys on Monday.", "MEETING")
    assert [p["text"] for p in meeting["participants"]] == ["Ghanaian officials", "Togolese envoys"]


@pytest.mark.parametrize("text,place", [
    ("The Kabul bombing killed 40 people.", "Kabul"),
    ("Refugees fleeing the Syrian war reached Turkey.", "Syria"),
])
def test_a_place_qualifying_an_attack_noun_is_where_it_happened(text, place):
    attack = one(text, "ATTACK")
    assert attack["place"]["name"] == place and "attacker" not in attack, attack


def test_the_kind_of_weapon_qualifying_an_attack_noun():
    attack = one("Sudan's chemical attacks on Darfur villages were documented.", "ATTACK")
    assert attack["weapon"]["text"] == "chemical" and attack["attacker"]["id"] == "SDN", attack
# ---- people as actors: a titled person stands for the state or group the title names -------
@pytest.mark.parametrize("text,ids", [
    ("Brazilian President Marta Silva met Chilean President Jorge Ruiz in Lima.", {"BRA", "CHL"}),
    ("Egypt's Foreign Minister Karim Fathy met Hezbollah leader Omar Haddad in Beirut.", {"EGY", "HEZBOLLAH"}),
    ("Jonas Berg, the Swedish defence minister, met U.S. Secretary of State Paul Grant in Oslo.", {"SWE", "USA"}),
])
def test_titled_people_stand_for_their_state_or_group(text, ids):
    meeting = one(text, "MEETING")
    found = {p["id"] for p in meeting["participants"]}
    assert found == ids, meeting["participants"]
    assert all(p["via"] == "affiliation" for p in meeting["participants"])
    assert all(p["text"] != p["name"] for p in meeting["participants"])   # the person, as written


def test_later_mentions_of_a_titled_person_inherit_the_state():
    text = ("Brazilian President Marta Silva arrived in Lima on Monday. "
            "Silva met Peru's prime minister on Tuesday.")
    meeting = one(text, "MEETING")
    by_text = {p["text"]: p["id"] for p in meeting["participants"]}
    assert by_text.get("Silva") == "BRA", meeting["participants"]


@pytest.mark.parametrize("text", [
    "Former Brazilian President Marta Silva met Chilean officials in Lima.",
    "Brazilian opposition leader Marta Silva met Chilean officials in Lima.",
    "Brazilian businessman Marta Silva met Chilean officials in Lima.",
])
def test_no_state_for_a_former_office_an_opponent_or_a_national(text):
    meeting = one(text, "MEETING")
    assert "BRA" not in {p["id"] for p in meeting["participants"]}, meeting["participants"]


def test_he_resolves_to_the_person_and_carries_the_state():
    text = "Brazilian President Marta Silva arrived in Lima on Monday. She met Chile's foreign minister."
    meeting = one(text, "MEETING")
    she = next(p for p in meeting["participants"] if p["text"] == "She")
    assert she["id"] == "BRA" and she["via"] == "coref"


def test_he_of_an_untitled_person_is_the_person_unresolved():
    event = one("The engineer Tomas Hale admitted in 2004 that he had sold centrifuges to Libya.")
    assert event["supplier"]["text"] == "he" and event["supplier"]["id"] is None
    assert event["recipient"]["id"] == "LBY"


def test_him_is_not_the_subject_of_his_own_clause():
    text = "Chilean President Jorge Ruiz met the envoy Paul Grant. Ruiz told him Chile would buy tanks."
    doc = __import__("armstrack.nlp", fromlist=["load_nlp"]).load_nlp()(text)
    him = next(t for t in doc if t.lower_ == "him")
    assert him._.coref is not None and him._.coref.text == "Paul Grant"


def test_a_pronoun_before_its_clause_subject_refers_ahead():
    doc = __import__("armstrack.nlp", fromlist=["load_nlp"]).load_nlp()(
        "Chilean President Jorge Ruiz met the envoy. In his speech on Monday, Paul Grant said nothing.")
    his = next(t for t in doc if t.lower_ == "his")
    assert his._.coref is not None and his._.coref.text == "Paul Grant"


def test_a_persons_meeting_names_the_person():
    text = "Brazilian President Marta Silva arrived in Lima. Her meeting with Chile's foreign minister lasted an hour."
    meeting = one(text, "MEETING")
    assert "BRA" in {p["id"] for p in meeting["participants"]}, meeting["participants"]


def test_who_orders_strikes_is_the_attacker():
    attack = one("Chilean President Jorge Ruiz ordered air strikes on rebel camps.", "ATTACK")
    assert attack["attacker"]["id"] == "CHL" and attack["attacker"]["text"] == "Jorge Ruiz"


def test_a_title_in_another_phrase_is_not_the_persons():
    text = "At a meeting with the Chilean ambassador, Marta Silva agreed to hold talks with Peru."
    found = {p["id"] for e in events(text) if e["type"] == "MEETING" for p in e["participants"]
             if p.get("text") == "Marta Silva"}
    assert "CHL" not in found


@pytest.mark.parametrize("text,pronoun,person", [
    ("Mr. Ruiz met Mrs. Silva in Lima. She said the talks went well.", "She", "Silva"),
    ("Mrs. Silva met Mr. Ruiz in Lima. He said the talks went well.", "He", "Ruiz"),
])
def test_an_honorific_tells_he_from_she(text, pronoun, person):
    doc = __import__("armstrack.nlp", fromlist=["load_nlp"]).load_nlp()(text)
    token = next(t for t in doc if t.text == pronoun)
    assert token._.coref is not None and token._.coref.text == person


def test_the_owner_of_a_subject_is_a_subject_for_a_pronoun():
    doc = __import__("armstrack.nlp", fromlist=["load_nlp"]).load_nlp()(
        "Marta Silva won the vote. Jorge Ruiz's campaign is built on his record.")
    his = next(t for t in doc if t.lower_ == "his")
    assert his._.coref is not None and his._.coref.text == "Jorge Ruiz"


@pytest.mark.parametrize("text,imposer", [
    ("The U.S. Treasury sanctioned three shipping firms in May.", "USA"),
    ("Britain's Foreign Office imposed sanctions on Myanmar's military.", "GBR"),
])
def test_a_states_own_institution_stands_for_it(text, imposer):
    assert imposer in {i["id"] for i in one(text, "SANCTION")["imposers"]}
@pytest.mark.parametrize("text,imposers,targets", [
    ("Canada imposed sanctions on Mali, Niger and Chad on Monday.", {"CAN"}, ["MLI", "NER", "TCD"]),
    ("Chad was sanctioned by the African Union in June.", {"AU"}, ["TCD"]),
    ("Sanctions imposed by Japan on Laos took effect in April.", {"JPN"}, ["LAO"]),
    ("Norway and Denmark imposed sanctions against Venezuelan banks.", {"NOR", "DNK"}, ["VEN"]),
    ("Australia's new sanctions hit Myanmar's central bank.", {"AUS"}, ["MMR"]),
    ("Ottawa added two Cuban shipping firms to its blacklist.", {"CAN"}, ["CUB"]),
    ("Syria was slapped with sanctions by Canada.", {"CAN"}, ["SYR"]),
])
def test_sanction_imposers_and_targets(text, imposers, targets):
    event = one(text, "SANCTION")
    assert {i["id"] for i in event["imposers"]} == imposers
    assert [t["id"] for t in event["targets"]] == targets
    assert event["target"]["id"] == targets[0] and event["lifted"] is False


def test_unresolved_sanction_target_is_kept_as_written():
    event = one("Britain sanctioned three shipping companies last week.", "SANCTION")
    assert event["target"]["id"] is None and event["target"]["text"] == "three shipping companies"


@pytest.mark.parametrize("text,covers,target", [
    ("The Security Council imposed an arms embargo on Libya.", "arms", "LBY"),
    ("Seoul announced sanctions targeting Belarus's potash sector.", "potash sector", "BLR"),
    ("Taiwan introduced export controls on machine tools to Russia.", "machine tools", "RUS"),
    ("Canada imposed a ban on exports of drone parts to Iran.", "exports of drone parts", "IRN"),
])
def test_what_a_sanction_covers(text, covers, target):
    event = one(text, "SANCTION")
    assert event["covers"] == covers and event["target"]["id"] == target


@pytest.mark.parametrize("text,target", [
    ("Washington eased sanctions on Belarus's potash exports.", "BLR"),
    ("Kenya welcomed the lifting of the arms embargo on Somalia.", "SOM"),
    ("Sanctions relief for Cuba was agreed in March.", "CUB"),
    ("Rome removed the Houthis from its blacklist in 2021.", "HOUTHIS"),
])
def test_lifted_sanctions_keep_their_target(text, target):
    event = one(text, "SANCTION")
    assert event["lifted"] is True
    if target:
        assert event["target"]["id"] == target


def test_sanction_reason_from_a_gerund_links_the_transfer():
    event = one("Canada sanctioned Belarus for supplying artillery shells to Russia.", "SANCTION")
    assert event["reason"] == "supplying artillery shells to Russia"
    assert event["about"]["supplier"] == "BLR" and event["about"]["recipient"] == "RUS"


def test_imposing_and_lifting_are_two_sanctions():
    found = [e for e in events("The EU imposed sanctions on Belarus in 2021. The EU lifted sanctions on Belarus in 2025.")
             if e["type"] == "SANCTION"]
    assert sorted(e["lifted"] for e in found) == [False, True]


@pytest.mark.parametrize("text", [
    "The two countries resumed arms control talks in Geneva.",
    "Rebels took control of the northern town.",
    "The city council approved a smoking ban in restaurants.",
])
def test_not_sanctions(text):
    assert [e for e in events(text) if e["type"] == "SANCTION"] == []


def test_sanctions_targeting_a_sector_are_no_attack():
    assert [e for e in events("The EU announced sanctions targeting Russia's oil sector.")
            if e["type"] == "ATTACK"] == []


def test_a_lifting_only_considered_is_no_event():
    assert [e for e in events("Brazil is considering lifting sanctions on Cuba.") if e["type"] == "SANCTION"] == []


def test_who_faces_sanctions_is_their_target():
    event = one("Eritrea faces new sanctions over its arms purchases.", "SANCTION")
    assert not event.get("imposers") and event["target"]["id"] == "ERI"
# Sentences written to check that transfers are read on text nobody tuned for: wire news,
# proliferation reports, register-like notes and analysis prose. Each names only the facts it
# checks; "item": "*" means some item must be found.
TRANSFER_FACTS = [
    ('Germany will deliver two more IRIS-T SLM systems to Ukraine by the end of the year, the defence ministry said.',
     {'supplier': 'DEU', 'recipient': 'UKR', 'item': 'iris-t-slm', 'status': 'agreed', 'quantity': 2}),
    ('The Netherlands and Denmark have supplied F-16 fighter jets to Ukraine.',
     {'supplier': 'NLD', 'recipient': 'UKR', 'item': 'f-16-fighting-falcon', 'status': 'delivered'}),
    ('Turkey sold Bayraktar TB2 drones to Ethiopia last year, according to flight-tracking data.',
     {'supplier': 'TUR', 'recipient': 'ETH', 'item': 'bayraktar-tb2', 'status': 'delivered'}),
    ('Kyiv asked Berlin for Taurus cruise missiles in May.',
     {'supplier': 'DEU', 'recipient': 'UKR', 'item': 'taurus-kepd-350', 'status': 'requested'}),
    ('Poland has ordered 96 AH-64 Apache helicopters from the United States.',
     {'supplier': 'USA', 'recipient': 'POL', 'item': 'ah-64-apache', 'status': 'agreed', 'quantity': 96.0}),
    ('The Pentagon announced a $400 million package for Ukraine including HIMARS ammunition and Stinger missiles.',
     {'supplier': 'USA', 'recipient': 'UKR', 'item': '*', 'status': 'agreed'}),
    ('Washington approved the sale of 40 F-16 jets to Turkey on Friday.',
     {'supplier': 'USA', 'recipient': 'TUR', 'item': 'f-16-fighting-falcon', 'status': 'approved', 'quantity': 40.0}),
    # components of a system are components (see test_parts_of_a_system_are_components)
    ('Russia began delivering S-400 components to India in December.',
     {'supplier': 'RUS', 'recipient': 'IND', 'item': '*', 'status': 'delivering'}),
    ('South Korea will export K9 howitzers to Australia under a deal signed on Monday.',
     {'supplier': 'KOR', 'recipient': 'AUS', 'item': 'k9-thunder', 'status': 'agreed'}),
    ('Egypt received the first of 24 Rafale jets from France on Tuesday.',
     {'supplier': 'FRA', 'recipient': 'EGY', 'item': 'dassault-rafale', 'status': 'delivered'}),
    ('A further 12 Leopard 2 tanks were handed over to Ukraine by Spain this week.',
     {'supplier': 'ESP', 'recipient': 'UKR', 'item': 'leopard-2', 'status': 'delivered', 'quantity': 12}),
    ('China has shipped Wing Loong II drones to the United Arab Emirates, officials said.',
     {'supplier': 'CHN', 'recipient': 'ARE', 'item': 'wing-loong-ii', 'status': 'delivered'}),
    ('Israel is negotiating the sale of Barak-8 air defence systems to Morocco.',
     {'supplier': 'ISR', 'recipient': 'MAR', 'item': 'barak-8', 'status': 'negotiating'}),
    ('Romania plans to buy 54 Abrams tanks from the United States.',
     {'supplier': 'USA', 'recipient': 'ROU', 'item': 'm1-abrams', 'status': 'considered', 'quantity': 54.0}),
    ('Sweden pledged Archer howitzers to Ukraine in January.',
     {'supplier': 'SWE', 'recipient': 'UKR', 'item': 'archer-howitzer', 'status': 'agreed'}),
    ("North Korea has sent millions of artillery shells to Russia, Seoul's spy agency said.",
     {'supplier': 'PRK', 'recipient': 'RUS', 'item': '*', 'status': 'delivered', 'quantity': 2000000}),
    ('Belarus took delivery of a second batch of Su-30 fighters from Russia.',
     {'supplier': 'RUS', 'recipient': 'BLR', 'item': 'su-30', 'status': 'delivered'}),
    ('Nigeria has received 12 AH-1Z Viper helicopters from the United States.',
     {'supplier': 'USA', 'recipient': 'NGA', 'item': 'ah-1z-viper', 'status': 'delivered', 'quantity': 12}),
    ('The Philippines signed a contract with India for BrahMos anti-ship missiles.',
     {'supplier': 'IND', 'recipient': 'PHL', 'item': 'brahmos', 'status': 'agreed'}),
    ('Greece is considering the purchase of F-35 jets from the United States.',
     {'supplier': 'USA', 'recipient': 'GRC', 'item': 'f-35-lightning-ii', 'status': 'considered'}),
    ("Qatar's purchase of 36 F-15 jets from the United States was completed in 2023.",
     {'supplier': 'USA', 'recipient': 'QAT', 'item': 'f-15-eagle', 'status': 'delivered', 'quantity': 36.0}),
    ('The delivery of Patriot batteries to Ukraine by Germany continued through the winter.',
     {'supplier': 'DEU', 'recipient': 'UKR', 'item': 'mim-104-patriot', 'status': 'delivering'}),
    ('US arms sales to Taiwan include Harpoon coastal defence systems.',
     {'supplier': 'USA', 'recipient': 'TWN', 'item': '*'}),
    ("Saudi Arabia's acquisition of THAAD from the United States is on track.",
     {'supplier': 'USA', 'recipient': 'SAU', 'item': 'thaad'}),
    ('Javelin missiles were supplied to Ukraine by the United Kingdom in 2022.',
     {'supplier': 'GBR', 'recipient': 'UKR', 'item': 'fgm-148-javelin', 'status': 'delivered'}),
    ('The Su-35 fighters, which Russia delivered to Iran last month, are based in Isfahan.',
     {'supplier': 'RUS', 'recipient': 'IRN', 'item': 'su-35', 'status': 'delivered'}),
    ('Last week, Japan transferred three Abukuma-class destroyer escorts to the Philippines.',
     {'supplier': 'JPN', 'recipient': 'PHL', 'item': '*', 'status': 'delivered', 'quantity': 3}),
    ('Serbia, a long-time Russian partner, bought FK-3 air defence systems from China.',
     {'supplier': 'CHN', 'recipient': 'SRB', 'item': '*', 'status': 'delivered'}),
    ('In a surprise move, Argentina bought 24 F-16 fighters from Denmark.',
     {'supplier': 'DNK', 'recipient': 'ARG', 'item': 'f-16-fighting-falcon', 'status': 'delivered', 'quantity': 24.0}),
    ('Iran has provided the Houthis with ballistic missiles, UN experts said.',
     {'supplier': 'IRN', 'recipient': 'HOUTHIS', 'item': '*', 'status': 'delivered'}),
    ('Hamas used rockets that were smuggled from Iran through tunnels.',
     {'supplier': 'IRN', 'recipient': 'HAMAS', 'item': '*'}),
    ('Spain will send two batteries of NASAMS to Ukraine.',
     {'supplier': 'ESP', 'recipient': 'UKR', 'item': 'nasams', 'status': 'agreed', 'quantity': 2}),
    ('Italy supplied about 20 Mirage 2000 jets to Ukraine.',
     {'supplier': 'ITA', 'recipient': 'UKR', 'item': 'mirage-2000', 'quantity': 18}),
    ('Pakistan received four Type 054A frigates from China between 2021 and 2023.',
     {'supplier': 'CHN', 'recipient': 'PAK', 'item': 'type-054a', 'status': 'delivered', 'quantity': 4}),
    ('Russia may supply Su-35 fighter jets to Iran, a US official said.',
     {'supplier': 'RUS', 'recipient': 'IRN', 'item': 'su-35', 'status': 'considered'}),
    ('Ukraine has requested additional Patriot systems from Germany.',
     {'supplier': 'DEU', 'recipient': 'UKR', 'item': 'mim-104-patriot', 'status': 'requested'}),
    ('Taiwan asked Washington for more Stinger missiles.',
     {'supplier': 'USA', 'recipient': 'TWN', 'item': 'fim-92-stinger', 'status': 'requested'}),
    ('Egypt is reportedly in talks with China to acquire J-10C fighters.',
     {'supplier': 'CHN', 'recipient': 'EGY', 'item': 'j-10', 'status': 'negotiating'}),
    ('If approved, the deal would see Canada sell armoured vehicles to Saudi Arabia.',
     {'supplier': 'CAN', 'recipient': 'SAU', 'item': '*'}),
    ('Germany refused to supply Taurus missiles to Ukraine.',
     {'supplier': 'DEU', 'recipient': 'UKR', 'item': 'taurus-kepd-350', 'status': 'refused'}),
    ('Switzerland blocked the re-export of Gepard ammunition to Ukraine.',
     {'supplier': 'CHE', 'recipient': 'UKR', 'status': 'refused'}),
    ('Turkey cancelled its order for Eurofighter Typhoon jets.',
     {'recipient': 'TUR', 'item': 'eurofighter-typhoon', 'status': 'cancelled'}),
    ('Rwanda acquired Chinese-made rocket launchers via a Belgian arms dealer.',
     {'recipient': 'RWA', 'item': '*'}),
    ('The deal, brokered by the United Arab Emirates, saw Belarus deliver Su-25 jets to Sudan.',
     {'supplier': 'BLR', 'recipient': 'SDN', 'item': 'su-25', 'broker': 'ARE'}),
    ('India will build Rafale fuselages under licence from France.',  # fuselages: components
     {'supplier': 'FRA', 'recipient': 'IND', 'item': '*', 'status': 'agreed'}),
    ('Indonesia leased two Airbus A400M aircraft from France.',
     {'supplier': 'FRA', 'recipient': 'IDN', 'item': 'airbus-a400m-atlas', 'quantity': 2}),
    ('Chile bought second-hand F-16s from the Netherlands.',
     {'supplier': 'NLD', 'recipient': 'CHL', 'item': 'f-16-fighting-falcon', 'status': 'delivered'}),
    ('Slovakia gave its MiG-29 fleet to Ukraine.',
     {'supplier': 'SVK', 'recipient': 'UKR', 'item': 'mig-29', 'status': 'delivered'}),
    ('The US Navy seized a shipment of Iranian missile components bound for the Houthis.',
     {'supplier': 'IRN', 'recipient': 'HOUTHIS', 'item': '*'}),
    ('Libya reportedly received assistance from Pakistan in developing its centrifuge program.',
     {'supplier': 'PAK', 'recipient': 'LBY', 'item': '*'}),
    ('North Korea is believed to have provided Syria with nuclear reactor technology.',
     {'supplier': 'PRK', 'recipient': 'SYR', 'item': '*'}),
    ('China exported machine tools with military applications to Russia in 2023.',
     {'supplier': 'CHN', 'recipient': 'RUS', 'item': '*'}),
    ('Iran has smuggled drone engines to Russia through the Caspian Sea.',
     {'supplier': 'IRN', 'recipient': 'RUS', 'item': '*'}),
    ('The A.Q. Khan network sold centrifuge designs to Libya and Iran.',
     {'recipient': 'LBY', 'item': '*'}),
    ("Critics argue that Britain's arms exports to Saudi Arabia fuel the war in Yemen.",
     {'supplier': 'GBR', 'recipient': 'SAU', 'item': '*'}),
    ("Berlin's decision to send Leopard tanks to Kyiv marked a turning point.",
     {'supplier': 'DEU', 'recipient': 'UKR', 'item': '*'}),
    ('Washington has armed Israel with bunker-busting bombs for years.',
     {'supplier': 'USA', 'recipient': 'ISR', 'item': '*'}),
    ('Second-hand Leopard 1 tanks were bought by Brazil from Belgium in 2009.',
     {'supplier': 'BEL', 'recipient': 'BRA', 'item': 'leopard-1', 'status': 'delivered'}),
    ('Ex-Dutch M109 howitzers were transferred to Jordan.',
     {'supplier': 'NLD', 'recipient': 'JOR', 'item': 'm109-paladin', 'status': 'delivered'}),
    ('India is producing Su-30 fighters under licence from Russia.',
     {'supplier': 'RUS', 'recipient': 'IND', 'item': 'su-30'}),
    ('Croatia leased 12 Rafale jets from France.',
     {'supplier': 'FRA', 'recipient': 'HRV', 'item': 'dassault-rafale', 'quantity': 12}),
    ('Chile leased a C-130 transport aircraft to Ecuador.',
     {'supplier': 'CHL', 'recipient': 'ECU', 'item': 'c-130-hercules'}),
    ('Syria reportedly received assistance from North Korea in developing its Scud missile program.',
     {'supplier': 'PRK', 'recipient': 'SYR', 'item': '*'}),
    ('Iran is suspected of acquiring missile guidance components from Chinese firms.',
     {'recipient': 'IRN', 'item': '*'}),
    ('Libya obtained centrifuge components through the Khan network.',
     {'recipient': 'LBY', 'item': '*'}),
    ('Pakistan has been accused of transferring nuclear technology to North Korea.',
     {'supplier': 'PAK', 'recipient': 'PRK', 'item': '*'}),
    ('Washington and London agreed to provide Australia with nuclear-powered submarines.',
     {'supplier': 'USA', 'recipient': 'AUS', 'item': '*', 'status': 'agreed'}),
    ('Russia delivered the first batch of S-400 missiles to Turkey in July 2019.',
     {'supplier': 'RUS', 'recipient': 'TUR', 'item': 's-400-triumf', 'status': 'delivered'}),
    ('Ukraine has received more than 300 tanks from its Western allies since the invasion began.',
     {'recipient': 'UKR', 'item': '*', 'status': 'delivered', 'quantity': 301}),
    ('Armenia will buy Indian Pinaka rocket launchers, its defence minister said.',
     {'supplier': 'IND', 'recipient': 'ARM', 'item': 'pinaka', 'status': 'agreed'}),
    ('Iran denied supplying Russia with ballistic missiles.',
     {'supplier': 'IRN', 'recipient': 'RUS', 'item': '*'}),
    ('The shipment of Patriot interceptors to Kyiv was delayed.',
     {'recipient': 'UKR', 'item': 'mim-104-patriot'}),
    ('Kenya wants to buy Turkish drones.',
     {'supplier': 'TUR', 'recipient': 'KEN', 'item': '*', 'status': 'considered'}),
    ('Baghdad is awaiting delivery of its remaining F-16s from Washington.',
     {'supplier': 'USA', 'recipient': 'IRQ', 'item': 'f-16-fighting-falcon'}),
    ('The Houthis have been armed by Iran with anti-ship missiles.',
     {'supplier': 'IRN', 'recipient': 'HOUTHIS', 'item': '*', 'status': 'delivered'}),
    ('Indonesia signed a deal to buy 42 Rafale fighter jets from France.',
     {'supplier': 'FRA', 'recipient': 'IDN', 'item': 'dassault-rafale', 'status': 'agreed', 'quantity': 42}),
    ('Three Patriot batteries were sent to Poland by the Netherlands.',
     {'supplier': 'NLD', 'recipient': 'POL', 'item': 'mim-104-patriot', 'status': 'delivered', 'quantity': 3}),
    ('Britain sent Challenger 2 tanks, Storm Shadow missiles and AS-90 howitzers to Ukraine.',
     {'supplier': 'GBR', 'recipient': 'UKR', 'item': '*', 'status': 'delivered'}),
    ('Morocco bought Bayraktar drones from Turkey and Heron drones from Israel.',
     {'supplier': 'TUR', 'recipient': 'MAR', 'item': '*'}),
    ('Authorities in Greece intercepted a ship carrying weapons bound for Libya.',
     {'recipient': 'LBY', 'item': '*'}),
    ('Egypt was the largest buyer of French arms last year.',
     {'supplier': 'FRA', 'recipient': 'EGY', 'item': '*'}),
    ("Russia is Iran's main supplier of combat aircraft.",
     {'supplier': 'RUS', 'recipient': 'IRN', 'item': '*'}),
    ("Beijing's arms exports to Africa have surged, with Nigeria and Tanzania among the buyers.",
     {'supplier': 'CHN', 'item': '*'}),
    ('Had Germany delivered the Taurus missiles, Ukraine could have struck the Kerch bridge.',
     {'supplier': 'DEU', 'item': 'taurus-kepd-350', 'status': 'considered'}),
    ('The sale of F-35s to the UAE stalled over concerns about Chinese technology.',
     {'recipient': 'ARE', 'item': 'f-35-lightning-ii'}),
    ('Vietnam took delivery of two Kilo-class submarines from Russia.',
     {'supplier': 'RUS', 'recipient': 'VNM', 'item': 'kilo-class-submarine', 'quantity': 2}),
    ('Algeria is reported to have bought Su-57 stealth fighters from Moscow.',
     {'supplier': 'RUS', 'recipient': 'DZA', 'item': 'su-57'}),
    ('Following months of talks, Brazil agreed to sell Guarani armoured vehicles to the Philippines.',
     {'supplier': 'BRA', 'recipient': 'PHL', 'item': 'vbtp-mr-guarani', 'status': 'agreed'}),
    ("Myanmar's junta has acquired Yak-130 jets from Russia, rights groups say.",
     {'supplier': 'RUS', 'recipient': 'MMR', 'item': 'yak-130'}),
    ('Estonia and Latvia bought HIMARS launchers from the United States.',
     {'supplier': 'USA', 'recipient': 'EST', 'item': 'm142-himars'}),
    ('The UAE is said to be funnelling weapons to the RSF in Sudan through Chad.',
     {'supplier': 'ARE', 'recipient': 'RSF', 'item': '*'}),
    ('Serbia received Chinese CH-92A drones in 2020.',
     {'supplier': 'CHN', 'recipient': 'SRB', 'item': '*'}),
    ('A $2.5 billion sale of Abrams tanks to Taiwan was approved by the State Department.',
     {'supplier': 'USA', 'recipient': 'TWN', 'item': 'm1-abrams', 'status': 'approved'}),
    ('The Czech Republic is sending T-72 tanks to Ukraine.',
     {'supplier': 'CZE', 'recipient': 'UKR', 'item': 't-72', 'status': 'delivering'}),
    ('The Wagner group supplied surface-to-air missiles to the RSF, US officials said.',
     {'supplier': 'WAGNER', 'recipient': 'RSF', 'item': '*'}),
    ('India has transferred a Kilo-class submarine to Myanmar.',
     {'supplier': 'IND', 'recipient': 'MMR', 'item': 'kilo-class-submarine'}),
    ('Norway donated its NASAMS launchers to Ukraine in 2023.',
     {'supplier': 'NOR', 'recipient': 'UKR', 'item': 'nasams'}),
    ('Pakistan is seeking Chinese J-35 stealth jets.',
     {'supplier': 'CHN', 'recipient': 'PAK', 'item': 'j-35', 'status': 'requested'}),
]


def _facts_hold(event, facts):
    for role in ("supplier", "recipient", "broker"):
        if role in facts and (event.get(role) or {}).get("id") != facts[role]:
            return False
    if "item" in facts and not event.get("item"):
        return False
    if facts.get("item", "*") != "*" and event["item"].get("id") != facts["item"]:
        return False
    if "quantity" in facts and (event.get("quantity") or {}).get("min") != facts["quantity"]:
        return False
    return "status" not in facts or event["status"] == facts["status"]


@pytest.mark.parametrize("text,facts", TRANSFER_FACTS)
def test_transfer_facts_in_varied_prose(text, facts):
    found = [e for e in events(text) if e["type"] == "TRANSFER"]
    assert any(_facts_hold(e, facts) for e in found), found


@pytest.mark.parametrize("text", [
    'Russia delivered oil to India at a discount.',
    'Qatar shipped food and medicine to Gaza.',
    'The central bank transferred $2 billion to the treasury.',
    'The peaceful transfer of power took place in Washington.',
    'The company sold its shares in the arms maker to a Chinese investor.',
    'The president delivered a speech to parliament on defence spending.',
    'Turkey produces its own Bayraktar drones at a plant near Istanbul.',
    'A man bought a rifle at a gun store in Texas.',
    'The F-16s were fitted with new radars by Lockheed Martin.',
    'Germany sent aid money to Sudan.',
    'The United States sent its envoy to Kyiv for talks.',
    'India bought Russian oil worth $50 billion last year.',
    'Russia sold gas to Europe for decades.',
    'The company handed over the data to regulators.',
    'Saudi Aramco sold bonds to foreign investors.',
    'The minister delivered a stark warning to Iran.',
    'Ukraine produces its own Bohdana howitzers.',
    'The frigate is armed with Exocet missiles.',
    'The United States sent an aircraft carrier to the eastern Mediterranean.',
    "Japan transferred $1 billion to Ukraine's budget.",
    'Germany will provide humanitarian aid to Sudan.',
    'Police seized a rifle from a man in Ohio.',
    'Kazakhstan will not buy any more Russian helicopters, officials said.',
])
def test_no_transfer_in_varied_prose(text):
    assert not [e for e in events(text) if e["type"] == "TRANSFER"]



def test_every_attack_with_transferred_weapons_gets_its_attacker():
    text = ("Minsk has received Chinese drones used in attacks against Lithuania. "
            "Caracas has received Iranian drones used in attacks against Guyana.")
    attackers = {(e.get("target") or {}).get("id"): (e.get("attacker") or {}).get("id")
                 for e in events(text) if e["type"] == "ATTACK"}
    assert attackers.get("LTU") == "BLR" and attackers.get("GUY") == "VEN", attackers


@pytest.mark.parametrize("text,status", [
    # a halt governs the deal word it stops, however far: the deal is not agreed (issue 23:
    # suspended, refused and seized beside cancelled)
    ("Peru has cancelled a deal to buy 24 Gripen jets from Sweden, officials said.", "cancelled"),
    ("Turkey pulled out of the contract to buy HQ-9 missiles from China.", "cancelled"),
    ("Chile called off the purchase of 12 F-16 jets from the United States.", "cancelled"),
    ("Norway froze the sale of NASAMS systems to Qatar last year.", "suspended"),
    ("The suspension of the contract to supply Leopard tanks to Saudi Arabia angered Riyadh.", "suspended"),
    ("Spain blocked a contract to sell corvettes to Saudi Arabia.", "refused"),
    ("Greek officials seized a shipment of rifles bound for Libya.", "seized"),
    # waiting, awaiting and delays: agreed, not delivered
    ("Taiwan is still waiting for the delivery of 66 F-16V jets from the United States.", "agreed"),
    ("Egypt awaits the shipment of 30 Rafale jets from France.", "agreed"),
    ("Deliveries of the S-400 systems from Russia to India have been delayed again.", "agreed"),
    # and the word nearest still decides where nothing cancels
    ("Russia and India held talks on the supply of S-400 systems.", "negotiating"),
])
def test_status_of_cancelled_and_awaited_deals(text, status):
    assert one(text)["status"] == status


@pytest.mark.parametrize("text,pairs", [
    ("Russia supplied missiles to Iraq and Syria.", {("RUS", "IRQ"), ("RUS", "SYR")}),
    ("Iran received missiles from Libya and North Korea.", {("LBY", "IRN"), ("PRK", "IRN")}),
    ("Russia and China sold fighter jets to Iran.", {("RUS", "IRN"), ("CHN", "IRN")}),
    ("Syria received missile technology from countries such as Iran and North Korea.", {("IRN", "SYR"), ("PRK", "SYR")}),
    ("Britain and France delivered Storm Shadow missiles to Ukraine and Poland.",
     {("GBR", "UKR"), ("GBR", "POL"), ("FRA", "UKR"), ("FRA", "POL")}),
])
def test_conjoined_parties_are_one_transfer_each(text, pairs):
    found = [e for e in events(text) if e["type"] == "TRANSFER"]
    assert {(e["supplier"]["id"], e["recipient"]["id"]) for e in found} == pairs and len(found) == len(pairs)


@pytest.mark.parametrize("text,supplier,recipient,item", [
    # the contents and the other side of a contract may hang on the verb it is the object of
    ("India signed a contract with Russia for S-400 systems.", "RUS", "IND", "s-400-triumf"),
    ("Egypt signed a deal with Russia for 24 MiG-29 jets.", "RUS", "EGY", "mig-29"),
    ("Greece signed a new contract with France for six more Rafale jets.", "FRA", "GRC", "dassault-rafale"),
    # a deal for a supply: the supply names the parties, the deal adds no second transfer
    ("Russia signed a deal with India for the supply of S-400 systems.", "RUS", "IND", "s-400-triumf"),
])
def test_contract_contents_and_parties_on_the_verb(text, supplier, recipient, item):
    event = one(text)
    assert (event["supplier"]["id"], event["recipient"]["id"]) == (supplier, recipient)
    if item:
        assert event["item"]["id"] == item
    assert event["status"] == "agreed"


@pytest.mark.parametrize("text,supplier,recipient,denier", [
    # a negated transfer in someone's reported words is their denial, never nothing
    ('"We have never supplied drones to Russia," Iran\'s foreign ministry said.', "IRN", "RUS", "IRN"),
    ("Iran said in a statement that it had not sent any drones to Russia.", "IRN", "RUS", "IRN"),
    ('"We did not buy any missiles from North Korea," Russia\'s defence ministry said.', "PRK", "RUS", "RUS"),
    ("The U.S. said Iran has not delivered ballistic missiles to Russia.", "IRN", "RUS", "USA"),
])
def test_a_reported_negation_is_the_speakers_denial(text, supplier, recipient, denier):
    event = one(text)
    assert (event["supplier"]["id"], event["recipient"]["id"]) == (supplier, recipient)
    assert event["certainty"]["level"] == "denied" and event["certainty"]["denied_by"] == [denier]


@pytest.mark.parametrize("text", [
    "Germany has not sent any Taurus missiles to Ukraine.",       # the author's negation: no one cited
    "Officials said Iran had not yet delivered the missiles to Russia.",  # unnamed: no party denies
])
def test_an_unattributed_negation_is_no_event(text):
    assert [e for e in events(text) if e["type"] == "TRANSFER"] == []


def test_declining_to_comment_neither_confirms_nor_denies():
    text = ("Iran has sent drones to Russia, officials said. Tehran declined to comment, and the "
            "Russian defence ministry did not respond to a request for comment.")
    event = one(text)
    assert event["certainty"]["level"] == "attributed"
    assert event["certainty"]["denied_by"] == [] and event["certainty"]["confirmed_by"] == []


@pytest.mark.parametrize("text,supplier,recipient", [
    # the transfer the talks are about takes its missing sides from the talks' participants
    ("Talks between Russia and the Houthis on the transfer of Yakhont missiles stalled.", "RUS", "HOUTHIS"),
    ("Iran negotiated with Hezbollah over the delivery of Fateh-110 missiles.", "IRN", "HEZBOLLAH"),
    ("Officials from Egypt and France discussed the sale of Rafale jets to Egypt.", "FRA", "EGY"),
    # the destination hung on the verb of the talks, the negotiator the other side
    ("Russia began negotiating over the supply of S-400 systems to Turkey.", "RUS", "TUR"),
    # two states: the maker of the named system supplies it
    ("India and Russia held talks on the supply of S-400 systems.", "RUS", "IND"),
    # two states and nothing else to go on: left unresolved rather than guessed
    ("India and France held talks on the supply of S-400 systems.", None, None),
    ("India and Russia held talks on the supply of air defence systems.", None, None),
])
def test_talks_on_a_transfer_name_its_sides(text, supplier, recipient):
    event = one(text)
    assert (event.get("supplier") or {}).get("id") == supplier
    assert (event.get("recipient") or {}).get("id") == recipient
    assert event["status"] == "negotiating"


@pytest.mark.parametrize("text,supplier,recipient,item_text", [
    # parts for a system are components of it, never the system: no system id, so they cannot
    # make the system's claim look delivered; the system's owner in the phrase is the recipient
    ("India ordered F-16 spare parts from the United States.", "USA", "IND", "F-16 spare parts"),
    ("Russia supplied engines for India's Su-30 fighters.", "RUS", "IND", "engines for India's Su-30 fighters"),
    ("The US approved the sale of engines for Pakistan's F-16 jets.", "USA", "PAK", "engines for Pakistan's F-16 jets"),
    ("Turkey bought spare and repair parts for its F-16 fleet from the United States.", "USA", "TUR",
     "spare and repair parts for its F-16 fleet"),
    ("Russia began delivering S-400 components to India in December.", "RUS", "IND", "S-400 components"),
])
def test_parts_of_a_system_are_components(text, supplier, recipient, item_text):
    event = one(text)
    assert (event["supplier"]["id"], event["recipient"]["id"]) == (supplier, recipient)
    item = event["item"]
    assert item["id"] is None and item["category"] == "components" and item["text"] == item_text
    assert item["name"].endswith(" components")


def test_the_system_itself_is_still_the_system():
    event = one("The US approved the sale of 12 F-16 jets to Pakistan.")
    assert event["item"]["id"] == "f-16-fighting-falcon" and event["recipient"]["id"] == "PAK"


def test_an_arms_company_confirming_a_delivery_by_no_one_named_is_its_supplier():
    event = one("Rosoboronexport confirmed that the first six Su-35s had been delivered to Algeria.")
    assert (event["supplier"]["id"], event["recipient"]["id"]) == ("ROSOBORONEXPORT", "DZA")
    assert event["supplier"]["state"] == "RUS" and event["certainty"]["confirmed_by"] == ["ROSOBORONEXPORT"]
    # a state confirming a delivery is not thereby its supplier
    other = one("The U.S. confirmed that ballistic missiles had been delivered to Russia.")
    assert other.get("supplier") is None and other["certainty"]["confirmed_by"] == ["USA"]


def test_who_uses_supplied_weapons_received_them():
    event = one("Hamas fighters used Iranian-supplied rockets in the attack.")
    assert (event["supplier"]["id"], event["recipient"]["id"]) == ("IRN", "HAMAS")
    assert event["status"] == "used"
    # a user the text does not name says nothing about who received them
    assert one("Troops launched a Libyan supplied Scud-B at the city.").get("recipient") is None


@pytest.mark.parametrize("text,supplier,recipient", [
    # the small model reads "to ISIS" as an infinitive with the name as its verb: a known actor is no verb
    ("Turkey became a key supplier of weapons to ISIS.", "TUR", "ISIS"),
    ("Iran is the main supplier of drones to Hezbollah.", "IRN", "HEZBOLLAH"),
])
def test_a_supplier_of_weapons_to_a_group(text, supplier, recipient):
    event = one(text)
    assert (event["supplier"]["id"], event["recipient"]["id"]) == (supplier, recipient)


def test_ordered_and_delivered_numbers_are_both_kept():
    event = one("Algeria ordered 14 Su-35 jets from Russia in 2021. Russia has delivered six Su-35 "
                "jets to Algeria so far.")
    assert event["status"] == "delivered"
    assert event["quantity"]["max"] == 6 and event["ordered"]["max"] == 14
    assert "ordered" not in one("France delivered six Rafale jets to Greece.")


def test_also_takes_the_left_out_side_from_the_transfer_before():
    found = [e for e in events("Iran has sent hundreds of Shahed drones to Russia. Tehran also supplied "
                               "ballistic missiles, officials said.") if e["type"] == "TRANSFER"]
    assert {(e["supplier"]["id"], e["recipient"]["id"], e["item"]["text"]) for e in found} == {
        ("IRN", "RUS", "Shahed drones"), ("IRN", "RUS", "ballistic missiles")}
    # without "also" the text does not make it plain: the side stays unnamed
    plain = [e for e in events("Iran has sent drones to Russia. Tehran supplied ballistic missiles, "
                               "officials said.") if e["type"] == "TRANSFER"]
    assert any(e.get("recipient") is None for e in plain)


@pytest.mark.parametrize("text,denier", [
    # calling the reports false is denying them
    ("The Kremlin called the reports of Iranian drone deliveries fake.", "RUS"),
    ("Iran described the claims that it had sent missiles to Russia as baseless.", "IRN"),
    ("Iran dismissed as propaganda reports that it supplied drones to Russia.", "IRN"),
])
def test_calling_reports_false_is_a_denial(text, denier):
    event = one(text)
    assert event["certainty"]["level"] == "denied" and event["certainty"]["denied_by"] == [denier]


def test_calling_is_no_request_unless_it_calls_for():
    assert one("Ukraine called for the supply of more Patriot systems from Germany.")["status"] == "requested"
    praised = [e for e in events("The ministry called the delivery of the drones to Russia a success.")
               if e["type"] == "TRANSFER"]
    assert all(e["status"] != "requested" and e["certainty"]["level"] != "denied" for e in praised)


# ---- event types as modules and their word files ---------------------------------------------

def _word_lists(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _word_lists(value, (*path, str(key)))
    elif isinstance(node, list):
        yield path, node


def test_every_word_list_holds_words_not_yaml_booleans():
    # bare `off`, `no` or `false` in a YAML list load as False: the word silently vanishes
    from armstrack.resources import DATA, load_yaml

    files = sorted((DATA / "patterns").rglob("*.yaml"))
    assert len(files) >= 8
    for path in files:
        for where, items in _word_lists(load_yaml(str(path.relative_to(DATA)))):
            assert not any(isinstance(x, bool) for x in items), (path.name, where)
            words = [x for x in items if isinstance(x, str)]
            assert not words or len(words) == len(items), (path.name, where, items)


def test_each_event_type_is_one_registered_module_with_its_own_word_file():
    from armstrack.extract.lexicon import lexicon
    from armstrack.extract.registry import event_types
    from armstrack.records import EventType
    from armstrack.resources import DATA

    from armstrack import eventtypes

    modules = event_types()
    assert [m.type for m in modules] == [EventType(n) for n in eventtypes.names()]
    # the reader fills the roles its package declares
    assert all(m.roles == eventtypes.spec(m.type).roles for m in modules)
    files = {p.stem for p in (DATA / "patterns" / "types").glob("*.yaml")}
    assert files == {m.type.value.lower() for m in modules}
    for module in modules:
        assert (DATA / module.lexicon).is_file()
        assert lexicon().section(module.type.value), module.type


def test_a_type_registers_once():
    from armstrack.extract.registry import event_types, register_type

    with pytest.raises(ValueError, match="registered twice"):
        register_type(event_types()[0])


def test_readers_fill_only_the_roles_their_module_declares():
    from armstrack.extract.registry import event_types

    declared = {m.type.value: set(m.roles) for m in event_types()}
    text = ("Russia and the Houthis held talks in Tehran, mediated by Iran, on the transfer of Yakhont "
            "missiles. The US imposed sanctions on Rosoboronexport. Houthi rebels attacked a ship with "
            "drones in the Red Sea. The Kremlin denied that it had sent missiles to Yemen.")
    found = armstrack.extract_text(text, "2025-03-10")
    assert {e.type.value for e in found} >= {"TRANSFER", "MEETING", "SANCTION", "ATTACK"}
    for event in found:
        filled = {k for k, v in event.roles.items() if v}
        assert filled <= declared[event.type.value], (event.type, filled)


@pytest.mark.parametrize("text,supplier,recipient", [
    # a verb that only says how the transfer noun goes gives the noun its doer and destination
    ("Russia completed the delivery of S-400 systems to Turkey.", "RUS", "TUR"),
    ("China agreed to the handover of four frigates to Pakistan.", "CHN", "PAK"),
    ("Moscow has stepped up arms deliveries to Myanmar.", "RUS", "MMR"),
    ("Ankara pressed ahead with the purchase of S-400 systems from Moscow.", "RUS", "TUR"),
    ("Russia began deliveries of Su-35 jets to Iran in March.", "RUS", "IRN"),
])
def test_support_verbs_lend_the_transfer_noun_its_parties(text, supplier, recipient):
    event = one(text)
    assert (event["supplier"]["id"], event["recipient"]["id"]) == (supplier, recipient)


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Washington dispatched Patriot batteries to Poland.", "USA", "POL"),
    ("Israel will resupply Azerbaijan with drones.", "ISR", "AZE"),
    ("Russia's offer of Su-35 jets to Iran was rejected.", "RUS", "IRN"),
])
def test_more_verbs_and_nouns_of_giving(text, supplier, recipient):
    event = one(text)
    assert (event["supplier"]["id"], event["recipient"]["id"]) == (supplier, recipient)


def test_a_noun_moving_a_named_kind_of_weapon_is_a_transfer_without_parties():
    event = one("The delivery of coastal defence missiles began in 1986.")
    assert event["item"]["category"] == "anti-ship missile" or "missile" in event["item"]["category"]
    # general talk of arms sales is not an event of its own
    assert not [e for e in events("Arms sales are a growing business.") if e["type"] == "TRANSFER"]


def test_expecting_a_delivery_is_agreed_and_the_one_expecting_receives_it():
    event = one("Kyiv expects deliveries of F-16 jets from Denmark.")
    assert (event["supplier"]["id"], event["recipient"]["id"], event["status"]) == ("DNK", "UKR", "agreed")
    # a company expecting its sales to grow is their seller, never their buyer
    sales = [e for e in events("Rheinmetall expects sales of ammunition to rise.") if e["type"] == "TRANSFER"]
    assert all((e.get("recipient") or {}).get("id") != "RHEINMETALL" for e in sales)


def test_a_bare_number_counts_the_weapon_named_before_it():
    event = one("Algeria ordered 14 Su-35 jets from Russia in 2021. Russia has delivered six so far.")
    assert event["status"] == "delivered"
    assert (event["quantity"]["text"], event["ordered"]["text"]) == ("six", "14")


@pytest.mark.parametrize("text,supplier,recipient,broker", [
    ("Belarus acted as an intermediary in the sale of Russian jets to Iran.", "RUS", "IRN", "BLR"),
    ("The UAE was the middleman for the sale of Chinese drones to Libya.", "CHN", "LBY", "ARE"),
    ("Sudan served as a conduit for Iranian arms shipments to Hamas.", "IRN", "HAMAS", "SDN"),
])
def test_a_go_between_noun_names_the_broker(text, supplier, recipient, broker):
    event = one(text)
    assert (event["supplier"]["id"], event["recipient"]["id"], event["broker"]["id"]) == (supplier, recipient, broker)


@pytest.mark.parametrize("text,transfer", [
    ("China sold six jets to Pakistan.", ("CHN", "PAK")),
    ("Kazakhstan transferred 100 warheads to Russia by rail.", ("KAZ", "RUS")),
    # jets between companies and airlines are no arms transfer
    ("Boeing sold 50 jets to Ryanair.", None),
    ("Airbus delivered 20 jets to Emirates last year.", None),
])
def test_bare_jets_and_warheads_are_materiel_between_states(text, transfer):
    found = [e for e in events(text) if e["type"] == "TRANSFER"]
    if transfer is None:
        assert not found
    else:
        assert [(e["supplier"]["id"], e["recipient"]["id"]) for e in found] == [transfer]


@pytest.mark.parametrize("text,role,state", [
    ("A smuggling network run by Iran's Revolutionary Guards sent missiles to the Houthis.", "supplier", "IRN"),
    ("An arms dealer linked to Iran shipped rifles to the Houthis.", "supplier", "IRN"),
    ("A firm controlled by the Russian state sold helicopters to Mali.", "supplier", "RUS"),
])
def test_an_agent_named_by_its_kind_acts_for_the_state_the_phrase_ties_it_to(text, role, state):
    side = one(text)[role]
    assert side["id"] is None and side["state"] == state
    # an armed group is no state to stand for
    buyer = one("A company owned by Hezbollah bought drones from Iran.")["recipient"]
    assert not buyer.get("state")


@pytest.mark.parametrize("text,sides,role,party", [
    # a state the shipment passes through is neither side
    ("Iran shipped the rockets through Syria to Hezbollah.", ("IRN", "HEZBOLLAH"), "transit", "SYR"),
    ("The drones were transported via Armenia to Iran.", (None, "IRN"), "transit", "ARM"),
    # the one a buyer acts for receives; the buyer is the go-between
    ("A front company bought drones on behalf of Iran.", (None, "IRN"), "broker", None),
])
def test_valency_roles_beyond_the_two_sides(text, sides, role, party):
    event = one(text)
    assert ((event.get("supplier") or {}).get("id"), event["recipient"]["id"]) == sides
    assert event[role] is not None and event[role].get("id") == party
    # "via rail" names no party
    assert one("Kazakhstan transferred 100 warheads to Russia via rail.").get("transit") is None


def test_every_transfer_word_has_a_valency_class():
    from armstrack.resources import load_yaml

    words = load_yaml("patterns/types/transfer.yaml")
    classes = words["valency"]
    for kind in ("verbs", "nouns", "phrasal_verbs"):
        for lemma, entry in words[kind].items():
            assert entry["class"] in classes, (kind, lemma)
    for name, spec in classes.items():
        assert spec["frame"] in ("give", "get"), name
        assert set(spec["preps"].values()) <= {"supplier", "recipient", "broker", "transit", "principal"}, name


def test_the_headline_s_bare_kind_gives_way_to_the_body_s_finer_one():
    event = one("Network shipped missiles to Houthis\n\nA smuggling network run by Iran's Revolutionary "
                "Guards sent anti-ship missiles to the Houthis.")
    assert event["item"]["category"] == "anti-ship missile"


@pytest.mark.parametrize("text,items", [
    ("The United States supplied tanks and howitzers to Ukraine.", {"tanks", "howitzers"}),
    ("Moscow shipped Kornet missiles and Pantsir systems to Syria.", {"Kornet missiles", "Pantsir systems"}),
    ("Iran supplied the Houthis with drones and missiles.", {"drones", "missiles"}),
])
def test_conjoined_items_are_one_transfer_each(text, items):
    found = [e for e in events(text) if e["type"] == "TRANSFER"]
    assert {e["item"]["text"] for e in found} == items
    assert len({(e["supplier"]["id"], e["recipient"]["id"]) for e in found}) == 1


@pytest.mark.parametrize("text,item,quantity", [
    # a named weapon and the kind word after it are one item, though the parser tears them apart
    ("Russia has sold Su-35 fighters to Egypt.", "su-35", None),
    ("Iran shipped Shahed-136 drones to Russia by sea.", "shahed-136", None),
    ("Norway sold CV90 vehicles to Lithuania.", "cv90", None),
    # a model number is no count
    ("Forty Leopard 2 tanks were delivered to Poland by Germany.", "leopard-2", "Forty"),
])
def test_weapon_names_with_their_kind_word(text, item, quantity):
    event = one(text)
    assert event["item"]["id"] == item
    assert (event["quantity"] or {}).get("text") == quantity


def test_ammunition_for_a_system_is_not_the_system_s_name():
    # "HIMARS ammunition" keeps "ammunition" out of the name HIMARS
    from armstrack.nlp.pipeline import load_nlp

    doc = load_nlp()("The package includes HIMARS ammunition and Su-35 jets.")
    assert {e.text for e in doc.ents if e.label_ == "WEAPON"} >= {"HIMARS", "Su-35 jets"}


@pytest.mark.parametrize("text,denier,confirmer", [
    ("Iran shipped drones to Sudan, reports said. Tehran denied the reports in a statement.", "IRN", None),
    ("North Korea has sent ballistic missiles to Russia, the report said. North Korea denies the accusation.",
     "PRK", None),
    ("Iran denies arming Russia\n\nIran has supplied Shahed drones to Russia, Ukrainian officials said.", "IRN", None),
    ("Russia confirms jet deliveries to Iran\n\nRussia has delivered Su-35 jets to Iran, the ministry said.",
     None, "RUS"),
])
def test_a_denial_or_confirmation_of_the_reports_reaches_the_transfer(text, denier, confirmer):
    if confirmer:
        certainty = one(text)["certainty"]
        assert certainty["denied_by"] == [] and certainty["confirmed_by"] == [confirmer]
        return
    # an allegation and its denial are two reports (issue 23): the denial, and the allegation
    # undenied
    found = [e for e in events(text) if e["type"] == "TRANSFER"]
    assert [e["certainty"]["denied_by"] for e in found if e["certainty"]["denied_by"]] == [[denier]]
    assert any(not e["certainty"]["denied_by"] and not e["certainty"]["confirmed_by"] for e in found)


def test_a_denial_by_a_stranger_to_the_transfer_marks_nothing():
    text = "Iran denies arming Russia\n\nTurkey has supplied drones to Ukraine, officials said."
    body = [e for e in events(text) if e["type"] == "TRANSFER" and e["supplier"]["id"] == "TUR"]
    assert len(body) == 1 and body[0]["certainty"]["denied_by"] == []


@pytest.mark.parametrize("text", [
    "Algeria declined to comment on reports that it bought Su-57 jets from Russia.",
    "There were reports that Russia had sold Su-57 jets to Algeria.",
])
def test_a_transfer_only_reported_is_hedged(text):
    certainty = one(text)["certainty"]
    assert certainty["level"] == "hedged" and "reports" in certainty["hedges"]


def test_a_named_system_s_maker_supplies_when_the_clause_gives_the_sides():
    event = one("Indonesia began negotiating with France over the supply of Scorpene submarines.")
    assert (event["supplier"]["id"], event["recipient"]["id"], event["status"]) == ("FRA", "IDN", "negotiating")


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Brazil and Sweden concluded an agreement for the sale of Gripen jets.", "SWE", "BRA"),
    ("Egypt reached a deal with Germany on the delivery of IRIS-T systems.", "DEU", "EGY"),
    ("India signed a contract with Russia for the supply of S-400 systems.", "RUS", "IND"),
])
def test_a_deal_on_a_transfer_names_its_sides_and_says_it_is_agreed(text, supplier, recipient):
    event = one(text)
    assert (event["supplier"]["id"], event["recipient"]["id"], event["status"]) == (supplier, recipient, "agreed")


@pytest.mark.parametrize("text,transfer", [
    # a weapon one state makes, used by another, was handed over
    ("Russian troops used Iranian-made Shahed drones against Kharkiv.", ("IRN", "RUS", "used")),
    ("Iran used Iranian-made drones in the drill.", None),
    # falling through is cancelling
    ("Russia's Su-35 sale to Egypt fell through.", ("RUS", "EGY", "cancelled")),
    # a state equipping its own forces hands nothing over; another state's army receives
    ("Iran armed its navy with new anti-ship missiles.", None),
    ("Russia supplied its troops with new rifles.", None),
    ("The United States equipped Ukraine's army with Abrams tanks.", ("USA", "UKR", "delivered")),
])
def test_makers_own_forces_and_deals_that_fall_through(text, transfer):
    assert sides_and_status(text) == ([transfer] if transfer else [])


@pytest.mark.parametrize("text,supplier,recipient", [
    # the talkers of "discuss the sale" are its two sides, not two suppliers
    ("Egypt and France discussed the sale of Rafale jets.", "FRA", "EGY"),
    ("Russia and Houthis discuss missile transfer, officials say\n\n"
     "Talks between Russia and the Houthis on the transfer of Yakhont missiles have stalled.", "RUS", "HOUTHIS"),
])
def test_a_transfer_the_talks_verb_has_as_object_takes_its_sides_from_the_talkers(text, supplier, recipient):
    found = [e for e in events(text) if e["type"] == "TRANSFER"]
    assert found and {(e["supplier"]["id"], e["recipient"]["id"]) for e in found} == {(supplier, recipient)}


@pytest.mark.parametrize("text,supplier,recipient,item", [
    # headlinese the tagger misreads: "ships" as a noun, an object torn off by "first"
    ("Iran ships drones to Russia", "IRN", "RUS", "drones"),
    ("Russia delivers first Su-35 jets to Algeria", "RUS", "DZA", "Su-35 jets"),
    ("Egypt buys Rafale jets from France", "FRA", "EGY", "Rafale jets"),
])
def test_headlinese(text, supplier, recipient, item):
    event = one(text + "\n\nThe news agency gave no further details.")
    assert (event["supplier"]["id"], event["recipient"]["id"], event["item"]["text"]) == (supplier, recipient, item)
    # the same words as a body sentence with a full stop are left to the parser
    assert not [e for e in events("The ships carried drones to Russia.") if e["type"] == "TRANSFER"]


@pytest.mark.parametrize("text,transfer", [
    # an embargo or ban on sales reports none
    ("An EU embargo on arms sales to Belarus remains in force.", None),
    ("Lifting the embargo on weapons exports to Venezuela would require a unanimous vote.", None),
    # airliners for an airline are no arms, jets for a state are
    ("Qatar Airways bought Boeing 777 jets from the United States.", None),
    ("The United States sold jets to the Saudi air force.", ("USA", "SAU", "delivered")),
    # another state's weapon in a named user's hands was handed over
    ("Azerbaijan used Israeli Harop drones in the 2020 war.", ("ISR", "AZE", "used")),
    ("Russian forces fired North Korean KN-23 missiles at Kyiv.", ("PRK", "RUS", "used")),
    ("Russia launched Russian missiles at Kyiv.", None),
    # building for another state is supplying it
    ("Turkey is building corvettes for Pakistan.", ("TUR", "PAK", "delivering")),
    ("Iran produces drones for Russia.", ("IRN", "RUS", "delivered")),
    # who wins or is awarded an order supplies; who places or awards it receives
    ("Saab won an order from Brazil for Gripen jets.", ("SAAB", "BRA", "agreed")),
    ("Lockheed Martin was awarded a contract to build F-16 jets for Bulgaria.", ("LOCKHEED_MARTIN", "BGR", "agreed")),
    ("Bulgaria awarded Lockheed Martin a contract for F-16 jets.", ("LOCKHEED_MARTIN", "BGR", "agreed")),
    ("Egypt placed an order for Rafale jets with France.", ("FRA", "EGY", "agreed")),
])
def test_embargoes_airliners_foreign_weapons_builders_and_contracts(text, transfer):
    assert sides_and_status(text) == ([transfer] if transfer else [])


@pytest.mark.parametrize("text,status", [
    ("Ukraine asked Germany for Taurus missiles. Berlin refused.", "refused"),
    ("Ukraine asked Germany for Taurus missiles. Berlin later agreed to send them.", "agreed"),
    # an answer by someone else, or about something else, moves nothing
    ("Ukraine asked Germany for Taurus missiles. Poland refused.", "requested"),
    ("Ukraine asked Germany for Taurus missiles. Berlin refused to comment on the talks.", "requested"),
])
def test_an_answer_in_the_next_sentence_moves_the_status(text, status):
    assert one(text)["status"] == status


def test_rejecting_claims_of_a_sale_denies_it_and_leaves_its_status():
    event = one("Russia rejected claims that it had sold Su-35 jets to Iran.")
    assert event["certainty"]["denied_by"] == ["RUS"] and event["status"] == "delivered"


@pytest.mark.parametrize("text,supplier", [
    # a variant suffix the parser tears off the name leaves the source on the other head
    ("Poland bought AH-64E helicopters from the United States.", "USA"),
    ("Hungary bought Leopard 2A7 tanks from Germany.", "DEU"),
])
def test_variant_names_keep_their_source(text, supplier):
    assert one(text)["supplier"]["id"] == supplier


@pytest.mark.parametrize("text,transfer", [
    # "arm" names the weapons itself when nothing says what
    ("Iran denied arming the RSF.", ("IRN", "RSF", "denied")),
    ("The UAE is arming the RSF, UN experts said.", ("ARE", "RSF", "attributed")),
    ("The memo armed Russia with fresh arguments.", None),
])
def test_arming_a_party_hands_it_weapons(text, transfer):
    found = [e for e in events(text) if e["type"] == "TRANSFER"]
    if transfer is None:
        assert not found
    else:
        assert [(e["supplier"]["id"], e["recipient"]["id"], e["certainty"]["level"]) for e in found] == [transfer]
        assert found[0]["item"]["category"] == "weapon"


def test_any_sale_warned_against_has_not_happened():
    event = one("Washington warned that any sale of Su-35 jets to Iran would trigger sanctions.")
    assert event["status"] == "considered" and event["certainty"]["level"] == "hedged"


@pytest.mark.parametrize("text,expected", [
    # gapping: a second weapon with its own source, hung on the first one's party or the verb
    ("Russia received artillery shells from North Korea and drones from Iran.",
     {("PRK", "RUS", "artillery shells"), ("IRN", "RUS", "drones")}),
    ("Egypt bought Rafale jets from France and Su-35 jets from Russia.",
     {("FRA", "EGY", "Rafale jets"), ("RUS", "EGY", "Su-35 jets")}),
    ("Ukraine received HIMARS from the US, and Patriot systems from Germany.",
     {("USA", "UKR", "HIMARS"), ("DEU", "UKR", "Patriot systems")}),
])
def test_gapped_items_keep_their_own_sides(text, expected):
    found = {(e["supplier"]["id"], e["recipient"]["id"], e["item"]["text"]) for e in events(text) if e["type"] == "TRANSFER"}
    assert found == expected


@pytest.mark.parametrize("text,status,focus", [
    ("Bangladesh has cancelled a deal to buy 16 JF-17 jets from Pakistan.", "cancelled", "main"),
    ("France has yet to deliver the Rafale jets to India.", "agreed", "main"),
    ("Russia no longer sells weapons to Niger.", "cancelled", "main"),
    ("Kyiv has been receiving Patriot missiles from Berlin since 2023.", "delivering", "main"),
])
def test_stopped_pending_and_ongoing_flows(text, status, focus):
    event = one(text)
    assert (event["status"], event["focus"]) == (status, focus)


@pytest.mark.parametrize("text,supplier,recipient,item", [
    # what a package, deal or aid holds is its item
    ("The Pentagon announced a new $400 million package for Ukraine that includes HIMARS ammunition.",
     "USA", "UKR", "HIMARS ammunition"),
    ("The latest tranche of German aid to Ukraine includes four IRIS-T launchers.", "DEU", "UKR", "IRIS-T launchers"),
    ("The deal includes 24 Caesar howitzers for Lithuania.", None, "LTU", "Caesar howitzers"),
])
def test_what_a_package_includes(text, supplier, recipient, item):
    event = one(text)
    assert ((event.get("supplier") or {}).get("id"), event["recipient"]["id"], event["item"]["text"]) == \
        (supplier, recipient, item)
    assert not [e for e in events("The report includes photos of tanks.") if e["type"] == "TRANSFER"]


@pytest.mark.parametrize("text,supplier,recipient", [
    # the one asked does what the infinitive says; the one asking wants it
    ("Kyiv called on Berlin to deliver Taurus missiles.", "DEU", "UKR"),
    ("Ukraine has urged allies to send more Patriot systems.", None, "UKR"),
])
def test_the_one_asked_supplies_and_the_asker_receives(text, supplier, recipient):
    event = one(text)
    assert ((event.get("supplier") or {}).get("id"), event["recipient"]["id"], event["status"]) == \
        (supplier, recipient, "requested")


def test_a_description_with_its_own_demonym_names_that_state():
    # "the Malian government" is Mali's, whatever actor came before
    found = events("Moscow delivered jets to Mali. The Malian government denied it.")
    statement = [e for e in found if e["type"] == "STATEMENT"][0]
    assert statement["speaker"]["id"] == "MLI"
    # the author's report and Mali's denial are two reports (issue 23)
    assert [e["certainty"]["denied_by"] for e in found if e["type"] == "TRANSFER"] == [[], ["MLI"]]


def test_a_bare_denial_joined_to_the_transfer_s_clause_denies_it():
    event = one("Moscow delivered Pantsir systems to Mali, the Malian government denied in a statement.")
    assert event["certainty"]["denied_by"] == ["MLI"]


@pytest.mark.parametrize("text,supplier,recipient,status", [
    ("Poland is awaiting K2 Black Panther tanks from South Korea.", "KOR", "POL", "agreed"),
    ("Saudi Arabia is the largest customer for British arms.", "GBR", "SAU", "delivered"),
])
def test_awaiting_and_customers(text, supplier, recipient, status):
    event = one(text)
    assert (event["supplier"]["id"], event["recipient"]["id"], event["status"]) == (supplier, recipient, status)


def test_rebels_are_not_the_state_their_demonym_names():
    event = one("Syrian rebels received anti-tank missiles from the United States.")
    assert event["recipient"]["id"] is None and event["recipient"]["text"] == "Syrian rebels"
    assert one("Russian officials said Iran sent drones to Russia.")["recipient"]["id"] == "RUS"


def test_a_question_asserts_no_transfer():
    assert all(e["certainty"]["level"] == "hedged" for e in events("Is China arming Russia?") if e["type"] == "TRANSFER")


def test_a_second_item_takes_the_verb_s_second_source_not_the_first_item():
    assert {(s, r, i) for s, r, i in [((e["supplier"] or {}).get("id"), e["recipient"]["id"], e["item"]["text"])
            for e in events("India bought Rafale jets from France and S-400 systems from Russia.")
            if e["type"] == "TRANSFER"]} == {("FRA", "IND", "Rafale jets"), ("RUS", "IND", "S-400 systems")}


@pytest.mark.parametrize("text,supplier,recipient", [
    # a double object the parser reads as a modifier of the item
    ("Turkey sold Ukraine Bayraktar TB2 drones.", "TUR", "UKR"),
    ("The US sent Ukraine HIMARS launchers.", "USA", "UKR"),
])
def test_double_objects_name_the_recipient(text, supplier, recipient):
    assert sides_and_status(text)[0][:2] == (supplier, recipient)


@pytest.mark.parametrize("text,supplier,recipient", [
    # the buyer confirming its own purchase or receipt
    ("Brazil confirmed receipt of the first Gripen jets from Sweden.", "SWE", "BRA"),
    ("Poland confirmed the purchase of 96 Apache helicopters from the United States.", "USA", "POL"),
    # a unit of a system is the system
    ("India received two S-400 squadrons from Russia.", "RUS", "IND"),
])
def test_receipts_and_units(text, supplier, recipient):
    assert sides_and_status(text)[0][:2] == (supplier, recipient)


@pytest.mark.parametrize("text,transfer", [
    # "still has not delivered" is a promise pending; a bare "has not delivered" stays no event
    ("Russia still has not delivered the Su-35 jets to Iran.", ("RUS", "IRN", "agreed")),
    ("Russia has not delivered Su-35 jets to Iran.", None),
    # a pledge reported with "would" is agreed; "could" only considered
    ("The Netherlands said it would transfer 18 more F-16 jets to Ukraine.", ("NLD", "UKR", "agreed")),
    ("The Netherlands could transfer F-16 jets to Ukraine.", ("NLD", "UKR", "considered")),
    # the operator of what was bought got it
    ("India operates BrahMos missiles bought from Russia.", ("RUS", "IND", "delivered")),
])
def test_pending_pledged_and_operated(text, transfer):
    assert sides_and_status(text) == ([transfer] if transfer else [])


@pytest.mark.parametrize("text,transfer", [
    # arrivals: the item is the subject; a named source or a shipment word makes it a transfer
    ("The first batch of K9 howitzers arrived in Norway from South Korea.", ("KOR", "NOR", "delivered")),
    ("K9 howitzers are due to arrive in Estonia from South Korea.", ("KOR", "EST", "agreed")),
    ("A batch of Chinese-made CH-4 drones arrived in Algeria last month.", ("CHN", "DZA", "delivered")),
    # a deployment is no transfer
    ("Russian jets arrived in Syria.", None),
])
def test_arrivals(text, transfer):
    assert sides_and_status(text) == ([transfer] if transfer else [])


@pytest.mark.parametrize("text,denier", [
    # a gerund the parser reads as an adjective of the object is still the denied transfer
    ("The UAE has denied supplying weapons to Sudan.", "ARE"),
    ("Moscow called the reports that it had sold jets to Iran absurd.", "RUS"),
])
def test_denials_through_gerunds_and_judgements(text, denier):
    assert one(text)["certainty"]["denied_by"] == [denier]


@pytest.mark.parametrize("text,supplier,recipient,broker", [
    # who arranges a transfer brokers it, in the active and in the passive
    ("A Georgian middleman arranged the transfer of Harop drones from Israel to Azerbaijan.", "ISR", "AZE", "GEO"),
    ("The sale of Kornet missiles to Hezbollah was arranged by Syria.", None, "HEZBOLLAH", "SYR"),
])
def test_who_arranges_a_transfer_brokers_it(text, supplier, recipient, broker):
    event = one(text)
    assert ((event.get("supplier") or {}).get("id"), event["recipient"]["id"], event["broker"]["id"]) == \
        (supplier, recipient, broker)


@pytest.mark.parametrize("text", [
    "Iran acted as a go-between in the sale of Yakhont missiles from Russia to the Houthis.",
    "Russia sold Yakhont missiles to the Houthis, with Iran acting as broker.",
])
def test_hyphenated_and_absolute_brokers(text):
    event = one(text)
    assert (event["supplier"]["id"], event["recipient"]["id"], event["broker"]["id"]) == ("RUS", "HOUTHIS", "IRN")


def test_a_participial_denial_after_said_denies_the_reported_transfer():
    event = one("Russia shipped tanks to Eritrea, the Eritrean government said in a statement, denying it.")
    assert event["certainty"]["denied_by"] == ["ERI"]
    assert one("Russia shipped tanks to Eritrea, the Eritrean government said.")["certainty"]["denied_by"] == []


def test_a_state_confirming_a_delivery_by_another_receives_it():
    event = one("The Polish defence ministry confirmed that South Korea had delivered the first K2 tanks.")
    assert (event["supplier"]["id"], event["recipient"]["id"], event["certainty"]["confirmed_by"]) == ("KOR", "POL", ["POL"])


@pytest.mark.parametrize("text,transfer", [
    # a named owner's weapon "from" another was handed over
    ("Ukraine's new F-16 jets from Denmark entered service.", ("DNK", "UKR", "delivered")),
    ("Ukraine's F-16 jets flew over Kyiv.", None),
])
def test_an_owner_s_weapon_from_another(text, transfer):
    assert sides_and_status(text) == ([transfer] if transfer else [])


@pytest.mark.parametrize("text,transfer", [
    # verbs that are transfers only with their preposition
    ("Egypt signed for 30 more Rafale jets.", (None, "EGY", "agreed")),
    ("Morocco has turned to Israel for Barak 8 air defence systems.", ("ISR", "MAR", "considered")),
    ("He turned to his wife for advice.", None),
])
def test_phrasal_transfer_verbs(text, transfer):
    assert sides_and_status(text) == ([transfer] if transfer else [])


@pytest.mark.parametrize("text,denial", [
    # a refusal is the transfer's status, not a denial that it happened (issue 23)
    ("Switzerland denied an export licence for Piranha vehicles to Qatar.", False),
    ("Israel rejected Ukraine's request for Iron Dome batteries.", False),
    ("Spain rejected the sale of bombs to Saudi Arabia.", False),
    ("Iran denied the sale of drones to Russia.", True),
    ("Moscow rejected the reports of arms sales to Iran.", True),
])
def test_a_refusal_is_no_denial(text, denial):
    found = events(text)
    assert any(e["type"] == "STATEMENT" and e["kind"] == "deny" for e in found) == denial, found
