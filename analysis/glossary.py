"""A Spanish→English glossary of the words people use about work, training, services and daily life.

Answers in two languages share almost no words, so a word-count representation puts "no tengo quien cuide
a mis niños" and "no childcare" in different themes, and a partnership ends up reading its Spanish
speakers' concerns as a separate, smaller story. Mapping the common Spanish content words of this domain
onto their English lemmas lets one theme hold both languages, while the answer, its quotes and the way
each word was written stay in Spanish.

The list covers the everyday vocabulary of barriers, help, training, hiring, skills and service
experience (family, transport, time, money, language, technology, documents, health work, housing,
treatment). It is deliberately plain and one-to-one: a word with another common sense is left out rather
than guessed ("tarde" is afternoon and late, "camión" a bus in Mexico and a truck elsewhere), and no entry
is a stopword on either side, since such an entry would give Spanish answers a token English ones never
keep. Extend it with :func:`spanish_to_english`'s ``extra`` argument.

Since the default install ships a multilingual word table (:mod:`analysis.static_vectors`), Spanish and
English answers share themes without the glossary too (77 % of themes mixed at the true k on held-out
generated answers, against none). The glossary is kept because it still measurably helps there: AMI
52.6 with it against 45.9 without at the true k, 48.6 against 43.3 with automatic k
(``benchmarks/bilingual_themes.py``); it also gives the labels and key terms their shared words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

__all__ = ["ENGLISH_VARIANTS", "SPANISH_TO_ENGLISH", "gloss", "spanish_to_english"]

# Spanish word (any inflection simplemma lemmatizes to the same lemma) → English word (likewise).
# fmt: off
SPANISH_TO_ENGLISH: dict[str, str] = {
    # family and care
    "niño": "child", "niña": "child", "hijo": "child", "hija": "child", "bebé": "baby", "familia": "family",
    "madre": "mother", "padre": "father", "mamá": "mother", "papá": "father", "guardería": "childcare",
    "niñera": "babysitter", "cuidar": "care", "cuidado": "care", "cuidadora": "caregiver", "cuidador":
    "caregiver", "escuela": "school", "soltero": "single", "soltera": "single", "embarazo": "pregnancy",
    "embarazada": "pregnant", "anciano": "elderly", "abuela": "grandmother",
    # transport
    "transporte": "transportation", "autobús": "bus", "bus": "bus", "carro": "car", "coche": "car", "auto":
    "car", "gasolina": "gas", "licencia": "license", "manejar": "drive", "conducir": "drive", "ruta":
    "route", "parada": "stop", "viaje": "trip", "lejos": "far", "distancia": "distance", "bicicleta":
    "bike", "estacionamiento": "parking", "raite": "ride", "finde": "weekend", "aventón": "ride", "pase":
    "pass",
    # time and schedules
    "horario": "schedule", "hora": "hour", "noche": "night", "nocturno": "night", "semana": "week",
    "sábado": "saturday", "domingo": "sunday", "tiempo": "time", "turno": "shift", "flexible": "flexible",
    "temprano": "early", "mes": "month", "día": "day", "año": "year", "rápido": "fast", "lento": "slow",
    "cita": "appointment",
    # money
    "dinero": "money", "pagar": "pay", "pago": "pay", "paga": "pay", "costo": "cost", "costar": "cost",
    "caro": "expensive", "precio": "price", "gratis": "free", "gratuito": "free", "beca": "scholarship",
    "colegiatura": "tuition", "matrícula": "tuition", "salario": "wage", "sueldo": "wage", "ingreso":
    "income", "renta": "rent", "alquiler": "rent", "deuda": "debt", "factura": "bill", "préstamo": "loan",
    "gasto": "expense", "comida": "food", "apoyo": "support", "financiero": "financial",
    "económico": "financial", "libro": "book", "material": "material", "uniforme": "uniform", "herramienta":
    "tool",
    # training and school
    "clase": "class", "curso": "course", "capacitación": "training", "entrenamiento": "training",
    "programa": "program", "estudiar": "study", "estudio": "study", "estudiante": "student", "maestro":
    "teacher", "maestra": "teacher", "profesor": "teacher", "instructor": "instructor", "examen": "exam",
    "prueba": "test", "certificación": "certification", "certificado": "certificate", "título": "degree",
    "diploma": "diploma", "universidad": "college", "práctica": "practice", "teoría": "theory", "aprender":
    "learn", "enseñar": "teach", "tutor": "tutor", "tutoría": "tutoring", "mentor": "mentor", "consejero":
    "counselor", "orientación": "orientation", "taller": "workshop", "inscripción": "enrollment",
    "inscribir": "enroll", "graduar": "graduate", "graduación": "graduation", "aprendiz": "apprentice",
    "aprendizaje": "apprenticeship", "pasantía": "internship", "requisito": "requirement", "requerir":
    "require", "nivel": "level", "habilidad": "skill", "destreza": "skill", "conocimiento": "knowledge",
    "experiencia": "experience", "lectura": "reading", "matemáticas": "math", "ged": "ged",
    # language
    "inglés": "english", "español": "spanish", "idioma": "language", "lengua": "language", "bilingüe":
    "bilingual", "traducción": "translation", "traductor": "translator", "intérprete": "interpreter",
    "acento": "accent", "hablar": "speak", "entender": "understand", "escribir": "write", "leer": "read",
    "explicar": "explain", "explicación": "explanation", "comunicación": "communication", "comunicar":
    "communicate", "escuchar": "listen", "pregunta": "question", "preguntar": "ask", "respuesta": "answer",
    "responder": "answer", "contestar": "answer", "llamar": "call", "llamada": "call", "mensaje": "message",
    # technology
    "computadora": "computer", "computador": "computer", "computación": "computer", "internet": "internet",
    "teléfono": "phone", "celular": "phone", "correo": "email", "electrónico": "electronic", "digital":
    "digital", "aplicación": "app", "portal": "portal", "contraseña": "password", "página": "website",
    "tecnología": "technology", "sistema": "system",
    # work and hiring
    "trabajo": "job", "trabajar": "work", "empleo": "job", "empleador": "employer", "empresa": "company",
    "jefe": "boss", "supervisor": "supervisor", "gerente": "manager", "contratar": "hire", "contratación":
    "hiring", "solicitud": "application", "aplicar": "apply", "solicitar": "apply", "solicitante":
    "applicant", "candidato": "candidate", "entrevista": "interview", "currículum": "resume", "currículo":
    "resume", "puesto": "position", "vacante": "opening", "empleado": "employee", "trabajador": "worker",
    "compañero": "coworker", "feria": "fair", "carrera": "career", "ascenso": "promotion", "promoción":
    "promotion", "beneficio": "benefit", "rotación": "turnover", "retener": "retain", "puntualidad":
    "punctuality", "puntual": "punctual", "actitud": "attitude", "responsabilidad": "responsibility", "confianza": "confidence", "paciencia":
    "patience", "respeto": "respect", "respetar": "respect", "profesional": "professional", "red":
    "network", "conexión": "connection", "contacto": "contact", "referencia": "reference", "sindicato":
    "union",
    # health work
    "salud": "health", "hospital": "hospital", "clínica": "clinic", "clínico": "clinical", "paciente":
    "patient", "enfermero": "nurse", "enfermera": "nurse", "enfermería": "nursing", "médico": "doctor",
    "doctor": "doctor", "asistente": "assistant", "farmacia": "pharmacy", "vital": "vital", "expediente":
    "record", "registro": "record", "documentación": "documentation", "medicamento": "medication",
    "medicina": "medicine", "infección": "infection", "flebotomía": "phlebotomy", "sangre": "blood",
    "terapia": "therapy", "dental": "dental", "hogar": "home", "casa": "home",
    # documents, law and status
    "documento": "document", "papeleo": "paperwork", "papel": "paper", "formulario": "form",
    "identificación": "id", "antecedente": "background", "penal": "criminal", "récord": "record", "cárcel":
    "jail", "prisión": "prison", "inmigración": "immigration", "migratorio": "immigration", "ciudadanía":
    "citizenship", "social": "social",
    # housing, health and other barriers
    "vivienda": "housing", "mudar": "move", "desalojo": "eviction", "discapacidad": "disability",
    "enfermedad": "illness", "enfermo": "sick", "mental": "mental", "estrés": "stress", "ansiedad":
    "anxiety", "depresión": "depression", "miedo": "fear", "edad": "age", "discriminación":
    "discrimination", "racismo": "racism",
    # service experience
    "servicio": "service", "atención": "attention", "grosero": "rude", "difícil": "hard", "fácil": "easy",
    "confuso": "confusing", "proceso": "process", "paso": "step", "información": "information", "oficina":
    "office", "centro": "center", "cerrar": "close", "abrir": "open", "seguimiento": "followup",
    "excelente": "excellent", "malo": "bad", "peor": "worse", "problema": "problem", "queja": "complaint",
    "esperar": "wait", "espera": "wait", "amable": "friendly", "perder": "lose",
    "opción": "option", "oportunidad": "opportunity", "recurso": "resource", "falta": "lack", "faltar":
    "lack", "suficiente": "enough",
}
# fmt: on

ENGLISH_VARIANTS: dict[str, str] = {"kid": "child", "kiddo": "child", "youngster": "child"}
"""English words that name the same thing as a glossary target, so "my kids" meets "mis hijos"."""

_WORDS = re.compile(r"[^\W\d_]+")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _built_in() -> dict[str, str]:
    return _lemmatized(SPANISH_TO_ENGLISH)


def spanish_to_english(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the glossary keyed by accent-folded Spanish lemma, valued by folded English lemma.

    Both sides go through the same lemmatizer the text step uses, so "niños" and "children" meet at
    "child". ``extra`` adds to or overrides the built-in entries, written in plain words (any inflection).
    """
    table = dict(_built_in())
    if extra:
        table.update(_lemmatized(extra))
    return table


def _lemmatized(pairs: Mapping[str, str]) -> dict[str, str]:
    from simplemma import Lemmatizer
    from simplemma.strategies import DictionaryLookupStrategy

    lemmatize = Lemmatizer(lemmatization_strategy=DictionaryLookupStrategy()).lemmatize
    table: dict[str, str] = {}
    for es, en in pairs.items():
        target = _fold(lemmatize(en.lower(), lang="en"))
        for form in (_fold(lemmatize(es.lower(), lang="es")), _fold(es)):
            table.setdefault(form, target)
    return table


def gloss(text: str, extra: Mapping[str, str] | None = None) -> list[str]:
    """The English words the glossary gives for the Spanish content words of ``text``, in order, once each.

    A word-by-word gloss, not a translation: it lets an English reader see what a Spanish theme name is
    about ("Citas médicas cada semana" → appointment, doctor, week). Words the glossary does not know,
    and stopwords, are left out; an empty list means the glossary knows none of them.
    """
    if extra is None:
        return list(_gloss_with_the_glossary(text))  # labels ask for the same words thousands of times
    return _gloss(text, spanish_to_english(extra))


@lru_cache(maxsize=65536)
def _gloss_with_the_glossary(text: str) -> tuple[str, ...]:
    return tuple(_gloss(text, spanish_to_english()))


def _gloss(text: str, table: Mapping[str, str]) -> list[str]:
    lemmatize = _spanish_lemmatizer()
    words: list[str] = []
    for word in _WORDS.findall(text.lower()):
        english = table.get(_fold(lemmatize(word, lang="es"))) or table.get(_fold(word))
        if english and english not in words:
            words.append(english)
    return words


@lru_cache(maxsize=1)
def _spanish_lemmatizer():
    from simplemma import Lemmatizer
    from simplemma.strategies import DictionaryLookupStrategy

    return Lemmatizer(lemmatization_strategy=DictionaryLookupStrategy()).lemmatize
