"""Demo data drawn from the seed documents: the bodies they name and the cooperation areas they describe."""

from datetime import date
from typing import TypedDict

OTHER_BODIES = [
    # (kind, name_fi, name_sv, region)
    ("state_agency", "Pirkanmaan ELY-keskus", "NTM-centralen i Birkaland", "Pirkanmaa"),
    ("state_agency", "Pohjois-Pohjanmaan ELY-keskus", "NTM-centralen i Norra Österbotten", "Pohjois-Pohjanmaa"),
    ("state_agency", "Pohjois-Savon ELY-keskus", "NTM-centralen i Norra Savolax", "Pohjois-Savo"),
    ("state_agency", "KEHA-keskus", "UF-centret", None),
    ("state_agency", "Pirkanmaan TE-toimisto", "Arbets- och näringsbyrån i Birkaland", "Pirkanmaa"),
    ("wellbeing_services_county", "Pirkanmaan hyvinvointialue", "Birkalands välfärdsområde", "Pirkanmaa"),
    ("education_provider", "Tampereen seudun ammattiopisto Tredu", None, "Pirkanmaa"),
    ("education_provider", "Tampereen aikuiskoulutuskeskus TAKK", None, "Pirkanmaa"),
    ("association", "Kaspa ry", None, "Pirkanmaa"),
]

TAMPERE_REGION = [
    "Tampere", "Akaa", "Juupajoki", "Kangasala", "Lempäälä", "Nokia", "Orivesi", "Pirkkala", "Pälkäne",
    "Ruovesi", "Urjala", "Valkeakoski", "Vesilahti", "Virrat", "Ylöjärvi",
]

PIRKANMAA_PILOT = [*TAMPERE_REGION, "Hämeenkyrö", "Ikaalinen", "Kihniö", "Mänttä-Vilppula", "Parkano", "Punkalaidun", "Sastamala"]

# name, kind, lead, members, member period, description, sub-regions (name, coordinator, municipalities);
# declared by call, as "from" is a keyword.
AreaSpec = TypedDict("AreaSpec", {
    "name": str, "kind": str, "lead": str, "members": list[str], "from": date, "to": date | None,
    "description": str | None, "sub_regions": list[tuple[str, str, list[str]]],
})
AREAS: list[AreaSpec] = [
    {
        "name": "Tampereen seudun työllisyysalue",
        "kind": "employment_area",
        "lead": "Tampere",
        "members": TAMPERE_REGION,
        "from": date(2025, 1, 1),
        "to": None,
        "description": "Tampere järjestää seudun 15 kunnan työllisyyspalvelut; Valkeakoski hoitaa itse "
        "työvoiman ulkopuolisten kotoutumispalvelut.",
        "sub_regions": [],
    },
    {
        "name": "Pirkanmaan työllisyyden kuntakokeilu",
        "kind": "municipal_pilot",
        "lead": "Tampere",
        "members": PIRKANMAA_PILOT,
        "from": date(2021, 3, 1),
        "to": date(2024, 12, 31),
        "description": "Pirkanmaan 22 kunnan työllisyyden kuntakokeilu 2021–2024, vastuukuntana Tampere.",
        "sub_regions": [
            ("Tampereen kehyskunnat", "Aluekoordinaattorit (2)",
             ["Kangasala", "Lempäälä", "Nokia", "Orivesi", "Pirkkala", "Vesilahti", "Ylöjärvi"]),
            ("Ylä-Pirkanmaa", "Aluekoordinaattori", ["Juupajoki", "Mänttä-Vilppula", "Ruovesi", "Virrat"]),
            ("Läntinen Pirkanmaa", "Aluekoordinaattori",
             ["Hämeenkyrö", "Ikaalinen", "Kihniö", "Parkano", "Punkalaidun", "Sastamala"]),
            ("Etelä-Pirkanmaa", "Aluekoordinaattori", ["Akaa", "Pälkäne", "Urjala", "Valkeakoski"]),
        ],
    },
    {
        "name": "Pohjois-Savon työllisyyden kuntakokeilu",
        "kind": "municipal_pilot",
        "lead": "Kuopio",
        "members": ["Kuopio", "Iisalmi", "Joroinen", "Lapinlahti", "Leppävirta", "Siilinjärvi", "Sonkajärvi",
                    "Suonenjoki", "Varkaus", "Vieremä", "Heinävesi"],
        "from": date(2021, 3, 1),
        "to": date(2024, 12, 31),
        "description": "Kuopio hakee kokeilua ja hallinnoi sitä; koordinaatiovastuu jaetaan Kuopion, Varkauden "
        "ja Iisalmen alueille.",
        "sub_regions": [
            ("Kuopion alue", "Kuopion kaupunki", ["Kuopio", "Siilinjärvi", "Suonenjoki", "Lapinlahti"]),
            ("Varkauden alue", "Varkauden kaupunki", ["Varkaus", "Leppävirta", "Joroinen", "Heinävesi"]),
            ("Ylä-Savo", "Iisalmen kaupunki", ["Iisalmi", "Sonkajärvi", "Vieremä"]),
        ],
    },
    {
        "name": "Tahtotilasta tulokseen (ESR-hanke)",
        "kind": "project",
        "lead": "Haapavesi",
        "members": ["Haapavesi", "Ylivieska", "Kalajoki", "Oulainen", "Nivala", "Haapajärvi", "Reisjärvi",
                    "Pyhäntä", "Alavieska", "Sievi", "Kärsämäki", "Siikalatva", "Merijärvi"],
        "from": date(2020, 10, 1),
        "to": date(2021, 12, 31),
        "description": "Oulun eteläisen 13 kunnan ESR-hanke, hallinnoijana Haapavesi.",
        "sub_regions": [],
    },
    {
        "name": "Päijät-Hämeen työllisyysalue",
        "kind": "employment_area",
        "lead": "Hollola",
        "members": ["Hollola", "Asikkala", "Hartola", "Heinola", "Iitti", "Kärkölä", "Orimattila", "Padasjoki", "Sysmä"],
        "from": date(2025, 1, 1), "to": None, "description": None, "sub_regions": [],
    },
    {
        "name": "Eteläisen Keski-Suomen työllisyysalue",
        "kind": "employment_area",
        "lead": "Jämsä",
        "members": ["Jämsä", "Joutsa", "Keuruu", "Luhanka", "Multia", "Mänttä-Vilppula", "Petäjävesi", "Toivakka"],
        "from": date(2025, 1, 1), "to": None, "description": None, "sub_regions": [],
    },
    {
        "name": "Läntisen Pirkanmaan työllisyysalue",
        "kind": "employment_area",
        "lead": "Sastamala",
        "members": ["Sastamala", "Hämeenkyrö", "Ikaalinen", "Kihniö", "Parkano", "Punkalaidun"],
        "from": date(2025, 1, 1), "to": None, "description": None, "sub_regions": [],
    },
    {
        "name": "Pohjoisen Keski-Suomen työllisyysalue",
        "kind": "employment_area",
        "lead": "Äänekoski",
        "members": ["Äänekoski", "Hankasalmi", "Kannonkoski", "Karstula", "Kinnula", "Kivijärvi", "Konnevesi",
                    "Kyyjärvi", "Laukaa", "Pihtipudas", "Saarijärvi", "Uurainen", "Viitasaari"],
        "from": date(2025, 1, 1), "to": None, "description": None, "sub_regions": [],
    },
    {
        "name": "Kirkkonummen työllisyysalue",
        "kind": "employment_area",
        "lead": "Kirkkonummi",
        "members": ["Kirkkonummi", "Siuntio", "Vihti"],
        "from": date(2025, 1, 1), "to": None, "description": None, "sub_regions": [],
    },
]

# Demo people: every one has the password DEMO_PASSWORD; listed in the README. Refused in production.
DEMO_PASSWORD = "demo-salasana"
DEMO_USERS = [
    # (email, name, organisation, is_admin, [(area, role)])
    ("paakayttaja@sopimo.example", "Sopimon pääkäyttäjä", "Tampere", True, []),
    ("aluepaakayttaja@tampere.example", "Alueen pääkäyttäjä (Tampere)", "Tampere", False,
     [("Tampereen seudun työllisyysalue", "area_admin"), ("Pirkanmaan työllisyyden kuntakokeilu", "area_admin")]),
    ("koordinaattori@nokia.example", "Nokian koordinaattori", "Nokia", False,
     [("Tampereen seudun työllisyysalue", "coordinator")]),
    ("talous@tampere.example", "Talousasiantuntija (Tampere)", "Tampere", False,
     [("Tampereen seudun työllisyysalue", "finance")]),
    ("lukija@kangasala.example", "Lukija (Kangasala)", "Kangasala", False,
     [("Tampereen seudun työllisyysalue", "viewer")]),
]
