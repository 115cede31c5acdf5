"""Seed the community content: North Carolina's community-defense hotlines and the know-your-rights
sections, in English and Spanish. Curators edit them afterwards in the admin.

The text is frozen here (not imported from the app) so the migration gives the same result
whenever it runs.
"""

from django.db import migrations

HOTLINE_SOURCE = (
    "Seed community explainer (ACLU of North Carolina briefing, June 2026), recorded in "
    "nc-policy.md section 7. Not yet re-confirmed by the project: call the number and set "
    "'verified on' before each publication."
)
HOTLINE_NOTE_EN = (
    "This number comes from community materials and has not yet been re-confirmed by this site."
)
HOTLINE_NOTE_ES = (
    "Este número proviene de materiales comunitarios y este sitio todavía no lo ha vuelto a "
    "confirmar."
)

HOTLINES = [
    {
        "order": 10,
        "phone": "336-543-0353",
        "name_en": "Statewide community defense hotline",
        "name_es": "Línea estatal de defensa comunitaria",
        "area_en": "Statewide",
        "area_es": "Todo el estado",
    },
    {
        "order": 20,
        "phone": "704-740-7737",
        "name_en": "Charlotte community defense hotline",
        "name_es": "Línea de defensa comunitaria de Charlotte",
        "area_en": "Charlotte",
        "area_es": "Charlotte",
    },
    {
        "order": 30,
        "phone": "1-800-559-8714",
        "name_en": "Wake County community defense hotline",
        "name_es": "Línea de defensa comunitaria del condado de Wake",
        "area_en": "Wake County",
        "area_es": "Condado de Wake",
    },
]

RIGHTS_SOURCE = (
    "Written by the Deputized project from public know-your-rights guidance and the North "
    "Carolina law notes (nc-policy.md sections 2 and 7). Have it reviewed by an immigration "
    "lawyer before each publication."
)

RIGHTS = [
    {
        "slug": "remain-silent",
        "order": 10,
        "title_en": "You have the right to remain silent",
        "body_en": """Everyone in the United States has constitutional rights, whatever their immigration status. You do not have to answer questions about where you were born, your immigration status or how you came to the country, whether the questions come from ICE, the police or the sheriff's office.

You can say: "I want to remain silent, and I want to speak with a lawyer." Then stay calm and say nothing more. Do not lie and do not show false documents: lying can hurt you more than staying silent.

If an officer stops you on the street, you can ask: "Am I free to go?" If the answer is yes, walk away calmly. Do not run and do not resist, even if you think the stop is unfair.

If police stop your car, the driver must show a driver's license and the vehicle registration when asked. You can still decline to answer questions about your immigration status.""",
        "title_es": "Usted tiene derecho a guardar silencio",
        "body_es": """Todas las personas en Estados Unidos tienen derechos constitucionales, sin importar su situación migratoria. Usted no tiene que contestar preguntas sobre dónde nació, su situación migratoria o cómo llegó al país, ya sea que se las haga ICE, la policía o la oficina del alguacil (sheriff).

Puede decir: «Quiero guardar silencio y quiero hablar con un abogado». Después mantenga la calma y no diga nada más. No mienta ni muestre documentos falsos: mentir puede perjudicarle más que quedarse callado.

Si un agente lo para en la calle, puede preguntar: «¿Me puedo ir?». Si le dicen que sí, retírese con calma. No corra ni se resista, aunque crea que lo están parando injustamente.

Si la policía detiene su carro, quien maneja debe mostrar su licencia de conducir y el registro del vehículo cuando se lo pidan. Aun así, puede negarse a contestar preguntas sobre su situación migratoria.""",
    },
    {
        "slug": "judicial-warrant",
        "order": 20,
        "title_en": "Do not open the door without a warrant signed by a judge",
        "body_en": """If ICE agents or other officers knock on your door, you do not have to open it. Talk to them through the closed door and ask whether they have a warrant signed by a judge.

ICE often carries an administrative warrant (form I-200 or I-205), signed by an immigration officer, not by a judge. That kind of warrant does not allow agents to enter your home without your permission. Only a warrant issued by a court and signed by a judge allows them to come in without your consent, and it should show your correct address.

Ask them to slide the warrant under the door or hold it up to a window. Check the judge's signature, the name of the court and the address.

If they come in anyway, do not resist. Say clearly: "I do not consent to this search." Use your right to remain silent, and afterwards write down the agents' names, badge numbers and what happened.""",
        "title_es": "No abra la puerta sin una orden firmada por un juez",
        "body_es": """Si agentes de ICE u otros oficiales tocan a su puerta, usted no tiene que abrir. Hable con ellos a través de la puerta cerrada y pregunte si tienen una orden firmada por un juez.

Muchas veces ICE lleva una orden administrativa (formulario I-200 o I-205), firmada por un oficial de inmigración y no por un juez. Ese tipo de orden no les permite entrar a su casa sin su permiso. Solo una orden emitida por un tribunal y firmada por un juez les permite entrar sin su consentimiento, y debe tener su dirección correcta.

Pídales que pasen la orden por debajo de la puerta o que la muestren por una ventana. Revise la firma del juez, el nombre del tribunal y la dirección.

Si entran de todos modos, no se resista. Diga claramente: «No doy mi consentimiento para este registro». Ejerza su derecho a guardar silencio y, después, anote los nombres de los agentes, sus números de placa y lo que pasó.""",
    },
    {
        "slug": "do-not-sign",
        "order": 30,
        "title_en": "Do not sign anything you do not understand",
        "body_en": """If you are detained, do not sign any document you do not understand or do not agree with, especially papers in a language you do not read well. Ask for an interpreter if you need one.

Some forms mean giving up your right to see an immigration judge, for example by accepting "voluntary departure" or a removal (deportation) order. Signing them can lead to a fast deportation.

Ask to speak with a lawyer before you sign anything. You can say: "I will not sign anything until I have talked with a lawyer.\"""",
        "title_es": "No firme nada que no entienda",
        "body_es": """Si lo detienen, no firme ningún documento que no entienda o con el que no esté de acuerdo, sobre todo si está en un idioma que no lee bien. Pida un intérprete si lo necesita.

Algunos formularios significan renunciar a su derecho a ver a un juez de inmigración, por ejemplo al aceptar la «salida voluntaria» o una orden de deportación. Firmarlos puede llevar a una deportación rápida.

Pida hablar con un abogado antes de firmar cualquier cosa. Puede decir: «No voy a firmar nada hasta hablar con un abogado».""",
    },
    {
        "slug": "family-plan",
        "order": 40,
        "title_en": "Keep a lawyer's number and make a family plan",
        "body_en": """Memorize, or carry on paper, the phone number of a trusted immigration lawyer or legal organization, and of someone in your family. If you are detained, your phone may be taken away.

Make a plan with your family now: who will pick up the children from school, who can take care of them, and who can reach important papers and money. Ask a lawyer which signed document lets a person you trust make decisions for your children if you cannot.

Keep copies of important documents (passports, birth certificates, immigration papers) in a safe place that a trusted person can reach. If you have an immigration case, write down your A-number (alien registration number).

Be careful with "notarios": in the United States, a notary public is not a lawyer and cannot give legal advice. Look for a licensed attorney or an accredited legal organization.""",
        "title_es": "Tenga el número de un abogado y un plan familiar",
        "body_es": """Memorice, o lleve anotado en un papel, el número de teléfono de un abogado de inmigración o de una organización legal de confianza, y el de alguien de su familia. Si lo detienen, le pueden quitar el teléfono.

Haga un plan con su familia desde ahora: quién recogerá a los niños en la escuela, quién puede cuidarlos y quién puede tener acceso a los papeles importantes y al dinero. Pregúntele a un abogado qué documento firmado permite que una persona de confianza tome decisiones sobre sus hijos si usted no puede hacerlo.

Guarde copias de sus documentos importantes (pasaportes, actas de nacimiento, papeles de inmigración) en un lugar seguro al que una persona de confianza pueda llegar. Si tiene un caso de inmigración, anote su número A (número de registro de extranjero).

Tenga cuidado con los «notarios»: en Estados Unidos, un notario público no es abogado y no puede dar asesoría legal. Busque un abogado con licencia o una organización legal acreditada.""",
    },
    {
        "slug": "three-different-things",
        "order": 50,
        "title_en": "287(g), state detainer rules and fingerprint sharing: three different things",
        "body_en": """287(g) is a voluntary agreement between ICE and a local agency, such as a sheriff's office or a town police department. Under it, local officers are trained and authorized to act as immigration agents: in the jail (checking the status of people booked in, serving ICE warrants) or, under the Task Force Model, during ordinary patrols. No North Carolina law requires a sheriff or town police department to sign one: it is a local choice.

State detainer rules are something else. Laws passed in 2024 and 2025 (HB 10 and HB 318) require every county jail, with or without 287(g), to check the immigration status of people charged with certain crimes. When ICE sends a detainer together with an administrative warrant, a judicial official can order the person held for up to 48 hours after the time they would otherwise be released. The jail must also tell ICE when the person is going to be released.

Fingerprint sharing is different again. When anyone is booked into any jail, their fingerprints go to the FBI, which automatically shares them with immigration authorities (the federal program known as Secure Communities). No local official decides this.

With or without a 287(g) agreement, the state detainer rules and fingerprint sharing continue. What a 287(g) agreement changes is whether local officers act as immigration agents in your community.""",
        "title_es": (
            "El 287(g), las órdenes de retención de la ley estatal y el intercambio de huellas: "
            "tres cosas distintas"
        ),
        "body_es": """El 287(g) es un acuerdo voluntario entre ICE y una agencia local, como la oficina del alguacil (sheriff) o el departamento de policía de una ciudad o pueblo. Con ese acuerdo, agentes locales reciben entrenamiento y autorización para actuar como agentes de inmigración: en la cárcel (revisando el estatus migratorio de las personas que ingresan y entregando órdenes de ICE) o, con el modelo de Fuerza de Tarea (Task Force), durante el patrullaje de todos los días. Ninguna ley de Carolina del Norte obliga a un alguacil ni a la policía de una ciudad o pueblo a firmarlo: es una decisión local.

Las reglas estatales sobre órdenes de retención (detainers) son otra cosa. Leyes aprobadas en 2024 y 2025 (HB 10 y HB 318) obligan a todas las cárceles de los condados, tengan o no un acuerdo 287(g), a revisar el estatus migratorio de las personas acusadas de ciertos delitos. Cuando ICE envía una orden de retención junto con una orden administrativa, un funcionario judicial puede ordenar que la persona siga detenida hasta 48 horas después del momento en que habría quedado en libertad. La cárcel también debe avisarle a ICE cuándo va a salir la persona.

El intercambio de huellas digitales es otra cosa más. Cuando a cualquier persona la fichan en cualquier cárcel, sus huellas se envían al FBI, que las comparte automáticamente con las autoridades de inmigración (el programa federal conocido como Comunidades Seguras o Secure Communities). Ningún funcionario local decide esto.

Con o sin un acuerdo 287(g), las reglas estatales sobre órdenes de retención y el intercambio de huellas siguen vigentes. Lo que cambia un acuerdo 287(g) es si los agentes locales actúan como agentes de inmigración en su comunidad.""",
    },
    {
        "slug": "report-an-encounter",
        "order": 60,
        "title_en": "Report what you saw to a community defense hotline",
        "body_en": """If you see immigration agents, or police or deputies acting as immigration agents, or if someone is detained, call one of the community defense hotlines listed on this page. These hotlines take reports, check whether they are true and help connect families with support and legal help.

Write down what you can as soon as possible: the date, time and exact place; how many agents there were and which agency they came from (what the uniforms and vehicles say); badge numbers and license plates; and what happened, including what was said.

If it is safe, you can take photos or video from a distance. Do not get in the agents' way, and put your own safety first.

Share only information you have confirmed. Rumors of raids spread fear; a hotline can check whether a report is true.""",
        "title_es": "Reporte lo que vio a una línea de defensa comunitaria",
        "body_es": """Si ve agentes de inmigración, o a policías o agentes del alguacil actuando como agentes de inmigración, o si detienen a alguien, llame a una de las líneas de defensa comunitaria que aparecen en esta página. Estas líneas reciben reportes, verifican si son ciertos y ayudan a conectar a las familias con apoyo y ayuda legal.

Anote lo que pueda lo antes posible: la fecha, la hora y el lugar exacto; cuántos agentes había y de qué agencia eran (lo que dicen los uniformes y los vehículos); los números de placa o de identificación de los agentes y las placas de los vehículos; y lo que pasó, incluido lo que se dijo.

Si es seguro, puede tomar fotos o video desde lejos. No se interponga en el camino de los agentes y ponga primero su propia seguridad.

Comparta solo información que haya confirmado. Los rumores de redadas siembran miedo; una línea comunitaria puede verificar si un reporte es cierto.""",
    },
]


def seed(apps, schema_editor):
    Hotline = apps.get_model("community", "Hotline")
    RightsSection = apps.get_model("community", "RightsSection")
    for hotline in HOTLINES:
        Hotline.objects.update_or_create(
            phone=hotline["phone"],
            defaults={
                **hotline,
                "note_en": HOTLINE_NOTE_EN,
                "note_es": HOTLINE_NOTE_ES,
                "source": HOTLINE_SOURCE,
                "verified_on": None,
                "active": True,
            },
        )
    for section in RIGHTS:
        RightsSection.objects.update_or_create(
            slug=section["slug"], defaults={**section, "source": RIGHTS_SOURCE}
        )


def unseed(apps, schema_editor):
    apps.get_model("community", "Hotline").objects.filter(
        phone__in=[h["phone"] for h in HOTLINES]
    ).delete()
    apps.get_model("community", "RightsSection").objects.filter(
        slug__in=[s["slug"] for s in RIGHTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
