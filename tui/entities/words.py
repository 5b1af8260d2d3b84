"""Every word list the entity rules read: add a word here, not in the rule.

A rule asks "is this a title?", "does this head noun make an event?"; the
answer is a list, and a newcomer tuning the rules for an article should find
all of them in one place. Only a regular expression's own inline alternatives
("town|city|village of ...") stay with the expression that reads them.
"""

from __future__ import annotations

import re

# Words that may stand in a long form without giving a letter: "Bank of Japan
# (BOJ)", "Letters from Lisbon (LL)", "Banco de la Nación (BN)". They may give one
# too ("Letters from Lisbon (LFL)", "Friends of the Earth (FoE)").
FUNCTION_WORDS = frozenset(
    [
        # English articles, conjunctions and prepositions
        *("a", "an", "the", "and", "or", "&", "+", "of", "for", "from", "on", "in", "into"),
        *("to", "at", "by", "with", "without", "against", "about", "as", "over", "under"),
        *("upon", "per", "via", "among", "between", "through", "within", "across", "after"),
        # the same in the languages names are most often borrowed from
        *("de", "des", "du", "la", "le", "les", "l", "d", "et", "à", "au", "aux", "pour"),
        *("y", "e", "el", "los", "las", "del", "da", "das", "do", "dos", "di", "della"),
        *("dei", "degli", "und", "der", "die", "den", "dem", "für", "von"),
        *("zu", "zur", "zum", "im", "am", "van", "het", "een", "voor", "en", "al"),
    ]
)

# Words that open a French sentence and that a model takes for a one-word name now
# and then ("Les", "Elle", "Deux"): never an entity on their own.
SENTENCE_WORDS = FUNCTION_WORDS | frozenset(
    [
        *("il", "ils", "elle", "elles", "on", "nous", "vous", "je", "tu", "ce", "cet"),
        *("cette", "ces", "un", "une", "deux", "trois", "quatre", "cinq", "mais", "selon"),
        *("avec", "dans", "sans", "sur", "sous", "son", "sa", "ses", "leur", "leurs", "lui"),
        *("qui", "que", "quand", "comme", "après", "avant", "depuis", "pendant", "chez"),
        *("si", "ou", "où", "car", "donc", "ainsi", "alors", "aussi", "encore", "tout"),
        *("tous", "toute", "toutes", "cela", "ceci", "ça", "oui", "non", "sin", "con"),
    ]
)

# A capitalised determiner is no first word of a name: "The Electronic Commerce
# Directive" is the directive, "The Mysore district" the district.
DETERMINERS = frozenset(
    ["The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His", "Her", "Our"]
)
# Nor is a word that starts a sentence after a title: "Minister The", "President In".
NOT_NAME_STARTS = DETERMINERS | frozenset(
    [
        *("My", "Your", "In", "On", "At", "As", "And", "But", "Or", "If", "When"),
        *("While", "After", "Before", "Since", "For", "From", "To", "With", "By", "Of"),
    ]
)

MONTHS_AND_DAYS = frozenset(
    [
        *("January", "February", "March", "April", "May", "June", "July", "August"),
        *("September", "October", "November", "December", "Monday", "Tuesday"),
        *("Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    ]
)

# After a number they make a clock time ("0600 UTC"); alone they are no organization.
TIME_ZONES = frozenset(
    [
        *("UTC", "GMT", "IST", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"),
        *("CET", "CEST", "EET", "EEST", "BST", "JST", "KST", "AEST", "AEDT", "AWST"),
        *("MSK", "HKT", "SGT", "WIB", "PHT"),
    ]
)

# Currencies written out after an amount ("38.8 million euro"): a regex alternation.
CURRENCY_WORDS = (
    r"(?:euros?|dollars?|pounds?(?: sterling)?|yen|yuan|renminbi|rupees?|rupiah|ringgit"
    r"|baht|pesos?|francs?|roubles?|rubles?|złoty(?:s|ch)?|zloty(?:s)?|forints?|kronor"
    r"|krona|kroner|krone|rand|won|dinars?|dirhams?|riyals?|shekels?|lira|naira)"
)

# A person's generation suffix ("Jo Bloggs, Jr."): a regex for the rules to anchor.
GENERATION_SUFFIX = r",? (?:Jr\.?|Sr\.?|II|III|IV)"

# A company's legal form closes its name: whatever the model typed, it is an organization.
LEGAL_FORMS = frozenset(
    [
        *("Inc", "Ltd", "Limited", "Corp", "Corporation", "Co", "LLC", "LLP", "plc", "PLC"),
        *("GmbH", "AG", "SA", "S.A.", "NV", "N.V.", "BV", "B.V.", "SpA", "S.p.A.", "Srl"),
        *("Oy", "Oyj", "AB", "ASA", "A/S", "Kft", "Zrt", "Nyrt", "Bhd", "Pty", "Pte", "KK"),
    ]
)
# The legal forms written short, whose full stop is the abbreviation's, not the sentence's.
ABBREVIATED_LEGAL_FORMS = frozenset(
    ["Inc", "Ltd", "Corp", "Co", "Kft", "Zrt", "Nyrt", "Bhd", "Pty"]
)
# What an organization's name may be followed by and still be the same organization:
# "Mahan" is "Mahan Air", "Facebook Ireland Limited" a subsidiary of "Facebook".
CORPORATE_SUFFIXES = frozenset(
    [
        *("Group", "Corporation", "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd.", "Limited"),
        *("Co", "Co.", "Company", "Holdings", "plc", "PLC", "AG", "SA", "S.A.", "LLC"),
        *("GmbH", "Airlines", "Airways", "Air"),
    ]
)

# Head nouns that type a multi-word name, whatever the model guessed ("Belt and Road
# Initiative" is an event, "Bank of Japan" an organization, "KSR Station" a place).
EVENT_HEADS = frozenset(
    [
        *("Initiative", "Plan", "Act", "Law", "Treaty", "Agreement", "Accord", "Accords"),
        *("Pact", "Programme", "Program", "Strategy", "Directive", "Regulation"),
        *("Convention", "Protocol", "Bill", "Charter", "Declaration", "Summit"),
        *("Conference", "Olympics", "Games", "War", "Festival", "Day", "Election"),
        *("Elections", "Referendum", "Championship", "Cup"),
    ]
)
ORGANIZATION_HEADS = frozenset(
    [
        *("Bank", "Committee", "Commission", "Association", "Organization", "Organisation"),
        *("Council", "Agency", "Ministry", "Department", "Office", "Authority", "Institute"),
        *("University", "College", "Court", "Party", "Group", "Company", "Corporation"),
        *("Corp", "Inc", "Ltd", "Co", "Holdings", "Fund", "Foundation", "Society"),
        *("Federation", "Board", "Bureau", "Service", "Network", "Alliance", "Assembly"),
        *("Parliament", "Congress", "Senate", "Police", "Army", "Force", "Navy", "Corps"),
        *("Railway", "Railways", "Airlines", "Airways"),
    ]
)
# One of these alone names no organization a reader could look up ("the Council",
# "the State"): it joins the one longer name it ends, or is dropped.
GENERIC_ORGANIZATION_WORDS = (ORGANIZATION_HEADS - {"Parliament", "Congress", "Senate"}) | {
    *("State", "States", "Stream", "Government", "Cabinet", "Union", "Administration"),
    *("Agency", "Centre", "Center", "Team", "Club", "Unit", "Division", "Branch"),
}
PLACE_HEADS = frozenset(
    [
        *("Station", "Airport", "Hospital", "Junction", "Sea", "Ocean", "River", "Island"),
        *("Islands", "Mountain", "Mountains", "Lake", "Bay", "Province", "District"),
        *("County", "Street", "Avenue", "Square", "Bridge", "Port", "Harbour", "Harbor"),
        *("Valley", "Desert", "Gulf", "Peninsula", "Strait", "Canal", "Stadium", "Palace"),
        *("Prison", "Coast"),
    ]
)
HEAD_NOUNS = EVENT_HEADS | ORGANIZATION_HEADS | PLACE_HEADS
# The heads of a law or treaty the model may miss ("the Electronic Commerce Directive
# 2000"), in the order the pattern tries them.
LAW_HEADS = (
    *("Act", "Directive", "Regulation", "Treaty", "Agreement", "Accord", "Convention"),
    *("Protocol", "Charter", "Declaration", "Initiative", "Bill"),
)

TITLES = frozenset(
    [
        *("President", "Presidents", "Vice-President", "Premier", "Chancellor", "Minister"),
        *("Ministers", "Secretary", "Senator", "Sen", "Governor", "Gov", "Mayor"),
        *("Chairman", "Chairwoman", "Chairperson", "Chair", "Administrator", "Director"),
        *("Commissioner", "Ambassador", "Spokesperson", "Spokesman", "Spokeswoman"),
        *("Judge", "Pilot", "Captain", "Capt", "Commander", "Colonel", "Col", "General"),
        *("Gen", "Lieutenant", "Lt", "Sergeant", "Sgt", "Inspector", "Superintendent"),
        *("Detective", "Dr", "Mr", "Mrs", "Ms", "Prof", "Professor", "Sir", "Dame"),
        *("King", "Queen", "Prince", "Princess", "Pope", "Sheikh", "Emir", "Rev"),
        *("Reverend", "Bishop", "Archbishop", "Cardinal", "Manager", "Astronaut", "Coach"),
        *("Representative", "Rep", "Officer", "Chief", "Executive", "CEO", "Deputy"),
        *("Attorney",),
    ]
)
# Lower-case titles that introduce a name just as well: "commissioner Albert Muchanga".
# ("general", "chief" or "king" lower-case are too often something else.)
LOWER_CASE_TITLES = frozenset(
    [
        *("president", "minister", "secretary", "senator", "governor", "mayor", "premier"),
        *("chairman", "chairwoman", "chairperson", "chancellor", "administrator", "director"),
        *("commissioner", "ambassador", "spokesperson", "spokesman", "spokeswoman"),
        *("astronaut", "pilot", "captain", "manager", "professor"),
    ]
)
# Titles written with a full stop ("Dr. Smith"); after any other word a full
# stop ends the sentence ("a hospital spokesperson. The police").
ABBREVIATED_TITLES = frozenset(
    ["Dr", "Mr", "Mrs", "Ms", "Prof", "Sen", "Gov", "Gen", "Col", "Capt", "Lt", "Sgt", "Rev", "Rep"]
)

# Common nouns that say what a name is: "the retailer Acme", "actress Jo Bloggs".
ORGANIZATION_NOUNS = frozenset(
    [
        *("company", "companies", "firm", "firms", "chain", "chains", "supermarket"),
        *("supermarkets", "retailer", "retailers", "newspaper", "newspapers", "daily"),
        *("weekly", "magazine", "broadcaster", "manufacturer", "manufacturers", "maker"),
        *("makers", "producer", "producers", "startup", "start-up", "airline", "airlines"),
        *("carrier", "bank", "banks", "insurer", "publisher", "conglomerate", "website"),
        *("site", "outlet", "tabloid", "automaker", "carmaker", "telecom", "operator"),
        *("subsidiary", "party", "charity", "nonprofit", "non-profit"),
    ]
)
PERSON_NOUNS = frozenset(
    [
        *("actress", "actor", "model", "singer", "rapper", "musician", "lawyer"),
        *("attorney", "journalist", "reporter", "activist", "businessman"),
        *("businesswoman", "author", "writer", "novelist", "player", "artist"),
        *("photographer", "comedian", "economist", "analyst", "scientist"),
        *("researcher", "doctor", "nurse", "student", "teacher", "founder"),
        *("politician", "lawmaker", "legislator", "candidate", "expert", "official"),
    ]
)
# Words that end a describing apposition: the head noun came before them
# (", a spokesperson for the firm" describes a person, not a firm).
PHRASE_ENDS = frozenset(
    [
        *("of", "for", "at", "in", "from", "with", "who", "which", "that", "to", "on"),
        *("by", "and", "or", "said", "says", "told", "whose", "where", "when", "based"),
        *("is", "was", "are", "were", "has", "had", "have", "will", "would"),
    ]
)

_WORD_BREAKS = re.compile(r"[\s\-–]+")


def content_words(phrase: str) -> list[str]:
    """The words of a phrase that are not function words, split at spaces and hyphens."""
    return [w for w in _WORD_BREAKS.split(phrase) if w and w.lower() not in FUNCTION_WORDS]
