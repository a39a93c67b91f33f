"""Demo agreements and decisions drawn from the seed documents (copies of their texts are in data/seeds/).

Where a seed records only one party's decision, the other parties' approvals are demo stand-ins so that the
chain can come into force: they carry no § number and say so in their text (STAND_IN_TEXT).
"""

from datetime import date, timedelta

from api.demo_data import PIRKANMAA_PILOT, TAMPERE_REGION

STAND_IN_TEXT = "Esimerkkiaineistoa: lähdeasiakirjoissa ei ole tämän päätöksen tietoja."
TAMPERE_AREA = "Tampereen seudun työllisyysalue"
PILOT_AREA = "Pirkanmaan työllisyyden kuntakokeilu"
SAVO_AREA = "Pohjois-Savon työllisyyden kuntakokeilu"
ESR_AREA = "Tahtotilasta tulokseen (ESR-hanke)"

# --- seed 001: the Tampere region agreement ------------------------------------------------------------

TAMPERE_FILE = "001_tampere_region_agreement.txt"
TAMPERE_STATUTES = [
    ("Laki työvoimapalveluiden järjestämisestä", "380/2023"),
    ("Laki kotoutumisen edistämisestä", "681/2023"),
    ("Laki työllistymistä edistävästä monialaisesta yhteispalvelusta", "935/2022"),
    ("Työttömyysturvalaki", "1290/2002"),
    ("Laki ammatillisesta koulutuksesta", "531/2017"),
    ("Laki kuntouttavasta työtoiminnasta", "189/2001"),
    ("Laki viranomaisten toiminnan julkisuudesta", "621/1999"),
    ("EU:n yleinen tietosuoja-asetus", "2016/679"),
    ("Tietosuojalaki", "1050/2018"),
    ("Kuntalaki", "410/2015"),
]
TAMPERE_PARTIES = TAMPERE_REGION  # in the order of section 1; Tampere first, the lead
PILOT_PARTIES = ["Tampere", *[name for name in PIRKANMAA_PILOT if name != "Tampere"]]
TAMPERE_SENT = date(2024, 11, 4)
TAMPERE_DECIDED = date(2024, 12, 16)
TAMPERE_EFFECTIVE = date(2025, 1, 1)

# --- seed 000: the Pirkanmaa pilot agreement and its amendments ---------------------------------------------

PILOT_TITLE = "Kuntien välinen yhteistyösopimus työllisyyden edistämisen kuntakokeilusta Pirkanmaan alueella"
PILOT_STATUTES = [
    ("Laki työllisyyden edistämisen kuntakokeilusta", "1269/2020"),
    ("Kuntalaki", "410/2015"),
]
PILOT_DESCRIPTION = (
    "Pirkanmaan työllisyyden kuntakokeiluun kuuluvat kunnat ovat sopineet helmikuussa 2021 allekirjoitetulla ja "
    "2023 päivitetyllä yhteistyösopimuksella (KH 30.11.2020 § 507 ja KH 5.6.2023 § 279) kuntakokeiluun kuuluvien "
    "kuntien välisestä yhteistyöstä kuntakokeiluun sekä kokeilulain toteuttamiseen liittyen."
)
PILOT_NOTE = (
    "Esimerkkiaineistoa: kohdat on tiivistetty kaupunginhallituksen muutosesityksestä; alkuperäinen sopimusteksti "
    "ei ole lähdeaineistossa."
)
PILOT_2024_REASONS = (
    "Kuntien väliseen yhteistyösopimukseen on tarve tehdä muutoksia kehittämispanosten kohdentamiseksi käynnissä "
    "oleviin työllisyysaluevalmisteluihin.\n\n"
    "Kuntien välistä yhteistyösopimusta kevennetään vuodelle 2024 säilyttäen kuitenkin kokeilun johtaminen ja "
    "yleiskoordinaatio kokeilun ylläpidon vaatimalla tasolla. Keskitettyjen kansainvälisen osaamisen palvelujen "
    "osalta sopimusta esitetään tarkastettavan sekä sisällön, että kustannusten osalta. Tieto-, neuvonta- ja "
    "ohjauspalvelujen (Mainio) osalta muutos koskee työvoiman ulkopuolisille tehtäviä alkukartoituksia, jotka "
    "jätetään muutoksessa sopimuksen ulkopuolelle. Osaamiskeskuksen työnhakija-asiakkaiden palveluissa muutokset "
    "koskevat yrityskoordinaattoreiden työtä, sillä rakenteellisten ja hankerahoituksiin liittyvien muutosten "
    "myötä, osaamiskeskuksessa ei enää työskentele yrityskoordinaattoreita. Tämä tarkoittaa sitä, että "
    "erillispalvelua ei näiltä osin tuoteta ja asiakkaille rakennetaan OMA-valmentajan koordinoimana "
    "työllistymistä edistäviä ratkaisuja osana työllisyys- ja kotoutumisprosessia.\n\n"
    "Sopimukseen tehtävät muutokset on valmisteltu syksyn 2023 aikana yhteistyössä Pirkanmaan kuntakokeilun "
    "operatiivisessa johtoryhmässä ja käsitelty joulukuun 2023 Pirkanmaan johtajakokouksessa."
)
PILOT_2023_REASONS = "Sopimuksen päivitys 2023 (KH 5.6.2023 § 279)."
PILOT_2024_PROPOSAL = (
    "Kaupunginhallitus päättää hyväksyä muutokset kuntien väliseen yhteistyösopimukseen työllisyyden "
    "edistämisen kuntakokeilusta Pirkanmaan alueella."
)


def p(text: str) -> dict:
    return {"type": "paragraph", "text": text}


def ul(*items: str) -> dict:
    return {"type": "list", "items": list(items)}


def pilot_sections(stage: int) -> list[dict]:
    """The pilot agreement's sections: 1 = 2020, 2 = the 2023 update, 3 = the 2024 amendment."""
    sections: list[dict] = [
        {"number": "1", "title": "Sopijaosapuolet", "blocks": [
            p("Sopijaosapuolina ovat Pirkanmaan työllisyyden kuntakokeiluun kuuluvat kunnat. Tampereen kaupunki "
              "toimii kokeilun vastuukuntana."),
        ]},
        {"number": "2", "title": "Sopimuksen tarkoitus", "blocks": [
            p("Kuntien välisessä yhteistyösopimuksessa sovitaan siitä, miten yhteistyö toteutetaan ja "
              "pääsopimuksen velvoitteet pannaan täytäntöön."),
            p("Kuntasopimus on myös kokeilulakiin liittyvien keskitettyjen palvelujen osalta Kuntalain 8 luvun 49 "
              "ja 54 § mukainen sopimus viranomaistehtävien hoitamisesta Tampereella."),
        ]},
        {"number": "3", "title": "Kokeilun johtaminen ja yleiskoordinaatio", "blocks": [
            p("Tampereen kaupunki vastaa kokeilun johtamisesta ja yleiskoordinaatiosta. Kehittämispanokset "
              "kohdennetaan kokeilun palvelujen kehittämiseen kaikissa kokeilukunnissa."),
        ]},
        {"number": "4", "title": "Keskitetyt kansainvälisen osaamisen palvelut", "blocks": [
            p("Tampere tuottaa keskitetyt kansainvälisen osaamisen palvelut kaikkien kokeilukuntien asiakkaille."),
        ]},
        {"number": "5", "title": "Tieto-, neuvonta- ja ohjauspalvelut (Mainio)", "blocks": [
            p("Mainio tarjoaa tieto-, neuvonta- ja ohjauspalveluja maahan muuttaneille."),
            ul("neuvonta ja ohjaus", "työnhakija-asiakkaiden alkukartoitukset",
               "työvoiman ulkopuolisille tehtävät alkukartoitukset"),
        ]},
        {"number": "6", "title": "Osaamiskeskuksen työnhakija-asiakkaiden palvelut", "blocks": [
            p("Osaamiskeskuksen yrityskoordinaattorit tuottavat työnhakija-asiakkaille erillispalveluna "
              "työnantajayhteistyön ja työllistymistä edistävät ratkaisut."),
        ]},
        {"number": "7", "title": "Kustannusten jako", "blocks": [
            p("Kuntasopimuksen liitteessä sovitaan Tampereelle keskitettyjen tehtävien ja palvelujen "
              "kustannusten jaosta kuntien kesken."),
        ]},
    ]
    if stage >= 2:
        sections[6]["blocks"].append(p("Kustannustenjakoliite päivitetään vuosittain."))
    if stage >= 3:
        sections[2]["blocks"] = [p(
            "Tampereen kaupunki vastaa kokeilun johtamisesta ja yleiskoordinaatiosta kokeilun ylläpidon vaatimalla "
            "tasolla. Kehittämispanokset kohdennetaan käynnissä oleviin työllisyysaluevalmisteluihin."
        )]
        sections[3]["blocks"] = [p(
            "Tampere tuottaa keskitetyt kansainvälisen osaamisen palvelut kaikkien kokeilukuntien asiakkaille. "
            "Palvelujen sisältö ja kustannukset tarkastetaan vuodelle 2024."
        )]
        sections[4]["blocks"] = [
            p("Mainio tarjoaa tieto-, neuvonta- ja ohjauspalveluja maahan muuttaneille."),
            ul("neuvonta ja ohjaus", "työnhakija-asiakkaiden alkukartoitukset"),
            p("Työvoiman ulkopuolisille tehtävät alkukartoitukset eivät kuulu sopimukseen."),
        ]
        sections[5]["blocks"] = [p(
            "Erillispalvelua ei tuoteta. Asiakkaille rakennetaan OMA-valmentajan koordinoimana työllistymistä "
            "edistäviä ratkaisuja osana työllisyys- ja kotoutumisprosessia."
        )]
        sections.append({"number": "8", "title": "Voimassaolo vuonna 2024", "blocks": [
            p("Kevennetty sopimus on voimassa vuoden 2024 kokeilun päättymiseen saakka."),
        ]})
    return sections


# (stage, sent on, Tampere's decision: date, §, outcome, proposal, text, effective date, reasons)
PILOT_VERSIONS = [
    (1, date(2020, 11, 2), date(2020, 11, 30), 507, "approved", None, "Hyväksyttiin.", date(2021, 3, 1), ""),
    (2, date(2023, 5, 8), date(2023, 6, 5), 279, "approved", None, "Hyväksyttiin.", None, PILOT_2023_REASONS),
    # The seed gives no date for the 2024 decision; 29.1.2024 stands in for it.
    (3, date(2023, 12, 18), date(2024, 1, 29), None, "approved_unanimously", PILOT_2024_PROPOSAL,
     "Hyväksyttiin yksimielisesti.", date(2024, 1, 1), PILOT_2024_REASONS),
]
PILOT_STAND_IN_DELAY_DAYS = 14

# --- seed 003: the Pohjois-Savo letter of intent ---------------------------------------------------------------

SAVO_FILE = "003_pohjois_savo_letter_of_intent.txt"
SAVO_PARTIES = ["Kuopio", "Iisalmi", "Joroinen", "Lapinlahti", "Leppävirta", "Siilinjärvi", "Sonkajärvi",
                "Suonenjoki", "Varkaus", "Vieremä"]
SAVO_SENT = date(2019, 10, 21)
# Demo stand-ins: some parties have decided, one tabled it; the rest are awaited.
SAVO_DECISIONS = [
    ("Kuopio", date(2019, 11, 4), "approved"),
    ("Siilinjärvi", date(2019, 11, 4), "approved"),
    ("Varkaus", date(2019, 11, 11), "approved"),
    ("Iisalmi", date(2019, 11, 11), "tabled"),
]

# --- seed 004: the Haapajärvi decision chain ----------------------------------------------------------------------

ESR_CASE = "133/00.04.01/2019"
ESR_CASE_TITLE = "Työllisyydenhoidon prosessien kehittäminen kuntien yhteistyönä, työllisyyskokeilut"
ESR_PARTIES = ["Haapavesi", "Ylivieska", "Kalajoki", "Oulainen", "Nivala", "Haapajärvi", "Reisjärvi", "Pyhäntä",
               "Alavieska", "Sievi", "Kärsämäki", "Siikalatva", "Merijärvi"]
ESR_TITLE = "Tahtotilasta tulokseen -ESR-hankkeen kuntien omarahoitusosuus"
ESR_SENT = date(2020, 6, 15)
ESR_SECTIONS = [
    {"number": "1", "title": "Hanke", "blocks": [
        p("Tahtotilasta tulokseen -ESR-hanke toteutetaan ajalla 1.10.2020–31.12.2021. Hankehallinnoijana toimii "
          "Haapaveden kaupunki."),
    ]},
    {"number": "2", "title": "Tavoite", "blocks": [
        p("Hankkeen tavoitteena on luoda alueelle työllisyydenhoidon eri toimijoiden välille uusi toimintamalli, "
          "joka pohjautuu kumppanuuteen ja tehtyihin yhteistyösopimuksiin."),
    ]},
    {"number": "3", "title": "Toimenpiteet", "blocks": [
        ul("Toimijoiden verkostoituminen ja viranomaisyhteistyön juridisten taustaehtojen esiselvittäminen",
           "Yhteistyösopimusten laatiminen", "Palvelumuotoilusuunnitelma",
           "Viranomaistoimijoiden henkilöstön kouluttaminen toimintamallin pohjalta"),
    ]},
    {"number": "4", "title": "Rahoitus", "blocks": [
        p("Hankkeen kokonaisbudjetti on 126 740 euroa koko hankkeen ajalle. Haettava ESR- ja valtion rahoitus on "
          "80 % kokonaiskustannuksista eli 101 392 euroa. Kuntien rahoitusosuudeksi jää 20 % eli 25 348 euroa, "
          "joka jaetaan tasan 13 hankekumppanin kesken, jolloin omarahoitusosuudeksi muodostuu 1 950 euroa/kunta "
          "hankkeen ajalle."),
    ]},
]
ESR_DECISIONS = [
    # (date, §, version decided on?, outcome, proposal, decision text, commitment cap, note)
    (date(2019, 12, 17), 228, False, "approved",
     "Vs.kaupunginjohtaja: Kaupunginhallitus päättää, että Haapajärven kaupunki\n"
     "1. merkitsee tiedokseen työllisyyden kuntakokeilu -hankehaun mutta ei osallistu hankehakuun.\n"
     "2. jatkaa kuntien välisenä yhteistyönä valmistelua yhteisen kumppanuussopimuksen laatimiseksi "
     "työllisyyspalveluiden, -prosessien ja viranomaisyhteistyön kehittämiseksi.\n"
     "3. osallistuu yhteisen työllisyyspalveluiden ja alueellisen kehittämiseen tähtäävään ESR-hankehakemuksen "
     "valmisteluun.",
     "Kaupunginhallitus: Hyväksyttiin.", None, None),
    (date(2020, 8, 11), 149, True, "approved",
     "Vs.kaupunginjohtaja: Kaupunginhallitus päättää sitoutua alueen kuntien yhteiseen Tahtotilasta tulokseen "
     "ESR -hankkeen omarahoitusosuuteen, enintään 1.950 euroa hankkeen ajalle, edellytyksellä että hanke saa "
     "myönteisen rahoituspäätöksen.",
     "Kaupunginhallitus: Hyväksyttiin.", "1950.00",
     "enintään 1 950 euroa hankkeen ajalle, edellytyksellä että hanke saa myönteisen rahoituspäätöksen"),
    (date(2021, 2, 23), 40, False, "approved",
     "Kaupunginjohtaja: Kaupunginhallitus nimeää Tahtotilasta tulokseen -hankkeen ohjausryhmään varsinaiseksi "
     "jäseneksi talous- ja hallintojohtajan sekä varajäseneksi vastaavan työvalmentajan Rantakadun työpajalta.",
     "Kaupunginhallitus: Hyväksyttiin.", None, None),
]
# The other twelve partners' commitments: stand-ins (the seed gives Haapajärvi's only), each "at most 1 950 €" as
# the project application's split asks, so that the version comes into force and each share has its cap.
ESR_COMMITMENT_NOTE = "enintään 1 950 euroa hankkeen ajalle"
ESR_STAND_IN_COMMITMENTS = [
    (name, date(2020, 8, 10) + timedelta(days=index % 4 * 7))
    for index, name in enumerate(party for party in ESR_PARTIES if party != "Haapajärvi")
]
