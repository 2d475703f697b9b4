"""TRANSFER's constructions, one unit each: a function registered with its stage, its place in
the order and its name (`armstrack.extract.construction`). Importing this package registers
them all. They run by their `order`, not in the order of the imports below:
`armstrack.extract.construction.table(EventType.TRANSFER)` lists them as they run.

A module holds one construction, or the small ones of one shape or one role that share words
and helpers (participle, clause, noun, sides, item, around_item, broker).
"""
from . import (  # noqa: F401
    headlinese, arrival, gerund_object, owned_from, transfer_word, licensed_production,
    foreign_weapon_used, built_for, made_for_another, interdicted_shipment, export_licence,
    ranking, clause_date, decided_by_speaker,
    under_embargo, given_up, participle, clause, noun, sides, item, around_item,
    negotiation, contract_won, maker_supplies, broker, sponsors, finish,
    talks, confirmer_receives, sides_from_before, reply_to_before, split_parties, stances_across,
    denied_report, selection, contract_to_supply, relative_gap, trade_press,
    made_in, intermediary, platform_owner, firm_states, conjunct_sides,
    commissioned_foreign, transit_place, deal_partner, package_named_before, allies_of, talks_over_item,
    milestone, unnamed_item, maker_announces, offer_received, nearing_deal,
    seized_at_sea, tacked_denial, withheld_from, taken_up, bid_to_supply, expected_to, joint_subject,
    letter_of_request,
)
