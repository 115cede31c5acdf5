"""The default wording of each model document, in English and Spanish.

The English text is the one a body adopts; the Spanish is for the community. Curators replace any
section of either from the admin (`models.DocumentTemplate`, with its history); this module is
what a document says before they do. Sections are plain text: paragraphs (or clauses) separated by
a blank line, with {placeholders} filled from the place's facts (`PLACEHOLDERS`).

Every text here asks for reports, assessments, presentations and public process, never for less
cooperation with ICE: state law (G.S. 153A-145.5, 160A-205.2) does not allow a local policy that
keeps officers from enforcing immigration law, and `forbidden.py` checks each text against it.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a text can name; `compose.py` fills each from the place's facts, in the text's language.
PLACEHOLDERS = {
    "body": "the adopting body: Alamance County Board of Commissioners",
    "place": "the place: Alamance County, Town of Carrboro",
    "agency": "the agency concerned: the sheriff's office or the police department",
    "agreements": "a sentence on its 287(g) agreements from ICE's lists, with file and row",
    "population": "the place's 2020 population",
    "attorney": "County Attorney or Town Attorney",
    "county_body": "the board of commissioners of the town's county",
    "as_of": "the date of ICE's latest list",
}


@dataclass(frozen=True, slots=True)
class Template:
    title: str
    purpose: str
    findings: str
    operative: str
    questions: str  # open legal questions for the body's attorney, beside the measures' own


SECTIONS = ("title", "purpose", "findings", "operative", "questions")

# The quarterly fields of nc-policy.md §5, shared by the reporting texts.
REPORT_FIELDS_EN = (
    "the number of people booked into the jail and the number screened or interviewed by "
    "287(g) officers; immigration database queries under the 287(g) agreement, counted apart "
    "from the queries G.S. 162-62 requires of every jail; detainers (Form I-247A) issued by "
    "287(g) officers and detainers received from ICE; administrative warrants served; the "
    "hours people were held past their scheduled release, the judicial orders obtained, and "
    "the releases when ICE did not arrive; transfers to ICE custody; the most serious charge "
    "and its outcome (no charge, traffic, misdemeanor or felony; dismissed or convicted) at "
    "the time of each ICE action; claims of U.S. citizenship reported to ICE and how each was "
    "resolved; complaints under Appendix B of the agreement, by type and outcome, and civil "
    "claims filed; and, for the Task Force Model, field encounters, arrests without a "
    "warrant, traffic stops that led to immigration action and joint operations with ICE. "
    "Figures are given by model and, where the law allows, by race and ethnicity, sex and "
    "age band"
)
COST_FIELDS_EN = (
    "each fiscal year: the number of 287(g) officers and their hours on 287(g) duties; their "
    "salary, benefits and overtime, including backfill during training; supervision, "
    "transport, jail bed-days attributable to holds, equipment and legal or insurance costs; "
    "ICE reimbursements and performance awards claimed and received; and the net cost to "
    "local taxpayers"
)
REPORT_FIELDS_ES = (
    "el número de personas registradas en la cárcel y de personas examinadas o entrevistadas "
    "por agentes 287(g); las consultas a bases de datos migratorias bajo el acuerdo 287(g), "
    "contadas aparte de las que la G.S. 162-62 exige a toda cárcel; las solicitudes de "
    "retención (formulario I-247A) emitidas por agentes 287(g) y las recibidas de ICE; las "
    "órdenes administrativas ejecutadas; las horas que las personas permanecieron retenidas "
    "después de su liberación prevista, las órdenes judiciales obtenidas y las liberaciones "
    "cuando ICE no llegó; los traslados a la custodia de ICE; el cargo más grave y su "
    "resultado (sin cargo, tránsito, delito menor o grave; desestimado o condena) en el "
    "momento de cada acción de ICE; las afirmaciones de ciudadanía estadounidense comunicadas "
    "a ICE y cómo se resolvieron; las quejas según el Apéndice B del acuerdo, por tipo y "
    "resultado, y las demandas civiles; y, para el modelo de Grupo de Trabajo, los encuentros "
    "en la calle, los arrestos sin orden, las paradas de tránsito que llevaron a una acción "
    "migratoria y los operativos conjuntos con ICE. Las cifras se dan por modelo y, donde la "
    "ley lo permita, por raza y etnia, sexo y grupo de edad"
)
COST_FIELDS_ES = (
    "cada año fiscal: el número de agentes 287(g) y sus horas en funciones 287(g); su salario, "
    "beneficios y horas extra, incluidas las coberturas durante la capacitación; supervisión, "
    "transporte, días-cama de cárcel debidos a retenciones, equipo y costos legales o de "
    "seguro; los reembolsos y premios de ICE solicitados y recibidos; y el costo neto para "
    "los contribuyentes locales"
)

FINDINGS_COMMON_EN = (
    "WHEREAS {agreements}\n\n"
    "WHEREAS {place} is home to {population}, and the safety of every resident depends on "
    "trust between residents and the officers who serve them; and\n\n"
    "WHEREAS every 287(g) agreement requires the local agency to keep statistics on its "
    "287(g) activity and places the cost of claims and lawsuits arising from it on the local "
    "agency; and\n\n"
    "WHEREAS in 2012 the United States Department of Justice found that the Alamance County "
    "Sheriff's Office had engaged in biased policing under its 287(g) agreement, and the "
    "Office of Inspector General of the Department of Homeland Security found in 2010 that "
    "the program lacked oversight and public reporting; and"
)
FINDINGS_COMMON_ES = (
    "CONSIDERANDO que {agreements}\n\n"
    "CONSIDERANDO que en {place} viven {population}, y que la seguridad de cada residente "
    "depende de la confianza entre los residentes y los agentes que los sirven;\n\n"
    "CONSIDERANDO que todo acuerdo 287(g) obliga a la agencia local a llevar estadísticas de "
    "su actividad 287(g) y pone a cargo de la agencia local el costo de los reclamos y "
    "demandas que se deriven de él;\n\n"
    "CONSIDERANDO que en 2012 el Departamento de Justicia de los Estados Unidos concluyó que "
    "la Oficina del Sheriff del Condado de Alamance había practicado una vigilancia sesgada "
    "bajo su acuerdo 287(g), y que en 2010 la Oficina del Inspector General del Departamento "
    "de Seguridad Nacional señaló la falta de supervisión y de informes públicos del programa;"
)
NOTHING_CHANGES_EN = (
    "This {kind} concerns information, reports and public process only. The cooperation with "
    "federal immigration authorities that state and federal law require of any officer or "
    "jail (G.S. 153A-145.5, G.S. 160A-205.2, G.S. 162-62) continues unchanged, and this {kind} "
    "shall be read accordingly."
)
NOTHING_CHANGES_ES = (
    "Esta {kind} trata solo de información, informes y proceso público. La cooperación con "
    "las autoridades federales de inmigración que las leyes estatales y federales exigen a "
    "todo agente o cárcel (G.S. 153A-145.5, G.S. 160A-205.2, G.S. 162-62) sigue igual, y esta "
    "{kind} se interpretará en ese sentido."
)

DEFAULTS: dict[str, dict[str, Template]] = {
    "county-reporting-resolution": {
        "en": Template(
            title="Resolution requesting quarterly 287(g) activity and cost reports",
            purpose=(
                "A resolution of the {body} asking {agency} to report to the board and the "
                "public, every quarter, what its 287(g) work involves and what it costs."
            ),
            findings=FINDINGS_COMMON_EN + "\n\n"
            "WHEREAS the Board adopts the county budget that funds {agency} and pays the "
            "liabilities of county law enforcement, and residents cannot judge that budget "
            "without knowing what 287(g) costs; now, therefore,",
            operative=(
                "BE IT RESOLVED by the {body} that the Board respectfully requests {agency} to "
                "present to the Board at a public meeting, within 45 days after the end of "
                "each calendar quarter, a written report of its 287(g) activity during that "
                "quarter, giving " + REPORT_FIELDS_EN + ".\n\n"
                "BE IT FURTHER RESOLVED that the Board requests a yearly report of costs and "
                "revenue, giving " + COST_FIELDS_EN + ", and directs the county finance officer "
                "to show 287(g) costs and ICE payments in their own line of the county "
                "budget.\n\n"
                "BE IT FURTHER RESOLVED that each report be posted on the county's website, in "
                "English and Spanish, and that personal information be withheld as the law "
                "requires.\n\n"
                "BE IT FURTHER RESOLVED that the Clerk send a certified copy of this resolution "
                "to {agency}."
            ),
            questions=(
                "Which of the requested figures does {agency} already keep under the 287(g) "
                "agreement, and which would be new work?\n\n"
                "Which demographic figures can be published without disclosing confidential "
                "personnel or criminal-investigation records (G.S. 132-1.4, G.S. 153A-98)?"
            ),
        ),
        "es": Template(
            title="Resolución que solicita informes trimestrales de actividad y costos 287(g)",
            purpose=(
                "Una resolución de la {body} que pide a {agency} informar a la junta y al "
                "público, cada trimestre, qué implica su trabajo 287(g) y cuánto cuesta."
            ),
            findings=FINDINGS_COMMON_ES + "\n\n"
            "CONSIDERANDO que la Junta aprueba el presupuesto del condado que financia a "
            "{agency} y paga las responsabilidades de las fuerzas del orden del condado, y que "
            "los residentes no pueden juzgar ese presupuesto sin saber cuánto cuesta 287(g); "
            "por lo tanto,",
            operative=(
                "SE RESUELVE por la {body} solicitar respetuosamente a {agency} que presente a "
                "la Junta, en una reunión pública y dentro de los 45 días siguientes al fin de "
                "cada trimestre, un informe escrito de su actividad 287(g) en ese trimestre, "
                "con " + REPORT_FIELDS_ES + ".\n\n"
                "SE RESUELVE ADEMÁS solicitar un informe anual de costos e ingresos, con "
                + COST_FIELDS_ES
                + ", e indicar al director de finanzas del condado que muestre los costos 287(g) "
                "y los pagos de ICE en una partida propia del presupuesto.\n\n"
                "SE RESUELVE ADEMÁS que cada informe se publique en el sitio web del condado, en "
                "inglés y español, y que se omita la información personal según exija la ley.\n\n"
                "SE RESUELVE ADEMÁS que la Secretaría envíe copia certificada de esta resolución "
                "a {agency}."
            ),
            questions=(
                "¿Cuáles de las cifras solicitadas ya lleva {agency} según el acuerdo 287(g), y "
                "cuáles supondrían trabajo nuevo?\n\n"
                "¿Qué cifras demográficas pueden publicarse sin revelar registros confidenciales "
                "de personal o de investigación penal (G.S. 132-1.4, G.S. 153A-98)?"
            ),
        ),
    },
    "county-attorney-assessment": {
        "en": Template(
            title="Directive to the County Attorney for a 287(g) liability and cost assessment",
            purpose=(
                "A directive of the {body} asking the {attorney} for a written assessment of "
                "the legal and financial risks 287(g) brings to {place}."
            ),
            findings=FINDINGS_COMMON_EN + "\n\n"
            "WHEREAS the {attorney} advises the Board, and the Board adopts the budget that "
            "pays for these risks; now, therefore,",
            operative=(
                "The {body} directs the {attorney}, with the county finance officer, to prepare "
                "a written assessment covering: the agreement's liability and indemnity "
                "clauses and who pays when a claim or lawsuit arises; the risk of holding a "
                "person past the time the law allows, or detaining a United States citizen by "
                "mistake; exposure to claims of racial profiling; whether the county's insurance "
                "or risk pool covers these risks; and the net cost after any payment from "
                "ICE.\n\n"
                "The assessment shall be presented to the Board at a public meeting within 90 "
                "days and posted on the county's website, with any part the law makes "
                "confidential withheld and the reason stated."
            ),
            questions=(
                "Which parts of the assessment would be privileged attorney-client advice, "
                "and can the Board choose to make them public?"
            ),
        ),
        "es": Template(
            title="Instrucción al Abogado del Condado para evaluar los riesgos y costos de 287(g)",
            purpose=(
                "Una instrucción de la {body} que pide al {attorney} una evaluación escrita de "
                "los riesgos legales y financieros que 287(g) supone para {place}."
            ),
            findings=FINDINGS_COMMON_ES + "\n\n"
            "CONSIDERANDO que el {attorney} asesora a la Junta, y que la Junta aprueba el "
            "presupuesto que paga esos riesgos; por lo tanto,",
            operative=(
                "La {body} indica al {attorney}, junto con el director de finanzas del condado, "
                "que prepare una evaluación escrita sobre: las cláusulas de responsabilidad e "
                "indemnización del acuerdo y quién paga cuando surge un reclamo o demanda; el "
                "riesgo de retener a una persona más tiempo del que permite la ley, o de "
                "detener por error a un ciudadano estadounidense; la exposición a reclamos por "
                "perfil racial; si el seguro o fondo de riesgos del condado cubre esos riesgos; "
                "y el costo neto después de cualquier pago de ICE.\n\n"
                "La evaluación se presentará a la Junta en una reunión pública dentro de 90 días "
                "y se publicará en el sitio web del condado, omitiendo con su motivo lo que la "
                "ley declare confidencial."
            ),
            questions=(
                "¿Qué partes de la evaluación serían asesoría confidencial entre abogado y "
                "cliente, y puede la Junta decidir hacerlas públicas?"
            ),
        ),
    },
    "county-advisory-committee": {
        "en": Template(
            title="Resolution creating a 287(g) community advisory committee",
            purpose=(
                "A resolution of the {body} creating an advisory committee that receives and "
                "discusses, in public, what 287(g) means for {place}."
            ),
            findings=FINDINGS_COMMON_EN + "\n\n"
            "WHEREAS the steering committee ICE may hold with the local agency is optional and "
            "rarely public; now, therefore,",
            operative=(
                "BE IT RESOLVED by the {body} that a 287(g) Community Advisory Committee is "
                "created, of seven members appointed by the Board for two-year terms, including "
                "residents, members of immigrant-serving organizations, a defense attorney and "
                "a faith leader.\n\n"
                "The Committee shall receive the signed agreement and its amendments, the "
                "activity and cost reports the Board receives, complaint figures and the "
                "{attorney}'s assessment; it shall meet at least quarterly, report to the Board "
                "at least once a year, and may invite {agency} to its meetings.\n\n"
                "The Committee is a public body under the Open Meetings Law: its meetings are "
                "noticed and open, its minutes are public, and its materials are offered in "
                "English and Spanish.\n\n"
                "The Board shall review the Committee's work every year and decide whether to "
                "continue it."
            ),
            questions=(
                "Which records given to the Committee may be confidential, and how should the "
                "Committee handle them?"
            ),
        ),
        "es": Template(
            title="Resolución que crea un comité asesor comunitario sobre 287(g)",
            purpose=(
                "Una resolución de la {body} que crea un comité asesor que recibe y discute, en "
                "público, lo que 287(g) significa para {place}."
            ),
            findings=FINDINGS_COMMON_ES + "\n\n"
            "CONSIDERANDO que el comité directivo que ICE puede tener con la agencia local es "
            "opcional y rara vez público; por lo tanto,",
            operative=(
                "SE RESUELVE por la {body} crear un Comité Asesor Comunitario sobre 287(g), de "
                "siete miembros nombrados por la Junta por dos años, entre ellos residentes, "
                "miembros de organizaciones que sirven a inmigrantes, un abogado defensor y un "
                "líder religioso.\n\n"
                "El Comité recibirá el acuerdo firmado y sus enmiendas, los informes de "
                "actividad y costos que reciba la Junta, las cifras de quejas y la evaluación "
                "del {attorney}; se reunirá al menos cada trimestre, informará a la Junta al "
                "menos una vez al año y podrá invitar a {agency} a sus reuniones.\n\n"
                "El Comité es un órgano público según la Ley de Reuniones Abiertas: sus "
                "reuniones se anuncian y son abiertas, sus actas son públicas y sus materiales "
                "se ofrecen en inglés y español.\n\n"
                "La Junta revisará cada año el trabajo del Comité y decidirá si lo mantiene."
            ),
            questions=(
                "¿Qué documentos entregados al Comité pueden ser confidenciales, y cómo debe "
                "tratarlos el Comité?"
            ),
        ),
    },
    "county-sheriff-presentation": {
        "en": Template(
            title="Resolution requesting a public presentation before any new 287(g) agreement",
            purpose=(
                "A resolution of the {body} asking {agency} to present any proposed 287(g) "
                "agreement, renewal or expansion at a public meeting before signing it."
            ),
            findings=FINDINGS_COMMON_EN + "\n\n"
            "WHEREAS the sheriff is elected by the county's voters and signs any agreement, and "
            "the Board can ask, but not decide; now, therefore,",
            operative=(
                "BE IT RESOLVED by the {body} that the Board respectfully requests {agency} to "
                "present, at a public meeting of the Board and at least 30 days before signing "
                "any 287(g) agreement, renewal or expansion (such as adding the Task Force "
                "Model): the model proposed, the number of officers, the expected costs and "
                "ICE payments, how complaints will be handled, and the draft agreement.\n\n"
                "BE IT FURTHER RESOLVED that the Board will hear residents at that meeting, "
                "and that the Clerk send a certified copy of this resolution to {agency}."
            ),
            questions=(
                "Can the Board schedule a special meeting for the presentation on short notice "
                "under G.S. 143-318.12 if a listing appears as pending?"
            ),
        ),
        "es": Template(
            title="Resolución que solicita una presentación pública antes de todo nuevo acuerdo "
            "287(g)",
            purpose=(
                "Una resolución de la {body} que pide a {agency} presentar cualquier acuerdo, "
                "renovación o ampliación 287(g) propuesto en una reunión pública antes de "
                "firmarlo."
            ),
            findings=FINDINGS_COMMON_ES + "\n\n"
            "CONSIDERANDO que el sheriff es elegido por los votantes del condado y firma todo "
            "acuerdo, y que la Junta puede pedir, pero no decidir; por lo tanto,",
            operative=(
                "SE RESUELVE por la {body} solicitar respetuosamente a {agency} que presente, en "
                "una reunión pública de la Junta y al menos 30 días antes de firmar cualquier "
                "acuerdo, renovación o ampliación 287(g) (como añadir el modelo de Grupo de "
                "Trabajo): el modelo propuesto, el número de agentes, los costos y pagos de ICE "
                "previstos, cómo se atenderán las quejas y el borrador del acuerdo.\n\n"
                "SE RESUELVE ADEMÁS que la Junta escuchará a los residentes en esa reunión, y "
                "que la Secretaría envíe copia certificada de esta resolución a {agency}."
            ),
            questions=(
                "¿Puede la Junta convocar con poca antelación una reunión especial para la "
                "presentación según la G.S. 143-318.12 si aparece un acuerdo pendiente?"
            ),
        ),
    },
    "town-pre-approval-ordinance": {
        "en": Template(
            title="Ordinance requiring council approval, after public comment, of any 287(g) "
            "agreement",
            purpose=(
                "An ordinance of the {body} requiring that {agency} obtain the Council's "
                "approval, after a noticed public hearing and a comment period, before it "
                "enters, renews or expands any 287(g) agreement."
            ),
            findings=FINDINGS_COMMON_EN + "\n\n"
            "WHEREAS the police chief and officers are town employees (G.S. 160A-281), and the "
            "Council has general ordinance power (G.S. 160A-174) and adopts the budget and "
            "approves the contracts of the town; now, therefore,",
            operative=(
                "Section 1. Before {agency} enters into, renews or expands (for example, by "
                "adding the Task Force Model) an agreement with U.S. Immigration and Customs "
                "Enforcement under section 287(g) of the Immigration and Nationality Act, the "
                "Chief of Police shall first obtain the approval of the {body} by vote at a "
                "public meeting.\n\n"
                "Section 2. The Council shall give public notice of the proposed agreement, with "
                "its draft text, at least 30 days before the vote, receive written comments "
                "during that period, and hold a public hearing before voting.\n\n"
                "Section 3. Before the hearing, the {attorney} and the finance officer shall "
                "present a written assessment of the agreement's liability and indemnity "
                "clauses, insurance coverage, the risk of wrongful detention and profiling "
                "claims, and its net cost after any ICE payment.\n\n"
                "Section 4. If the Council approves an agreement, {agency} shall report to the "
                "Council at a public meeting, within 45 days after the end of each quarter, "
                "giving " + REPORT_FIELDS_EN + "; and each year, " + COST_FIELDS_EN + ".\n\n"
                "Section 5. This ordinance takes effect upon adoption."
            ),
            questions=(
                "Could the approval requirement be read as limiting the enforcement of federal "
                "immigration law, which G.S. 160A-205.2 does not allow? If so, would a "
                "requirement of notice, hearing and report alone, without a vote, be safer?\n\n"
                "If SB 153 (2025) becomes law, what exposure would the town have to lawsuits "
                "over this ordinance?"
            ),
        ),
        "es": Template(
            title="Ordenanza que exige la aprobación del concejo, tras comentario público, de "
            "todo acuerdo 287(g)",
            purpose=(
                "Una ordenanza del {body} que exige que {agency} obtenga la aprobación del "
                "Concejo, tras una audiencia pública anunciada y un período de comentarios, "
                "antes de celebrar, renovar o ampliar cualquier acuerdo 287(g)."
            ),
            findings=FINDINGS_COMMON_ES + "\n\n"
            "CONSIDERANDO que el jefe y los agentes de policía son empleados municipales (G.S. "
            "160A-281), y que el Concejo tiene poder general de ordenanza (G.S. 160A-174), "
            "aprueba el presupuesto y los contratos del municipio; por lo tanto,",
            operative=(
                "Sección 1. Antes de que {agency} celebre, renueve o amplíe (por ejemplo, "
                "añadiendo el modelo de Grupo de Trabajo) un acuerdo con el Servicio de "
                "Inmigración y Control de Aduanas según la sección 287(g) de la Ley de "
                "Inmigración y Nacionalidad, el Jefe de Policía obtendrá primero la aprobación "
                "del {body} por votación en una reunión pública.\n\n"
                "Sección 2. El Concejo anunciará públicamente el acuerdo propuesto, con su "
                "borrador, al menos 30 días antes de la votación, recibirá comentarios escritos "
                "durante ese período y celebrará una audiencia pública antes de votar.\n\n"
                "Sección 3. Antes de la audiencia, el {attorney} y el director de finanzas "
                "presentarán una evaluación escrita de las cláusulas de responsabilidad e "
                "indemnización del acuerdo, la cobertura de seguros, el riesgo de reclamos por "
                "detención indebida y perfil racial, y su costo neto después de cualquier pago "
                "de ICE.\n\n"
                "Sección 4. Si el Concejo aprueba un acuerdo, {agency} informará al Concejo en "
                "una reunión pública, dentro de los 45 días siguientes al fin de cada trimestre, "
                "con " + REPORT_FIELDS_ES + "; y cada año, " + COST_FIELDS_ES + ".\n\n"
                "Sección 5. Esta ordenanza entra en vigor al ser adoptada."
            ),
            questions=(
                "¿Podría interpretarse el requisito de aprobación como un límite a la "
                "aplicación de la ley federal de inmigración, que la G.S. 160A-205.2 no "
                "permite? Si es así, ¿sería más seguro exigir solo aviso, audiencia e informe, "
                "sin votación?\n\n"
                "Si la SB 153 (2025) llega a ser ley, ¿a qué demandas se expondría el municipio "
                "por esta ordenanza?"
            ),
        ),
    },
    "town-reporting-ordinance": {
        "en": Template(
            title="Ordinance requiring quarterly 287(g) activity and cost reports",
            purpose=(
                "An ordinance of the {body} requiring {agency} to report to the Council and the "
                "public, every quarter, what its 287(g) work involves and what it costs."
            ),
            findings=FINDINGS_COMMON_EN + "\n\n"
            "WHEREAS the police chief and officers are town employees (G.S. 160A-281), and the "
            "Council adopts the budget that pays for the town's policing; now, therefore,",
            operative=(
                "Section 1. Within 45 days after the end of each calendar quarter, {agency} "
                "shall present to the {body}, at a public meeting, a written report of its "
                "287(g) activity during that quarter, giving " + REPORT_FIELDS_EN + ".\n\n"
                "Section 2. Each year, with the proposed budget, the Chief of Police and the "
                "finance officer shall report " + COST_FIELDS_EN + "; 287(g) costs and ICE "
                "payments shall appear in their own line of the town budget.\n\n"
                "Section 3. Once a year the Council shall hold a public forum where the "
                "department presents these figures and residents respond.\n\n"
                "Section 4. Reports are posted on the town's website in English and Spanish, "
                "with personal information withheld as the law requires.\n\n"
                "Section 5. This ordinance takes effect upon adoption."
            ),
            questions=(
                "Which of the requested figures does {agency} already keep under the 287(g) "
                "agreement, and which can be published under the public records law?"
            ),
        ),
        "es": Template(
            title="Ordenanza que exige informes trimestrales de actividad y costos 287(g)",
            purpose=(
                "Una ordenanza del {body} que exige a {agency} informar al Concejo y al público, "
                "cada trimestre, qué implica su trabajo 287(g) y cuánto cuesta."
            ),
            findings=FINDINGS_COMMON_ES + "\n\n"
            "CONSIDERANDO que el jefe y los agentes de policía son empleados municipales (G.S. "
            "160A-281), y que el Concejo aprueba el presupuesto que paga la policía del "
            "municipio; por lo tanto,",
            operative=(
                "Sección 1. Dentro de los 45 días siguientes al fin de cada trimestre, {agency} "
                "presentará al {body}, en una reunión pública, un informe escrito de su "
                "actividad 287(g) en ese trimestre, con " + REPORT_FIELDS_ES + ".\n\n"
                "Sección 2. Cada año, con el presupuesto propuesto, el Jefe de Policía y el "
                "director de finanzas informarán " + COST_FIELDS_ES + "; los costos 287(g) y los "
                "pagos de ICE figurarán en una partida propia del presupuesto.\n\n"
                "Sección 3. Una vez al año el Concejo celebrará un foro público donde el "
                "departamento presente estas cifras y los residentes respondan.\n\n"
                "Sección 4. Los informes se publican en el sitio web del municipio en inglés y "
                "español, omitiendo la información personal según exija la ley.\n\n"
                "Sección 5. Esta ordenanza entra en vigor al ser adoptada."
            ),
            questions=(
                "¿Cuáles de las cifras solicitadas ya lleva {agency} según el acuerdo 287(g), y "
                "cuáles pueden publicarse según la ley de registros públicos?"
            ),
        ),
    },
    "town-attorney-assessment": {
        "en": Template(
            title="Directive to the Town Attorney for a 287(g) liability and cost assessment",
            purpose=(
                "A directive of the {body} asking the {attorney} for a written assessment of "
                "the legal and financial risks 287(g) brings to {place}."
            ),
            findings=FINDINGS_COMMON_EN + "\n\n"
            "WHEREAS the {attorney} advises the Council, and the Council adopts the budget "
            "that pays for these risks; now, therefore,",
            operative=(
                "The {body} directs the {attorney}, with the finance officer, to prepare a "
                "written assessment covering: the agreement's liability and indemnity clauses "
                "and who pays when a claim or lawsuit arises; the risk of unlawful detention "
                "and of racial-profiling claims; whether the town's insurance or risk pool "
                "covers these risks; and the net cost after any payment from ICE.\n\n"
                "The assessment shall be presented to the Council at a public meeting within "
                "90 days, or before any vote on an agreement if sooner, and posted on the "
                "town's website, with any part the law makes confidential withheld and the "
                "reason stated."
            ),
            questions=(
                "Which parts of the assessment would be privileged attorney-client advice, "
                "and can the Council choose to make them public?"
            ),
        ),
        "es": Template(
            title="Instrucción al Abogado Municipal para evaluar los riesgos y costos de 287(g)",
            purpose=(
                "Una instrucción del {body} que pide al {attorney} una evaluación escrita de "
                "los riesgos legales y financieros que 287(g) supone para {place}."
            ),
            findings=FINDINGS_COMMON_ES + "\n\n"
            "CONSIDERANDO que el {attorney} asesora al Concejo, y que el Concejo aprueba el "
            "presupuesto que paga esos riesgos; por lo tanto,",
            operative=(
                "El {body} indica al {attorney}, junto con el director de finanzas, que prepare "
                "una evaluación escrita sobre: las cláusulas de responsabilidad e indemnización "
                "del acuerdo y quién paga cuando surge un reclamo o demanda; el riesgo de "
                "detención indebida y de reclamos por perfil racial; si el seguro o fondo de "
                "riesgos del municipio cubre esos riesgos; y el costo neto después de cualquier "
                "pago de ICE.\n\n"
                "La evaluación se presentará al Concejo en una reunión pública dentro de 90 "
                "días, o antes de cualquier votación sobre un acuerdo si es antes, y se "
                "publicará en el sitio web del municipio, omitiendo con su motivo lo que la ley "
                "declare confidencial."
            ),
            questions=(
                "¿Qué partes de la evaluación serían asesoría confidencial entre abogado y "
                "cliente, y puede el Concejo decidir hacerlas públicas?"
            ),
        ),
    },
    "town-resolution-to-county": {
        "en": Template(
            title="Resolution asking the county for 287(g) reports and a public presentation",
            purpose=(
                "A resolution of the {body}, whose residents are policed by {agency}, asking "
                "the {county_body} to request reports and a public presentation on 287(g)."
            ),
            findings=FINDINGS_COMMON_EN + "\n\n"
            "WHEREAS {place} has no police department of its own, and the sheriff, who polices "
            "it, answers to the county's voters; now, therefore,",
            operative=(
                "BE IT RESOLVED by the {body} that the Council asks the {county_body} to "
                "request from {agency} quarterly public reports of its 287(g) activity and "
                "yearly reports of its costs, with the fields residents need to judge them "
                "(people screened, detainers, transfers to ICE, the charges involved, officer "
                "hours and overtime, and ICE payments).\n\n"
                "BE IT FURTHER RESOLVED that the Council asks the {county_body} to invite "
                "{agency} to present its 287(g) work, and any new agreement before it is "
                "signed, at a public meeting, and to direct the County Attorney to assess the "
                "program's legal and financial risks.\n\n"
                "BE IT FURTHER RESOLVED that the Council invites {agency} to present to the "
                "Council and residents of {place}, and that the Clerk send certified copies of "
                "this resolution to the {county_body} and to {agency}."
            ),
            questions=(
                "Does the town have any role in county decisions on 287(g) beyond requests, for "
                "example through an interlocal agreement on law enforcement services?"
            ),
        ),
        "es": Template(
            title="Resolución que pide al condado informes 287(g) y una presentación pública",
            purpose=(
                "Una resolución del {body}, cuyos residentes vigila {agency}, que pide a la "
                "{county_body} solicitar informes y una presentación pública sobre 287(g)."
            ),
            findings=FINDINGS_COMMON_ES + "\n\n"
            "CONSIDERANDO que {place} no tiene policía propia, y que el sheriff, que la vigila, "
            "responde ante los votantes del condado; por lo tanto,",
            operative=(
                "SE RESUELVE por el {body} pedir a la {county_body} que solicite a {agency} "
                "informes públicos trimestrales de su actividad 287(g) e informes anuales de "
                "sus costos, con los datos que los residentes necesitan para juzgarlos "
                "(personas examinadas, solicitudes de retención, traslados a ICE, los cargos "
                "implicados, horas y horas extra de los agentes y pagos de ICE).\n\n"
                "SE RESUELVE ADEMÁS pedir a la {county_body} que invite a {agency} a presentar "
                "su trabajo 287(g), y todo acuerdo nuevo antes de firmarlo, en una reunión "
                "pública, y que indique al Abogado del Condado evaluar los riesgos legales y "
                "financieros del programa.\n\n"
                "SE RESUELVE ADEMÁS invitar a {agency} a presentarse ante el Concejo y los "
                "residentes de {place}, y que la Secretaría envíe copias certificadas de esta "
                "resolución a la {county_body} y a {agency}."
            ),
            questions=(
                "¿Tiene el municipio algún papel en las decisiones del condado sobre 287(g) más "
                "allá de las solicitudes, por ejemplo mediante un convenio interlocal de "
                "servicios policiales?"
            ),
        ),
    },
}

# The seed briefing's core values, stated in every document.
VALUES = {
    "en": (
        "Community safety",
        "Trust between residents and the officers who serve them",
        "Accountability and transparency",
        "Civil rights",
        "Racial justice",
        "Human dignity",
    ),
    "es": (
        "Seguridad de la comunidad",
        "Confianza entre los residentes y los agentes que los sirven",
        "Rendición de cuentas y transparencia",
        "Derechos civiles",
        "Justicia racial",
        "Dignidad humana",
    ),
}

INSTRUMENTS = {
    "en": {"resolution": "resolution", "ordinance": "ordinance", "directive": "directive"},
    "es": {"resolution": "resolución", "ordinance": "ordenanza", "directive": "instrucción"},
}

NOTHING_CHANGES = {"en": NOTHING_CHANGES_EN, "es": NOTHING_CHANGES_ES}
