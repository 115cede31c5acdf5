"""Seed the bill table with the four bills the guidance cites, as the project's sources left them.

The facts are those of the seed documents (the ACLU of North Carolina's briefing of 9 June 2026,
whose notes were published on 15 June 2026) and the project's policy notes built from public
bill summaries; nothing later. So every row says it was checked on 15 June 2026: a curator who
confirms a status at ncleg.gov updates it, and the date, in the admin.

The text is frozen here (not imported from the app) so the migration gives the same result
whenever it runs.
"""

import datetime as dt

from django.db import migrations

CHECKED_ON = dt.date(2026, 6, 15)
NCLEG = "https://www.ncleg.gov/BillLookUp"
NOTE = (
    "From the seed briefing (ACLU-NC, June 2026) and the policy notes' corrections to it, built "
    "from NCGA and UNC School of Government bill summaries. Not yet confirmed at ncleg.gov by a "
    "curator."
)

BILLS = [
    {
        "key": "hb10-2024",
        "label": "HB 10 (2024)",
        "name_en": "Require ICE Cooperation & Budget Adjustments",
        "name_es": "Require ICE Cooperation & Budget Adjustments (exigir la cooperación con ICE)",
        "status_en": (
            "Law. The governor vetoed it on 20 September 2024; the House overrode the veto on "
            "19 November 2024 and the Senate on 20 November 2024. In effect since 1 December 2024."
        ),
        "status_es": (
            "Es ley. El gobernador la vetó el 20 de septiembre de 2024; la Cámara de "
            "Representantes anuló el veto el 19 de noviembre de 2024 y el Senado el 20 de "
            "noviembre de 2024. Vigente desde el 1 de diciembre de 2024."
        ),
        "source_en": "UNC School of Government bill summaries; news coverage",
        "source_es": "Resúmenes de proyectos de ley de la UNC School of Government; prensa",
        "url": f"{NCLEG}/2023/H10",
    },
    {
        "key": "hb318-2025",
        "label": "HB 318 (2025)",
        "name_en": "Criminal Illegal Alien Enforcement Act",
        "name_es": "Criminal Illegal Alien Enforcement Act",
        "status_en": (
            "Law. The governor vetoed it on 20 June 2025; the veto was overridden and the bill "
            "became law on 29 July 2025. In effect since 1 October 2025."
        ),
        "status_es": (
            "Es ley. El gobernador la vetó el 20 de junio de 2025; el veto fue anulado y el "
            "proyecto se convirtió en ley el 29 de julio de 2025. Vigente desde el 1 de octubre "
            "de 2025."
        ),
        "source_en": "NC General Assembly bill digest; UNC School of Government bill summaries",
        "source_es": (
            "Resumen de la Asamblea General de Carolina del Norte; resúmenes de la UNC School of "
            "Government"
        ),
        "url": f"{NCLEG}/2025/H318",
    },
    {
        "key": "hb318-2015",
        "label": "HB 318 (2015)",
        "name_en": "Protect North Carolina Workers Act",
        "name_es": "Protect North Carolina Workers Act",
        "status_en": (
            "Law since 2015: Session Law 2015-294. It created G.S. 153A-145.5 (counties), "
            "G.S. 160A-205.2 (cities and towns) and the rule on identity documents in "
            "G.S. 15A-311."
        ),
        "status_es": (
            "Es ley desde 2015: Ley de Sesión 2015-294. Creó los artículos G.S. 153A-145.5 "
            "(condados), G.S. 160A-205.2 (ciudades y pueblos) y la regla sobre documentos de "
            "identidad del G.S. 15A-311."
        ),
        "source_en": "Session Law 2015-294",
        "source_es": "Ley de Sesión 2015-294",
        "url": f"{NCLEG}/2015/H318",
    },
    {
        "key": "sb153-2025",
        "label": "SB 153 (2025)",
        "name_en": "North Carolina Border Protection Act",
        "name_es": "North Carolina Border Protection Act (Ley de Protección Fronteriza)",
        "status_en": (
            "Not law: awaiting a veto-override vote in the House as of June 2026. The governor "
            "vetoed it on 20 June 2025 and the Senate voted to override on 29 July 2025; a vetoed "
            "bill becomes law only if both chambers override."
        ),
        "status_es": (
            "No es ley: a junio de 2026 esperaba la votación de la Cámara de Representantes para "
            "anular el veto. El gobernador la vetó el 20 de junio de 2025 y el Senado votó para "
            "anular el veto el 29 de julio de 2025; un proyecto vetado solo se convierte en ley si "
            "ambas cámaras anulan el veto."
        ),
        "source_en": (
            "ACLU of North Carolina briefing of 9 June 2026; NC General Assembly bill summary"
        ),
        "source_es": (
            "Sesión informativa de la ACLU de Carolina del Norte del 9 de junio de 2026; resumen "
            "de la Asamblea General de Carolina del Norte"
        ),
        "url": f"{NCLEG}/2025/S153",
    },
]


def seed(apps, schema_editor):
    Bill = apps.get_model("oversight", "Bill")
    for bill in BILLS:
        Bill.objects.update_or_create(
            key=bill["key"], defaults={**bill, "checked_on": CHECKED_ON, "note": NOTE}
        )


def unseed(apps, schema_editor):
    apps.get_model("oversight", "Bill").objects.filter(key__in=[b["key"] for b in BILLS]).delete()


class Migration(migrations.Migration):
    dependencies = [("oversight", "0002_bills_checks_and_questions")]

    operations = [migrations.RunPython(seed, unseed)]
