"""Realistic open-ended survey answers for demos, tests and benchmarks.

Real answers from career seekers and employers cannot be shared, yet the demo site and the theme engine
need answers that look and misbehave like real ones: short and long, typed on phones with typos, some in
Spanish, some touching two themes at once, some non-answers ("n/a", "idk", an emoji) and a few carrying a
phone number or an email that must be redacted before anyone reads them. This module builds such answers
from phrase banks with nothing but the standard library, so it runs anywhere (no Flask, no data files) and
is deterministic for a given :class:`random.Random`.

Each topic is a question a sector partnership really asks; each theme inside it is a concern that staff
would expect a good theme engine to find. :func:`labelled_open_answers` also returns the theme each answer
was drawn from, which lets a benchmark check recovered themes against the intended ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["THEMES", "TOPICS", "labelled_open_answers", "open_answers"]


@dataclass(frozen=True)
class _Theme:
    """One concern: full English and Spanish sentences, and short fragments people type on phones."""

    en: tuple[str, ...]
    es: tuple[str, ...]
    short_en: tuple[str, ...]
    short_es: tuple[str, ...]


def _t(en: list[str], es: list[str], short_en: list[str], short_es: list[str]) -> _Theme:
    return _Theme(tuple(en), tuple(es), tuple(short_en), tuple(short_es))


_BANK: dict[str, dict[str, _Theme]] = {
    "career_barriers": {
        "childcare": _t(
            [
                "I have two kids and no one to watch them while I'm in class",
                "Finding childcare I can afford is the biggest problem for me",
                "Daycare closes at 6 and the classes go until 8",
                "I'm a single mom so child care is always the issue",
                "No babysitter in the evenings, my kids are little",
                "Child care costs more than I would make while training",
                "My daughter's daycare has a waitlist of 6 months",
                "Nobody to pick up my kids from school if I take a job with late hours",
            ],
            [
                "No tengo quien cuide a mis hijos mientras estudio",
                "El cuidado de niños es muy caro para mí",
                "Soy madre soltera y no tengo guardería para mis hijos",
                "La guardería cierra temprano y las clases son en la noche",
            ],
            ["childcare", "child care", "daycare for my kids", "no babysitter", "my kids"],
            ["cuidado de niños", "guardería", "mis hijos"],
        ),
        "transportation": _t(
            [
                "I don't have a car and the bus doesn't go to the training center",
                "The bus takes almost two hours each way",
                "My car broke down and I can't afford to fix it",
                "No reliable transportation to get to work on time",
                "The bus stops running at night so I can't get home after the late shift",
                "Gas is too expensive to drive to the hospital every day",
                "I live out in the county and there is no public transit",
                "I lost my license so I depend on rides from family",
            ],
            [
                "No tengo carro y el autobús no llega al centro de capacitación",
                "El transporte es muy difícil, el camión tarda mucho",
                "No tengo transporte para llegar al trabajo",
                "El autobús no pasa en la noche",
            ],
            ["transportation", "no car", "bus", "bus schedule", "no ride", "gas money"],
            ["transporte", "no tengo carro", "el autobús"],
        ),
        "schedule": _t(
            [
                "Classes are only during the day when I'm at work",
                "I work full time and the training schedule conflicts with my shifts",
                "My hours change every week so I can't commit to a class schedule",
                "I can't quit my job to go to school during the day",
                "The only classes are 9 to 3 on weekdays, that doesn't work with my job",
                "Rotating shifts make it impossible to attend regular classes",
            ],
            [
                "Trabajo de tiempo completo y los horarios de las clases no me funcionan",
                "Las clases son de día y yo trabajo de día",
                "Mi horario cambia cada semana",
            ],
            ["schedule", "work hours", "my shifts", "time", "class times conflict with work"],
            ["horario", "el trabajo", "no tengo tiempo"],
        ),
        "cost": _t(
            [
                "Tuition is too expensive and I can't take out loans",
                "I can't afford the program and I don't know about financial aid",
                "I need to keep earning money, I can't stop working to train",
                "The cost of books, uniforms and the exam fee adds up",
                "The CNA course costs $1,200 and I don't have that",
                "Money. I have bills and rent, I can't go without a paycheck",
            ],
            [
                "La colegiatura es muy cara y no puedo pagarla",
                "No tengo dinero para pagar el curso",
                "Necesito trabajar para pagar la renta, no puedo dejar de trabajar",
            ],
            ["money", "cost", "tuition", "cant afford it", "too expensive", "financial aid"],
            ["dinero", "es muy caro", "el costo"],
        ),
        "language": _t(
            [
                "My English is not good enough for the classes",
                "The classes are only in English and I speak Spanish",
                "Reading the textbook in English is hard for me",
                "I understand English but the test is very difficult in English",
            ],
            [
                "No hablo bien inglés y las clases son en inglés",
                "El idioma es mi mayor problema",
                "Necesito clases en español",
                "Me cuesta entender el inglés técnico del examen",
            ],
            ["english", "language", "the language barrier"],
            ["el idioma", "el inglés", "no hablo inglés"],
        ),
        "digital": _t(
            [
                "I don't have a computer at home and the classes are online",
                "My internet is bad and I only have my phone",
                "I don't know how to use the online application system",
                "Applying online is confusing, I'm not good with computers",
                "No wifi at home, I use the library but it closes early",
            ],
            [
                "No tengo computadora ni internet en casa",
                "Las solicitudes son en línea y no sé usar la computadora",
            ],
            ["no computer", "internet", "no wifi", "online applications"],
            ["no tengo internet", "la computadora"],
        ),
        "disability_health": _t(
            [
                "I have a disability and the building is not accessible",
                "My back injury makes lifting patients hard",
                "I have anxiety and big classrooms are hard for me",
                "Health problems, I have appointments every week",
                "I'm hard of hearing and the instructors don't caption videos",
            ],
            [
                "Tengo una discapacidad y es difícil encontrar trabajo",
                "Problemas de salud, tengo citas médicas cada semana",
            ],
            ["my health", "disability", "medical issues"],
            ["mi salud", "discapacidad"],
        ),
        "justice": _t(
            [
                "I have a record and employers won't hire me after the background check",
                "My felony from ten years ago still shows up on background checks",
                "Nobody calls back once they see my conviction",
                "I was incarcerated and can't get licensed for healthcare jobs",
            ],
            [
                "Tengo antecedentes penales y no me contratan",
            ],
            ["background check", "my record", "felony"],
            ["antecedentes penales"],
        ),
        "housing": _t(
            [
                "I'm staying with friends, I don't have stable housing right now",
                "We got evicted last month so training is not my priority",
                "Rent went up and I might have to move out of the area",
                "I'm homeless and it's hard to keep a schedule",
            ],
            [
                "No tengo vivienda estable ahora mismo",
                "La renta subió mucho y tal vez me tengo que mudar",
            ],
            ["housing", "rent", "no place to live"],
            ["la vivienda", "la renta"],
        ),
    },
    "career_help": {
        "evening_classes": _t(
            [
                "Evening or weekend classes so I can keep my job",
                "Night classes would help a lot",
                "Offer the program on Saturdays",
                "More flexible class times, maybe evenings",
                "Online classes I can do after my kids go to bed",
                "Hybrid classes, part online and part in person",
            ],
            [
                "Clases en la noche o los fines de semana",
                "Horarios flexibles para los que trabajamos",
                "Clases en línea que pueda tomar después del trabajo",
            ],
            ["night classes", "evening classes", "weekend classes", "flexible schedule", "online classes"],
            ["clases en la noche", "fines de semana"],
        ),
        "childcare_support": _t(
            [
                "Help paying for childcare while I'm in training",
                "Childcare on site during classes",
                "A daycare voucher would make it possible for me",
                "Child care assistance for single parents",
            ],
            [
                "Ayuda con el cuidado de niños durante las clases",
                "Guardería gratis mientras estudio",
            ],
            ["childcare help", "child care assistance", "daycare vouchers"],
            ["ayuda con guardería", "cuidado de niños"],
        ),
        "transport_support": _t(
            [
                "Bus passes for students",
                "Gas cards or help with transportation",
                "A shuttle from the bus station to the campus",
                "Free bus pass while I'm in the program",
                "Help fixing my car so I can get to clinicals",
            ],
            [
                "Pases de autobús gratis",
                "Ayuda con el transporte o la gasolina",
            ],
            ["bus pass", "bus passes", "gas cards", "transportation help"],
            ["pase de autobús", "transporte"],
        ),
        "paid_training": _t(
            [
                "Paid training, earn while you learn",
                "A stipend so I don't lose income while studying",
                "Apprenticeships where you get paid from day one",
                "If the hospital paid for the training and hired me after",
                "Scholarships that cover tuition and books",
            ],
            [
                "Capacitación pagada para poder seguir pagando mis gastos",
                "Becas para pagar el curso",
                "Que paguen mientras aprendemos",
            ],
            ["paid training", "stipend", "scholarships", "earn while you learn", "free tuition"],
            ["becas", "capacitación pagada"],
        ),
        "mentoring": _t(
            [
                "A mentor who has done the job and can guide me",
                "Someone to help me through the application process step by step",
                "A career coach to check in with me every week",
                "Talking to people who work in the hospital about what it's really like",
            ],
            [
                "Un mentor que me guíe en el proceso",
                "Alguien que me ayude con la solicitud paso a paso",
            ],
            ["a mentor", "career coach", "someone to guide me", "mentoring"],
            ["un mentor", "orientación"],
        ),
        "spanish_classes": _t(
            [
                "Classes in Spanish or with a bilingual instructor",
                "ESL classes together with the job training",
                "Materials in Spanish would help my family members",
            ],
            [
                "Clases en español por favor",
                "Clases de inglés junto con la capacitación",
                "Materiales en español y un maestro bilingüe",
            ],
            ["spanish classes", "ESL", "bilingual instructors"],
            ["clases en español", "clases de inglés"],
        ),
        "job_placement": _t(
            [
                "Help finding a job after I finish the certificate",
                "Connections with employers who are actually hiring",
                "Job fairs with the hospitals and clinics in the area",
                "A guaranteed interview when you complete the program",
            ],
            [
                "Ayuda para encontrar trabajo al terminar",
                "Conexiones con empleadores que estén contratando",
            ],
            ["job placement", "job fairs", "connections to employers"],
            ["ayuda para encontrar trabajo"],
        ),
    },
    "job_interest": {
        "cna": _t(
            [
                "CNA at a hospital or nursing home",
                "I want to be a certified nursing assistant",
                "Become a CNA and work my way up to nurse",
                "Nursing assistant, I already take care of my grandma",
                "CNA on the night shift so I can be home with my kids in the day",
                "Certified nursing assistant at Sunrise or another senior living place",
                "A CNA job with benefits",
            ],
            [
                "Asistente de enfermería (CNA)",
                "Quiero ser asistente de enfermería certificada",
                "Trabajar de CNA en un hospital",
                "Ser CNA y después enfermera",
            ],
            ["CNA", "cna", "nursing assistant", "certified nursing assistant", "CNA job"],
            ["CNA", "asistente de enfermería"],
        ),
        "medical_assistant": _t(
            [
                "Medical assistant in a clinic",
                "I would like to be a medical assistant at a doctor's office",
                "MA at a community health clinic, I like working with patients",
                "Medical assistant, bilingual if possible so I can help Spanish speaking patients",
                "Something like a medical assistant where I take vitals and help the doctor",
                "Clinical medical assistant",
            ],
            [
                "Asistente médico en una clínica",
                "Quiero trabajar como asistente médica",
                "Asistente médico bilingüe",
            ],
            ["medical assistant", "MA", "medical asst", "clinic medical assistant"],
            ["asistente médico", "asistente médica"],
        ),
        "nursing": _t(
            [
                "Registered nurse someday",
                "I want to be an RN but I need to start as an LPN",
                "LPN first, then go back for my RN",
                "Nurse in the emergency room",
                "Become a nurse like my mom",
                "Pediatric nurse",
                "LVN or LPN, whatever the program here is called",
                "RN in labor and delivery",
            ],
            [
                "Enfermera registrada algún día",
                "Quiero ser enfermera",
                "Enfermero en el hospital",
                "Primero LPN y luego enfermera registrada",
            ],
            ["RN", "nurse", "LPN", "registered nurse", "nursing", "LPN then RN"],
            ["enfermera", "enfermería", "enfermero"],
        ),
        "phlebotomy": _t(
            [
                "Phlebotomist, I heard the training is short",
                "Phlebotomy tech at a lab or hospital",
                "Drawing blood, a phlebotomy job",
                "Phlebotomy technician and later a lab tech",
                "I want to do phlebotomy at the blood bank",
            ],
            [
                "Flebotomista",
                "Sacar sangre en un laboratorio",
                "Técnico de flebotomía",
            ],
            ["phlebotomy", "phlebotomist", "phlebotomy tech", "drawing blood"],
            ["flebotomía", "flebotomista"],
        ),
        "pharmacy_tech": _t(
            [
                "Pharmacy technician",
                "Pharmacy tech at a hospital pharmacy",
                "Work in a pharmacy, maybe Walgreens or CVS to start",
                "Certified pharmacy technician",
                "Pharmacy tech because I like details and it's less physical",
            ],
            [
                "Técnico de farmacia",
                "Trabajar en una farmacia",
            ],
            ["pharmacy tech", "pharmacy technician", "pharmacy"],
            ["técnico de farmacia", "farmacia"],
        ),
        "home_health": _t(
            [
                "Home health aide",
                "Caregiver for elderly people in their homes",
                "Home care aide so I can set my own hours",
                "Personal care aide, I already do it for family without pay",
                "Home health, taking care of seniors",
            ],
            [
                "Cuidar personas mayores en su casa",
                "Cuidadora de ancianos",
                "Asistente de salud en el hogar",
            ],
            ["home health aide", "caregiver", "HHA", "home care"],
            ["cuidadora", "cuidado en casa"],
        ),
        "office_billing": _t(
            [
                "Medical billing and coding, I want to work from home",
                "Front desk at a clinic, patient registration",
                "Medical receptionist",
                "Unit secretary at the hospital",
                "Medical coder",
            ],
            [
                "Recepcionista en una clínica",
                "Facturación médica",
            ],
            ["medical billing", "billing and coding", "front desk", "medical receptionist"],
            ["recepcionista", "facturación médica"],
        ),
        "technician": _t(
            [
                "Surgical tech",
                "Sterile processing technician",
                "X-ray tech or radiology",
                "EMT and then paramedic",
                "Dental assistant",
                "Behavioral health technician",
            ],
            [
                "Técnico de rayos X",
                "Asistente dental",
                "Paramédico",
            ],
            ["surgical tech", "sterile processing", "xray tech", "EMT", "dental assistant"],
            ["asistente dental", "rayos x"],
        ),
        "undecided": _t(
            [
                "Not sure yet, anything in healthcare that pays the bills",
                "Any job in a hospital where I can grow",
                "I don't know which one, something helping people",
                "Whatever gets me a steady job with benefits",
                "Something in healthcare but not with blood",
            ],
            [
                "No sé todavía, algo en el área de la salud",
                "Cualquier trabajo en un hospital",
                "Algo para ayudar a la gente",
            ],
            ["not sure", "anything in healthcare", "dont know yet", "any hospital job"],
            ["no sé", "algo en salud"],
        ),
    },
    "employer_hiring": {
        "certification": _t(
            [
                "Applicants don't have the required certification (CNA, MA, phlebotomy)",
                "Most candidates lack their state license",
                "We can't find certified medical assistants",
                "Too few people finish the certification programs in our area",
                "Applicants are not certified and we can't afford to train them ourselves",
            ],
            [
                "Los candidatos no tienen la certificación requerida",
            ],
            ["lack of certification", "no license", "not certified"],
            ["falta de certificación"],
        ),
        "wages": _t(
            [
                "Competing with hospitals and retail that pay more",
                "Our wages can't match what the big systems offer",
                "Candidates leave for a dollar more an hour",
                "Pay expectations are higher than our reimbursement allows",
                "Amazon warehouses pay more than we can for entry level",
            ],
            [
                "Otros empleadores pagan más y perdemos candidatos",
            ],
            ["wages", "pay", "competition for workers", "salary"],
            ["salarios", "la paga"],
        ),
        "experience": _t(
            [
                "Applicants have no experience in a clinical setting",
                "New grads need a lot of hand holding in the first months",
                "Candidates lack real world experience with patients",
                "Nobody has long term care experience",
            ],
            [
                "Los solicitantes no tienen experiencia",
            ],
            ["no experience", "lack of experience", "inexperienced applicants"],
            ["sin experiencia"],
        ),
        "shifts": _t(
            [
                "Nobody wants nights and weekends",
                "Filling the overnight shift is nearly impossible",
                "Applicants want Monday to Friday 9 to 5 and we are 24/7",
                "Weekend and holiday coverage is our hardest gap",
            ],
            [
                "Nadie quiere trabajar en la noche ni los fines de semana",
            ],
            ["night shifts", "weekends", "shift coverage", "overnights"],
            ["turnos de noche"],
        ),
        "retention": _t(
            [
                "We hire people and they leave within 90 days",
                "Turnover is very high, we are always rehiring",
                "Burnout, people quit after a few months",
                "Keeping staff longer than a year is the real problem",
            ],
            [
                "La rotación de personal es muy alta",
            ],
            ["turnover", "retention", "burnout", "people quit"],
            ["rotación de personal"],
        ),
        "applicant_pool": _t(
            [
                "We just don't get enough applicants",
                "Very few people apply to our postings anymore",
                "Applicants don't show up to the interview",
                "Ghosting, candidates accept and then never start",
            ],
            [
                "No hay suficientes solicitantes",
            ],
            ["not enough applicants", "no shows", "small applicant pool"],
            ["pocos solicitantes"],
        ),
    },
    "employer_skills": {
        "communication": _t(
            [
                "Communication with patients and families",
                "Soft skills, talking to patients with empathy",
                "New hires struggle to communicate with the care team",
                "Professional communication, phone etiquette, customer service",
            ],
            [
                "Comunicación con los pacientes y sus familias",
            ],
            ["communication", "soft skills", "customer service"],
            ["comunicación"],
        ),
        "computer": _t(
            [
                "EHR documentation, they don't know Epic",
                "Basic computer skills and charting in the electronic health record",
                "Typing and using the scheduling software",
                "Documentation in the EMR is slow and full of errors",
            ],
            [
                "Manejo de la computadora y del expediente electrónico",
            ],
            ["computer skills", "EHR", "charting", "Epic", "documentation"],
            ["computación"],
        ),
        "clinical": _t(
            [
                "Taking vital signs correctly",
                "Clinical basics like infection control and safe patient transfers",
                "Medical terminology and basic anatomy",
                "Drawing blood, phlebotomy skills",
            ],
            [
                "Habilidades clínicas básicas como tomar signos vitales",
            ],
            ["vital signs", "clinical skills", "infection control", "medical terminology"],
            ["signos vitales"],
        ),
        "reliability": _t(
            [
                "Showing up on time every day",
                "Reliability and attendance",
                "Work ethic, calling out too often",
                "Being dependable and following through",
            ],
            [
                "Puntualidad y asistencia",
            ],
            ["attendance", "reliability", "work ethic", "punctuality"],
            ["puntualidad"],
        ),
        "bilingual": _t(
            [
                "We need more bilingual staff, Spanish especially",
                "Being able to speak Spanish with our patients",
                "Bilingual medical assistants are hard to find",
            ],
            [
                "Necesitamos personal bilingüe",
            ],
            ["bilingual", "spanish speakers"],
            ["bilingüe"],
        ),
    },
    "training_change": {
        "more_hands_on": _t(
            [
                "More hands on practice and less lecture",
                "More clinical hours in a real hospital",
                "We needed more time in the skills lab before clinicals",
                "Practice with real equipment instead of videos",
            ],
            [
                "Más práctica y menos teoría",
                "Más horas de práctica en el hospital",
            ],
            ["more hands on", "more practice", "more clinicals"],
            ["más práctica"],
        ),
        "schedule_change": _t(
            [
                "Offer it at night so working people can attend",
                "Shorter program, 12 weeks felt too long",
                "Let us do the theory part online",
                "Start dates more often, I waited 4 months",
            ],
            [
                "Ofrecer el curso en la noche",
                "Que el programa sea más corto",
            ],
            ["night option", "shorter program", "online theory"],
            ["horario de noche"],
        ),
        "instructors": _t(
            [
                "Instructors who actually work in the field",
                "The teacher went too fast and didn't answer questions",
                "More instructors so classes are smaller",
                "Better teachers, some just read the slides",
            ],
            [
                "Mejores maestros que expliquen con paciencia",
            ],
            ["better instructors", "smaller classes", "teachers"],
            ["los maestros"],
        ),
        "job_connection": _t(
            [
                "Connect us with employers before we graduate",
                "Help with resumes and interviews at the end",
                "A job guarantee with partner hospitals",
            ],
            [
                "Conectarnos con empleadores antes de graduarnos",
            ],
            ["job placement", "resume help", "employer connections"],
            ["ayuda con el empleo"],
        ),
        "cost_support": _t(
            [
                "Cover the exam fee, it was a surprise at the end",
                "Include books and scrubs in the tuition",
                "More scholarships for people like me",
            ],
            [
                "Que incluyan el costo del examen",
            ],
            ["exam fee", "cost of books", "scholarships"],
            ["el costo del examen"],
        ),
    },
    "service_experience": {
        "helpful_staff": _t(
            [
                "The staff were kind and really listened to me",
                "My case manager was great, she called me back every time",
                "Everyone was friendly and helpful",
                "I felt respected, they treated me like a person",
            ],
            [
                "El personal fue muy amable y me escuchó",
                "Mi consejera me ayudó mucho",
            ],
            ["great staff", "very helpful", "friendly people", "loved it"],
            ["muy amables", "excelente servicio"],
        ),
        "waiting": _t(
            [
                "I waited weeks to hear back after my appointment",
                "Nobody answered the phone, I left three voicemails",
                "The wait at the office was over two hours",
                "It took a month to get my first appointment",
            ],
            [
                "Esperé semanas para que me llamaran",
                "Nadie contestaba el teléfono",
            ],
            ["long wait", "slow response", "no call back"],
            ["mucha espera"],
        ),
        "paperwork": _t(
            [
                "Too much paperwork and they kept asking for the same documents",
                "The forms were confusing and only in English",
                "I had to bring the same papers three times",
            ],
            [
                "Demasiado papeleo y piden los mismos documentos",
            ],
            ["paperwork", "too many forms", "confusing forms"],
            ["mucho papeleo"],
        ),
        "confusing_process": _t(
            [
                "I didn't know what the next step was",
                "Nobody explained how the program works or what I qualify for",
                "Every person told me something different",
            ],
            [
                "Nadie me explicó cuál era el siguiente paso",
            ],
            ["confusing", "didnt know next steps", "mixed messages"],
            ["confuso"],
        ),
    },
}

TOPICS: tuple[str, ...] = tuple(_BANK)
"""The topics :func:`open_answers` knows, one per survey question."""

THEMES: dict[str, tuple[str, ...]] = {topic: tuple(themes) for topic, themes in _BANK.items()}
"""Each topic's themes, as :func:`labelled_open_answers` names them, most common first."""

_NON_ANSWERS = (
    "n/a",
    "N/A",
    "na",
    "none",
    "None",
    "nothing",
    "Nothing.",
    "idk",
    "IDK",
    "-",
    ".",
    "no",
    "no comment",
    "not sure",
    "?",
    "👍",
    "🤷",
    "🙂🙂",
    "asdf",
    "...",
    "no se",
    "nada",
    "ninguno",
    "x",
)

_EN_OPENERS = (
    "",
    "",
    "",
    "",
    "Honestly ",
    "I think ",
    "For me ",
    "Mostly ",
    "Well ",
    "The main thing is ",
    "Probably ",
)
_EN_CLOSERS = ("", "", "", "", ".", ".", "!", " tbh", " lol", " thats it", ". Thank you", " I guess", "..")
_ES_OPENERS = ("", "", "", "Pues ", "Para mí ", "La verdad ", "Creo que ")
_ES_CLOSERS = ("", "", ".", ".", " gracias", "!")
_JOINERS_EN = (" and ", ". Also ", ", plus ", " and also ", ". ")
_JOINERS_ES = (" y ", ". También ", ", además ")

_FIRST_NAMES = ("maria", "jose", "ashley", "devon", "keisha", "luis", "tran", "sam")
_DOMAINS = ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com")


def _typo(word: str, rng: random.Random) -> str:
    """One phone-style slip: a dropped, doubled or swapped letter."""
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1 :]
    if kind < 0.7:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def _phone_style(text: str, rng: random.Random) -> str:
    """Lower-case, drop apostrophes, add a typo or two: how many answers arrive from phones."""
    if rng.random() < 0.5:
        text = text.lower()
    if rng.random() < 0.5:
        text = text.replace("'", "").replace(",", "")
    words = text.split(" ")
    for _ in range(rng.choice((0, 1, 1, 2))):
        j = rng.randrange(len(words))
        words[j] = _typo(words[j], rng)
    return " ".join(words)


def _pii(rng: random.Random) -> str:
    name = rng.choice(_FIRST_NAMES)
    if rng.random() < 0.5:
        number = f"{rng.randint(200, 989)}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
        return rng.choice((f" call me at {number}", f". My number is ({number[:3]}) {number[4:]}"))
    email = f"{name}{rng.randint(1, 99)}@{rng.choice(_DOMAINS)}"
    return rng.choice((f" you can email me at {email}", f". Contact: {email}"))


def _lower_first(text: str) -> str:
    """The text as it reads mid-sentence: "Night classes" becomes "night classes", but "CNA" stays."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _phrase(theme: _Theme, spanish: bool, rng: random.Random) -> str:
    if spanish:
        pool = theme.short_es if rng.random() < 0.3 else theme.es
    else:
        pool = theme.short_en if rng.random() < 0.3 else theme.en
    return rng.choice(pool)


def labelled_open_answers(
    topic: str, n: int, rng: random.Random, spanish_share: float = 0.15
) -> list[tuple[str, str, str | None]]:
    """Make answers like :func:`open_answers`, each with the theme it was drawn from.

    Args:
        topic: one of :data:`TOPICS`.
        n: how many answers to make.
        rng: the source of randomness; the same seed gives the same answers.
        spanish_share: the expected share of answers written in Spanish.

    Returns:
        ``(text, language, theme)`` triples. ``theme`` is the key of the first theme the answer speaks
        of (a multi-theme answer names its first), or ``None`` for a non-answer.

    Raises:
        ValueError: for an unknown topic, a negative ``n`` or a share outside [0, 1].
    """
    if topic not in _BANK:
        raise ValueError(f"Unknown topic {topic!r}; choose one of: {', '.join(TOPICS)}.")
    if n < 0:
        raise ValueError("n must be zero or more.")
    if not 0.0 <= spanish_share <= 1.0:
        raise ValueError("spanish_share must be between 0 and 1.")
    themes = _BANK[topic]
    keys = list(themes)
    # Real concerns are not equally common: a few dominate, a long tail matters to fewer people.
    weights = [1.0 / (rank + 1) ** 0.7 for rank in range(len(keys))]
    out: list[tuple[str, str, str | None]] = []
    for _ in range(n):
        spanish = rng.random() < spanish_share
        language = "es" if spanish else "en"
        if rng.random() < 0.05:
            out.append((rng.choice(_NON_ANSWERS), language, None))
            continue
        first = rng.choices(keys, weights)[0]
        text = _phrase(themes[first], spanish, rng)
        if rng.random() < 0.15:
            second = rng.choice([k for k in keys if k != first])
            joiner = rng.choice(_JOINERS_ES if spanish else _JOINERS_EN)
            other = _phrase(themes[second], spanish, rng)
            text = text + joiner + _lower_first(other)
        openers, closers = (_ES_OPENERS, _ES_CLOSERS) if spanish else (_EN_OPENERS, _EN_CLOSERS)
        opener = rng.choice(openers)
        if opener:
            text = opener + _lower_first(text)
        text = text + rng.choice(closers)
        if rng.random() < 0.45:
            text = _phone_style(text, rng)
        if rng.random() < 0.02:
            text = text + _pii(rng)
        out.append((text, language, first))
    return out


def open_answers(
    topic: str, n: int, rng: random.Random, spanish_share: float = 0.15
) -> list[tuple[str, str]]:
    """Make ``n`` realistic open-ended answers to one survey question.

    Args:
        topic: the question, one of :data:`TOPICS` ("career_barriers", "career_help", "job_interest",
            "employer_hiring", "employer_skills", "training_change", "service_experience").
        n: how many answers to make.
        rng: the source of randomness, so a demo or test gets the same answers for the same seed.
        spanish_share: the expected share of answers written in Spanish.

    Returns:
        ``(text, language)`` pairs, with language ``"en"`` or ``"es"``.

    Raises:
        ValueError: for an unknown topic, a negative ``n`` or a share outside [0, 1].
    """
    return [(text, language) for text, language, _ in labelled_open_answers(topic, n, rng, spanish_share)]
