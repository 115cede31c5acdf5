"""The ACLU of North Carolina's 287(g) pages, as the June 2026 briefing lists them (the seed
document in ../shared/docs/seeds/, its "Links" section). Every address is copied from there, none
guessed; `checked_on` stays empty until a curator opens each link."""

from django.db import migrations

SOURCE = (
    "ACLU-NC briefing 'Opposing 287(g) Agreements Between ICE and NC Law Enforcement', "
    "June 9, 2026, notes published June 15, 2026: its Links section "
    "(shared/docs/seeds/001_ee78f3ea9c9a75ae.txt)."
)
ORGANIZATION = "ACLU of North Carolina"

LINKS = [
    {
        "key": "aclu-nc-287g-toolkit",
        "order": 10,
        "title_en": "The ACLU of North Carolina's 287(g) toolkit",
        "title_es": "La guía sobre 287(g) de la ACLU de Carolina del Norte",
        "description_en": (
            "Model letters and steps for asking sheriffs, councils and commissioners for "
            "oversight of 287(g)."
        ),
        "description_es": (
            "Cartas modelo y pasos para pedir a alguaciles, concejos y comisionados que "
            "supervisen el 287(g)."
        ),
        "url": "https://www.acluofnorthcarolina.org/publications/287g-toolkit/",
        "on_rights": False,
        "on_state": True,
        "on_places": True,
    },
    {
        "key": "aclu-nc-287g-tracker",
        "order": 20,
        "title_en": "The ACLU of North Carolina's 287(g) tracker and background",
        "title_es": "El seguimiento del 287(g) de la ACLU de Carolina del Norte",
        "description_en": "The ACLU-NC's own account of 287(g) in North Carolina.",
        "description_es": "La información de la ACLU-NC sobre el 287(g) en Carolina del Norte.",
        "url": "https://www.acluofnorthcarolina.org/287g/",
        "on_rights": False,
        "on_state": True,
        "on_places": True,
    },
    {
        "key": "aclu-nc-287g-volunteer",
        "order": 30,
        "title_en": "Volunteer or partner against 287(g) with the ACLU of North Carolina",
        "title_es": "Colabore como voluntario o aliado contra el 287(g) con la ACLU de Carolina del Norte",
        "description_en": "The ACLU-NC's interest form for volunteers and partner groups.",
        "description_es": "El formulario de la ACLU-NC para voluntarios y grupos aliados.",
        "url": "https://act.acluofnc.org/a/287g-agreement-all",
        "on_rights": True,
        "on_state": True,
        "on_places": True,
    },
    {
        "key": "aclu-nc-voter-intimidation",
        "order": 40,
        "title_en": "Know your rights: voter intimidation (ACLU of North Carolina)",
        "title_es": "Conozca sus derechos: intimidación de votantes (ACLU de Carolina del Norte)",
        "description_en": (
            "What to do if anyone, immigration agents included, tries to intimidate voters at "
            "the polls."
        ),
        "description_es": (
            "Qué hacer si alguien, incluso agentes de inmigración, intenta intimidar a los "
            "votantes en las urnas."
        ),
        "url": "https://www.acluofnorthcarolina.org/know-your-rights/voter-intimidation/",
        "on_rights": True,
        "on_state": True,
        "on_places": False,
    },
]


def seed(apps, schema_editor):
    link = apps.get_model("community", "CommunityLink")
    for entry in LINKS:
        link.objects.update_or_create(
            key=entry["key"],
            defaults={**entry, "organization": ORGANIZATION, "source": SOURCE, "language": "en"},
        )


def unseed(apps, schema_editor):
    apps.get_model("community", "CommunityLink").objects.filter(
        key__in=[entry["key"] for entry in LINKS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0004_community_links")]
    operations = [migrations.RunPython(seed, unseed)]
