"""Special categories (Art. 9 GDPR): table of (text, expected terms) tied to a person."""

import pytest

from leitplanke.checks.personal_data import detect_personal_data
from tests.checks.personal_data.spans import found

CASES = [
    ("health of a named person", "Herr Müller ist schwer krank.", ["krank"]),
    ("specific term of two", "Unser Kollege Tim Becker ist an Krebs erkrankt.", ["Krebs"]),
    (
        "two specific terms join",
        "Er ist chronisch krank, Diabetiker.",
        ["chronisch krank, Diabetiker"],
    ),
    ("religion", "Anna Schmidt ist Muslima und trägt ein Kopftuch.", ["Muslima", "Kopftuch"]),
    ("orientation by pronoun", "Er ist schwul und lebt in Neukölln.", ["schwul"]),
    ("possessive", "Frau Yılmaz spricht offen über ihre Depression.", ["Depression"]),
    ("party membership", "Thomas Fischer ist Mitglied der AfD.", ["Mitglied der AfD"]),
    ("union membership", "Sie ist Mitglied bei ver.di.", ["Mitglied bei ver.di"]),
    ("pregnancy", "Unsere Kollegin Lea ist schwanger.", ["schwanger"]),
    ("compound condition", "Frau Yılmaz spricht über ihre Krebsdiagnose.", ["Krebsdiagnose"]),
    ("apposition", "Anna Schmidt (Diabetikerin) kam.", ["Diabetikerin"]),
    ("initial and age", "Herr K., 54, Muslim, engagiert sich.", ["Muslim"]),
    ("compound topic", "Das Krebsforschungszentrum lädt ein. Herr Müller ist Arzt.", []),
    ("group, not person", "Wir beraten Menschen mit Behinderung.", []),
    ("topic, not person", "Frau Müller ist Ansprechpartnerin für Demenz.", []),
    ("generic advice", "Wenn Ihr Kind krank ist, bleibt es zu Hause.", []),
    ("attributive adjective", "Die Jüdische Gemeinde lädt ein.", []),
    ("plural statement", "Viele Berlinerinnen sind evangelisch.", []),
    ("no predicate", "Kopftuch und Kippa im Museum", []),
    ("compound noun", "Anna Schmidt ist Krebsforscherin.", []),
    ("office holder's party in parentheses", "Kai Wegner (CDU) sagte", []),
    # Addictions, compounds and illnesses not listed as such.
    ("addiction compound", "Frau Meißner ist alkoholabhängig.", ["alkoholabhängig"]),
    ("addiction noun", "Herr Braun kämpft gegen seine Spielsucht.", ["Spielsucht"]),
    ("patient compound", "Herr Kaminski ist Dialysepatient.", ["Dialysepatient"]),
    ("patient compound, female", "Sie ist Brustkrebspatientin.", ["Brustkrebspatientin"]),
    ("at risk", "Ihr Sohn ist suizidgefährdet.", ["suizidgefährdet"]),
    ("infectious disease", "Seit Montag ist klar: er hat Scharlach.", ["Scharlach"]),
    ("childhood disease", "Seine Tochter hat Masern.", ["Masern"]),
    (
        "temporal compound",
        "Seit der Parkinson-Diagnose hilft ihr Herr Weber.",
        ["Parkinson-Diagnose"],
    ),
    ("hiv", "Herr Lorenz ist HIV-positiv.", ["HIV-positiv"]),
    ("virus, not 'erkrankt'", "Frau Kurz ist an Norovirus erkrankt.", ["Norovirus"]),
    ("inflected phrase", "Frau Schulz ist an Multipler Sklerose erkrankt.", ["Multipler Sklerose"]),
    ("unlisted illness after 'leidet an'", "Herr Kraus leidet an Morbus Crohn.", ["Morbus Crohn"]),
    ("unlisted illness before 'erkrankt'", "Frau Roth ist an Gürtelrose erkrankt.", ["Gürtelrose"]),
    ("hearing", "Er ist schwerhörig.", ["schwerhörig"]),
    ("type of diabetes", "Herr Nowak ist Typ-1-Diabetiker.", ["Typ-1-Diabetiker"]),
    ("compound adjective", "Unser Kollege ist herzkrank.", ["herzkrank"]),
    ("eating disorder", "Meine Schwester ist magersüchtig.", ["magersüchtig"]),
    ("psychiatric", "Herr Vogel hat eine Angststörung.", ["Angststörung"]),
    # Religion, origin, orientation.
    ("denomination of a family", "Familie Jovanović ist katholisch.", ["katholisch"]),
    ("branch of islam", "Herr Haddad ist Schiit.", ["Schiit"]),
    ("veil", "Frau Demir trägt einen Hidschab.", ["Hidschab"]),
    ("ethnic origin", "Herr Weiß ist Sinto.", ["Sinto"]),
    ("orientation noun", "Frau Berger ist lesbisch und verheiratet.", ["lesbisch"]),
    ("trans person", "Sie ist eine Transfrau.", ["Transfrau"]),
    # Parties, unions, biometrics.
    ("party", "Sie ist Mitglied der AfD.", ["Mitglied der AfD"]),
    ("party compound", "Herr Schulte ist SPD-Mitglied.", ["SPD-Mitglied"]),
    ("joined a party", "Herr Albrecht ist in die FDP eingetreten.", ["in die FDP eingetreten"]),
    ("union organised", "Er ist bei ver.di organisiert.", ["bei ver.di organisiert"]),
    ("union compound", "Frau Kühn ist GEW-Mitglied.", ["GEW-Mitglied"]),
    ("union member", "Herr Lenz ist Mitglied der IG Metall.", ["Mitglied der IG Metall"]),
    ("genetic", "Herr Arnold hat einen Gendefekt.", ["Gendefekt"]),
    ("dna test", "Frau Busch hat einen DNA-Test gemacht.", ["DNA-Test"]),
    # Topics, groups and false friends stay unreported.
    ("vaccination topic", "Impfung gegen Masern für Kinder.", []),
    ("counselling topic", "Die Suchtberatung hilft bei Alkoholabhängigkeit.", []),
    ("compound topic noun", "Herr Müller leitet die Diabetesberatung.", []),
    ("event name", "Der Aktionstag Parkinson findet statt.", []),
    ("patient advocate", "Herr Weber ist Patientenfürsprecher.", []),
    ("society", "Frau Klein ist Sprecherin der Krebsgesellschaft.", []),
    ("party group", "Die AfD-Fraktion tagt.", []),
    ("church", "Die katholische Kirche lädt ein.", []),
    ("hospital ward", "Er ist Leiter der Dialysestation.", []),
    ("archive, not hiv", "Frau Schulz ist Leiterin im Archiv.", []),
    ("computer virus", "Herr Schmidt hat den Computervirus entfernt.", []),
    ("longing, not addiction", "Herr Roth hat Sehnsucht nach Urlaub.", []),
    ("cause of death unknown", "Herr Braun ist an den Folgen eines Unfalls gestorben.", []),
    ("place, not illness", "Der Fall ist an Ort und Stelle geklärt worden, sagt Herr Beck.", []),
    ("counselling for a group", "Herr Engel berät Alkoholabhängige.", []),
    ("warning", "Frau Vogel warnt vor Grippe.", []),
    ("expert for a topic", "Herr Fuchs ist Experte für Diabetes.", []),
    ("exhibition", "Die Ausstellung über Sinti und Roma eröffnet Frau Pohl.", []),
    ("search for a group", "Wir suchen Rollstuhlfahrer für einen Test.", []),
    ("commissioner for a group", "Herr Jung ist Beauftragter für Menschen mit Behinderung.", []),
    ("membership of a jury", "Sie ist Mitglied der Jury.", []),
    ("computer games", "Er spielt gern Computerspiele.", []),
    ("moving house", "Er ist in die Stadt gezogen.", []),
    # An adjective right before the person it describes.
    (
        "attributive disability",
        "Die gehörlose Schülerin Mira Hahn gewann den Preis.",
        ["gehörlose"],
    ),
    (
        "attributive religion",
        "Unser evangelischer Kollege Jens Wolter hilft mit.",
        ["evangelischer"],
    ),
    ("attributive with a title", "Der demente Herr Sommer wird vermisst.", ["demente"]),
    ("attributive and noun", "Herr Krause ist strenggläubiger Katholik.", ["Katholik"]),
    ("attributive before a thing", "Das schwule Museum öffnet am Sonntag.", []),
    ("creditor, not believer", "Herr Otto Brandt ist Gläubiger der Firma.", []),
    ("animal, not person", "Die blinde Kuh im Tierpark heißt Berta, sagt Herr Lutz.", []),
    ("attributive in a general sentence", "Alle evangelischen Pfarrer treffen sich.", []),
    ("attributive plural group", "Katholische Kindergärten schließen früher.", []),
    # Nominalised adjectives and "als": a property of the person.
    ("as a noun with 'als'", "Als Gehörloser braucht Herr Pohl einen Dolmetscher.", ["Gehörloser"]),
    ("'als' with an adjective", "Frau Ebert arbeitet als praktizierende Muslimin.", ["Muslimin"]),
    ("'als' for a role", "Frau Ebert arbeitet als Beraterin für Demenz.", []),
    # Formal address in a letter to a named person.
    (
        "formal address, health",
        "Sehr geehrte Frau Keller, Ihre Epilepsie ist im Gutachten vermerkt.",
        ["Epilepsie"],
    ),
    (
        "formal address, party",
        "Lieber Herr Roth, laut Unterlagen sind Sie Mitglied der FDP.",
        ["Mitglied der FDP"],
    ),
    ("formal address to the public", "Sind Sie Diabetiker? Kommen Sie zum Vortrag.", []),
    ("invitation to the public", "Werden Sie Mitglied der Gewerkschaft!", []),
    # Illness with "leiden", apposition with "im"/"mit", abbreviations inside a sentence.
    ("suffering, infinitive", "Laut Arzt soll er an einer Psychose leiden.", ["Psychose"]),
    ("suffering, many people", "Viele Menschen leiden an Heuschnupfen.", []),
    (
        "named, with a condition",
        "Unser Kollege Malte Brandt mit Down-Syndrom arbeitet im Café.",
        ["Down-Syndrom"],
    ),
    (
        "birth abbreviation",
        "Frau Anke Wirth (geb. Bauer) ist seit Jahren Dialysepatientin.",
        ["Dialysepatientin"],
    ),
    (
        "street abbreviation",
        "Herr Ole Brink aus der Lindenstr. 4 ist an Borreliose erkrankt.",
        ["Borreliose"],
    ),
    (
        "date inside a sentence",
        "Herr Jonas Pape hat am 12.03. eine Chemotherapie begonnen.",
        ["Chemotherapie"],
    ),
    # Further vocabulary, one sentence each.
    ("coma", "Frau Lea Brandt liegt seit Freitag im Koma.", ["Koma"]),
    (
        "poisoning compound",
        "Herr Timo Gerber hatte eine Lebensmittelvergiftung.",
        ["Lebensmittelvergiftung"],
    ),
    (
        "intensive care",
        "Unser Trainer Paul Wendt liegt auf der Intensivstation.",
        ["Intensivstation"],
    ),
    ("ethnic group", "Herr Kemal Aydın ist Uigure.", ["Uigure"]),
    ("person of color", "Sie ist eine Person of Color, erzählt Mina Okafor.", ["Person of Color"]),
    (
        "same-sex partner",
        "Frau Ute Sander lebt mit ihrer gleichgeschlechtlichen Partnerin in Moabit.",
        ["gleichgeschlechtlichen Partnerin"],
    ),
    ("dna sample", "Frau Petra Loos hat eine DNA-Probe abgegeben.", ["DNA-Probe"]),
    ("poisoning as a topic", "Vorsicht vor Pilzvergiftung im Herbst!", []),
    ("intensive care as a place", "Die Intensivstation bekommt neue Betten.", []),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_special_categories_are_found_when_tied_to_a_person(note, text, want):
    assert found(text, ["SPECIAL_CATEGORY"]).get("SPECIAL_CATEGORY", []) == want


def test_the_reason_names_the_category_and_the_tie():
    (entity,) = detect_personal_data("Anna Schmidt ist Muslima.", ["SPECIAL_CATEGORY"])
    assert entity.reason.startswith("Angabe zur Religion oder Weltanschauung einer Person")
    assert entity.reason.endswith("Bezug: Name")
