"""What the demo's respondents say: per-theme vocabularies in English and Spanish, and nothing else.

:mod:`feedback.demo.open_answers` composes answers from these tables; this module only holds them. Each
theme has, per language, four kinds of parts, one phrasing per line:

- ``says``: the concern stated on its own (a whole answer for many people);
- ``details``: a concrete detail that can follow any of the theme's ``says``;
- ``so``: a consequence or a piece of context that can follow too;
- ``short``: what people type when they type one to three words.

Two small notations make one line stand for many phrasings: ``[a|b|c]`` picks one alternative (an empty
alternative, ``[a|]``, makes the words optional) and ``{slot}`` draws from the language's shared
vocabulary in :data:`SLOTS` (children, times, money, jobs, places). Every alternative must read well in
its place, so a line never turns into word salad.

Spanish is written as Mexican and Central American career seekers in the US write it: "carro", "camión"
for a bus, "aplicar", "la renta", "el raite", and English words where people use them ("el daycare",
"los shifts", "el training").
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FEELINGS", "PREAMBLES", "SLOTS", "TOPICS", "ThemeBank", "Topic", "Voice"]


@dataclass(frozen=True)
class Voice:
    """One theme in one language: the parts an answer is composed of (see the module docstring)."""

    says: tuple[str, ...]
    details: tuple[str, ...]
    so: tuple[str, ...]
    short: tuple[str, ...]


@dataclass(frozen=True)
class ThemeBank:
    """One concern, as English and Spanish speakers put it."""

    en: Voice
    es: Voice


@dataclass(frozen=True)
class Topic:
    """One survey question: who answers it (which decides how long answers begin) and its themes."""

    audience: str
    themes: dict[str, ThemeBank]


def _lines(block: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())


def _voice(says: str, details: str = "", so: str = "", short: str = "") -> Voice:
    return Voice(_lines(says), _lines(details), _lines(so), _lines(short))


def _theme(en: Voice, es: Voice) -> ThemeBank:
    return ThemeBank(en, es)


SLOTS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "kids": _lines("""
            two kids
            2 kids
            three kids
            3 little kids
            a son and a daughter
            two boys
            twin girls
            four kids
            two small kids
            three kids under 6
        """),
        "child": _lines("""
            my son
            my daughter
            my youngest
            my little one
            my baby
            my 4 year old
        """),
        "time": _lines("""
            5
            5:30
            6
            6pm
            5 pm
        """),
        "week_cost": _lines("""
            $200
            $250
            $275
            $300
            $350
            almost $400
        """),
        "old_job": _lines("""
            fast food
            a warehouse
            retail
            cleaning offices
            a call center
            a restaurant kitchen
            the fields
            a hotel doing housekeeping
            Dollar General
            a daycare
        """),
        "program": _lines("""
            CNA
            medical assistant
            phlebotomy
            pharmacy tech
            MA
        """),
        "facility": _lines("""
            skilled nursing facility
            home health agency
            family clinic
            assisted living community
            dental office
            rural hospital
            community health center
            memory care home
        """),
        "months": _lines("""
            3 months
            six months
            almost a year
            4 months
            two months
        """),
        "years": _lines("""
            2
            3
            five
            6
            ten
            12
        """),
        "age": _lines("""
            24
            31
            38
            45
            52
            19
        """),
        "town": _lines("""
            out past the county line
            in a small town 30 miles away
            on the east side
            out by the farms
            in the valley
        """),
    },
    "es": {
        "hijos": _lines("""
            dos hijos
            tres hijos
            2 hijos
            mis dos hijos
            cuatro hijos
            tres hijos chiquitos
            un hijo de 3 años
            dos hijas
        """),
        "hijo": _lines("""
            mi hijo
            mi hija
            el más chiquito
            la bebé
            mi niña
        """),
        "hora": _lines("""
            5
            5:30
            6
            las 6 de la tarde
        """),
        "dinero_semana": _lines("""
            $200
            $250
            $300
            casi $350
        """),
        "trabajo_antes": _lines("""
            la limpieza
            un restaurante
            el campo
            una fábrica
            un hotel
            una bodega
            la construcción
            cuidando niños
        """),
        "programa": _lines("""
            CNA
            asistente médico
            flebotomía
            técnico de farmacia
        """),
        "lugar": _lines("""
            México
            Guatemala
            El Salvador
            Honduras
            Michoacán
            Oaxaca
        """),
        "meses": _lines("""
            tres meses
            seis meses
            casi un año
            dos meses
        """),
        "anos": _lines("""
            2
            3
            cinco
            8
            diez
        """),
        "facility_es": _lines("""
            clínica familiar
            agencia de cuidado en casa
            residencia para ancianos
            clínica dental
        """),
    },
}
"""Shared vocabulary per language; ``{name}`` in a phrasing draws one of ``SLOTS[language][name]``."""


PREAMBLES: dict[str, dict[str, tuple[str, ...]]] = {
    "seeker": {
        "en": _lines("""
            I'm a {age} year old mom of {kids}.
            I've been working in {old_job} for {years} years and I want something better.
            I used to work at {old_job} but I want a career in healthcare.
            I'm {age} and I've been trying to get into healthcare for a while.
            I moved here {years} years ago and I'm starting over.
            I'm a single dad, {age}, working at {old_job} right now.
            I got laid off from {old_job} in the spring.
            I started the {program} program last year.
            I've taken care of my grandmother for {years} years so I know I like this kind of work.
        """),
        "es": _lines("""
            Tengo {hijos} y trabajo en {trabajo_antes}.
            Llegué de {lugar} hace {anos} años y quiero superarme.
            Trabajé {anos} años en {trabajo_antes} y quiero algo mejor.
            Soy madre soltera y trabajo en {trabajo_antes} de lunes a sábado.
            Vengo de {lugar} y allá era enfermera pero aquí no vale mi título.
            Me inscribí en el programa de {programa} el año pasado.
            Tengo {anos} años aquí y siempre he trabajado en {trabajo_antes}.
        """),
    },
    "employer": {
        "en": _lines("""
            We're a {facility} with about 60 employees.
            I'm the HR manager for a {facility}.
            I run the front office at a {facility}.
            As a small {facility} we have a hard time competing.
            We've had openings posted for {months} now.
            I've been hiring for our {facility} for {years} years and it's the worst I've seen.
        """),
        "es": _lines("""
            Tenemos una {facility_es} con unos 30 empleados.
            Soy la gerente de una {facility_es}.
            Llevamos {meses} con puestos abiertos.
        """),
    },
    "learner": {
        "en": _lines("""
            I finished the {program} program this spring.
            I did the {program} class at Mesa College.
            I'm halfway through the {program} course.
            I completed the program and passed my exam on the second try.
            I took the {program} training while working full time.
        """),
        "es": _lines("""
            Terminé el curso de {programa} en la primavera.
            Tomé la clase de {programa} en Mesa College.
            Voy a la mitad del programa de {programa}.
            Hice el training de {programa} mientras trabajaba.
        """),
    },
    "client": {
        "en": _lines("""
            I came in looking for help finding a job.
            I went to the job center in the spring after I got laid off.
            I signed up for the {program} program through your office.
            My friend told me about you and I came in {months} ago.
            I was referred by my case worker at the county.
        """),
        "es": _lines("""
            Fui a la oficina a buscar ayuda para encontrar trabajo.
            Una amiga me recomendó venir y fui hace {meses}.
            Me inscribí en el programa de {programa} con ustedes.
            Me mandaron de la oficina del condado.
        """),
    },
}
"""Openings of long answers, per audience and language: who is answering, before what they say."""

FEELINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "career_barriers": {
        "en": _lines("""
            It's really frustrating
            I really want to work in healthcare [though|but I feel stuck]
            I'm not giving up though
            Any help would be appreciated
            It feels like I'm stuck
            I just want a better job for my family
            I've been trying for a long time
        """),
        "es": _lines("""
            Es muy frustrante
            Pero sí quiero salir adelante
            Ojalá me puedan ayudar
            Me siento atorada
            Quiero algo mejor para mi familia
            Gracias por preguntar
        """),
    },
    "career_help": {
        "en": _lines("""
            That would make a huge difference
            That's really what I need
            Then I could actually finish
            It would help a lot of people like me
            Thank you
        """),
        "es": _lines("""
            Eso me ayudaría muchísimo
            Así sí podría terminar
            Eso es lo que más necesito
            Muchas gracias
        """),
    },
    "job_interest": {
        "en": _lines("""
            I like helping people
            I want something stable with benefits
            I want my kids to see me do it
            I'm good with people
            I want a career, not just a job
        """),
        "es": _lines("""
            Me gusta ayudar a la gente
            Quiero un trabajo estable con beneficios
            Quiero que mis hijos vean que sí se puede
            Siempre me ha gustado cuidar a las personas
        """),
    },
    "employer_hiring": {
        "en": _lines("""
            It's been a rough couple of years
            Our current staff are burned out covering the gaps
            We've had to turn away patients
            We're open to partnering on this
        """),
        "es": _lines("""
            Ha sido muy difícil
            El personal que tenemos está muy cansado
        """),
    },
    "employer_skills": {
        "en": _lines("""
            We end up training this ourselves
            It slows the whole team down
            We'd hire more people if they came in with this
            That's the gap we see most
        """),
        "es": _lines("""
            Al final lo tenemos que enseñar nosotros
            Eso es lo que más falta
        """),
    },
    "training_change": {
        "en": _lines("""
            Overall it was a good program though
            I learned a lot anyway
            Just my opinion
            I'd still recommend it
        """),
        "es": _lines("""
            Pero en general me gustó
            Sí aprendí mucho
            Es mi opinión
        """),
    },
    "service_experience": {
        "en": _lines("""
            Thanks for asking
            Just being honest
        """),
        "es": _lines("""
            Gracias por preguntar
            Es mi opinión
        """),
    },
}
"""Closing feelings per topic and language; they fit every theme of their topic."""


_CAREER_BARRIERS = {
    "childcare": _theme(
        en=_voice(
            says="""
                I have {kids} and [no one|nobody] to watch them [while I'm in class|when I'd be at work]
                I have {kids} and no one to watch them [during clinicals|in the evenings]
                [Finding|Getting] [childcare|child care|daycare] I can afford is [the biggest problem|the hardest part]
                [Finding|Getting] [daycare|child care] that [I can actually pay for|isn't crazy expensive] is my biggest barrier
                [Daycare|My kids' daycare] closes at {time} and [the classes go until 8|my shift would end at 7]
                I'm a single [mom|mother|dad|parent] so [childcare|child care|who watches my kids] is always the issue
                [No|I don't have a] babysitter [in the evenings|at night|on weekends] and my kids are [little|too young to stay alone]
                [Child care|Childcare|Daycare] costs more than I [would make|would earn|make] [while training|in a month|as a CNA]
                [My daughter's|My son's|The] daycare has a [waitlist|waiting list] of {months}
                Nobody to pick up my kids from school if I [take a job with late hours|work second shift|go to class after work]
                Who would watch my kids?
                My kids [come first|are my priority] and I can't leave them [alone|with just anyone]
                [Childcare|Child care|Daycare] for {kids}, it's [too expensive|not affordable|impossible to find]
                I lost my [babysitter|daycare spot|childcare] and had to [quit|stop going to class|drop the course]
                My [mom|sister|grandma] [used to watch|was watching] my kids but she [got a job|moved away|is sick now]
                Finding someone to watch my [kids|son|daughter] [for night shifts|on weekends|overnight] is [hard|impossible]
                There's no daycare open early enough for a 7am shift
                I have {kids} at home
                Being a single mom of {kids} with no help
            """,
            details="""
                Daycare near me is {week_cost} a week [for one kid|per child|]
                The state childcare assistance waitlist is [months|over a year] long
                [My husband|My partner|Their dad] works nights so [he can't help|it's all on me]
                My family [lives in Mexico|lives far away|works too], so there's no one to ask
                {child} has special needs and most places [won't take him|can't handle that]
                Summer is the worst because school is out
                After school programs [are full|end at 5|cost too much]
                I called [six|eight|like ten] places and none had openings for {child}
                {child} gets sick a lot and daycare sends [him|her] home
            """,
            so="""
                I had to drop out of the {program} [class|program] [last year|last semester|twice]
                I [turned down|had to say no to] a job at [the nursing home|the hospital|a clinic] because of it
                [So right now|So] I can only work [while they're in school|9 to 2|part time]
                So I can't start any training right now
                I've missed [class|work] [a lot|too many times] because of it
            """,
            short="""
                childcare
                child care
                daycare
                my kids
                babysitter
                daycare $$
                kids
                no childcare
            """,
        ),
        es=_voice(
            says="""
                Tengo {hijos} y no tengo quién me los cuide [mientras estudio|cuando trabajo|en la noche]
                No tengo quién cuide a mis hijos [mientras estoy en clase|en las tardes|los fines de semana]
                La guardería [es muy cara|cuesta mucho|está carísima] [y no me alcanza|para lo que gano|]
                Soy madre soltera y [el cuidado de mis hijos|la guardería] es [mi mayor problema|lo más difícil]
                La guardería cierra a las {hora} y [las clases terminan a las 8|salgo del trabajo más tarde]
                No [encuentro|hay] [daycare|guardería] [para mis hijos|cerca de mi casa] [que pueda pagar|con espacio|]
                [Mi mamá|Mi suegra|Mi hermana] me cuidaba a mis hijos pero [ya no puede|se regresó a {lugar}|ahora trabaja]
                El cuidado de [los niños|mis hijos] [es muy caro|sale más caro de lo que gano]
                No puedo dejar a mis hijos solos [y no tengo babysitter|en la noche]
                Con {hijos} chiquitos no puedo [tomar clases|trabajar de noche|hacer el training]
                ¿Quién me cuida a mis hijos?
                Mis hijos [están chiquitos|son mi prioridad] y no tengo [guardería|quién me ayude]
            """,
            details="""
                La guardería cobra {dinero_semana} a la semana [por cada niño|]
                Mi esposo trabaja [en la noche|todo el día|en la construcción] y [no me puede ayudar|todo me toca a mí]
                Mi familia está en {lugar} y aquí no tengo a nadie
                Estoy en la lista de espera [del programa del estado|para la ayuda de guardería] desde hace {meses}
                En el verano es peor porque no hay escuela
                {hijo} se enferma mucho y [me hablan de la guardería|no la aceptan así]
            """,
            so="""
                Tuve que dejar [el curso|las clases|el programa de CNA] [el año pasado|dos veces|]
                [Por eso|Así que] solo puedo trabajar medio tiempo
                No he podido empezar [el training|la capacitación|las clases]
                Ya perdí un trabajo por faltar
            """,
            short="""
                guardería
                cuidado de niños
                mis hijos
                la guarderia
                quien cuide a mis hijos
            """,
        ),
    ),
    "transportation": _theme(
        en=_voice(
            says="""
                I don't have a car and the bus doesn't [go to|get anywhere near] the [training center|college|hospital]
                The bus takes [almost two hours|an hour and a half|forever] each way
                My car broke down and I can't afford to [fix it|get it fixed]
                [No|I don't have] reliable transportation to get to [work|class|clinicals] on time
                The bus stops running [at night|after 9|at 7] so I can't get home after [a late shift|evening class]
                Gas is [too expensive|so expensive now] to drive to [the hospital|Mesa College|clinicals] every day
                I live {town} and there is no [public transit|bus]
                I lost my license so I depend on rides from [family|friends|my cousin]
                [Getting there|Getting to class|Getting to work] is the hardest part, I don't drive
                My car is [on its last legs|not reliable|always in the shop]
                [There's no bus|The bus doesn't run] on weekends and most of the jobs are weekend shifts
                I [share|split] one car with my [husband|wife|roommate] and he needs it for work
                Transportation, [plain and simple|honestly|for sure]
                I need a ride [to get to|to] [clinicals|the training|work]
                I have to take two buses [and walk|and a transfer] to get [there|to class]
            """,
            details="""
                The clinical site is [40 minutes|25 miles|half an hour] away by car
                My insurance went up and I had to let it lapse
                I was late [twice|three times] because the bus never came
                The repair shop quoted me [$1,200|$900|$2,000] for the transmission
                I walk [a mile|20 minutes] to the bus stop [in the dark|early in the morning]
                Uber [every day|both ways] would cost more than I'd make
            """,
            so="""
                [So|So basically] I can only take jobs [close to home|on the bus line|I can walk to]
                I [lost|almost lost] a job because I kept being late
                I had to miss [clinicals|class|my skills test] because I had no ride
                I can't [take|accept] the hospital job even though they offered it
            """,
            short="""
                transportation
                no car
                bus
                rides
                no ride
                gas money
                car problems
                transportation issues
            """,
        ),
        es=_voice(
            says="""
                No tengo carro y el [camión|bus] no llega [al centro de capacitación|al colegio|al hospital]
                El transporte es muy difícil, el [camión|bus] tarda [mucho|casi dos horas]
                No tengo [transporte|cómo llegar|raite] para [ir al trabajo|llegar a las clases]
                El [autobús|camión|bus] no pasa [en la noche|después de las 8|los domingos]
                Mi carro [se descompuso|está fallando] y no tengo dinero para arreglarlo
                No tengo licencia [de manejar|] y dependo de que alguien me dé raite
                La gasolina está muy cara [para ir todos los días|y el hospital está lejos]
                Vivo [en el rancho|lejos de la ciudad|en un pueblito] y no hay transporte público
                [Tengo que|Me toca] tomar dos camiones para llegar [a la clase|al trabajo]
                El transporte, [no tengo carro|es lo más difícil]
            """,
            details="""
                Caminé [media hora|veinte minutos] a la parada [en la oscuridad|con frío]
                El seguro del carro [subió mucho|es muy caro] y no lo puedo pagar
                Llegué tarde varias veces porque el camión no pasó
                Pedir Uber [todos los días|de ida y vuelta] sale más caro de lo que gano
            """,
            so="""
                Por eso solo busco trabajo cerca de mi casa
                Perdí [un trabajo|las prácticas] por llegar tarde
                [No pude|No he podido] empezar las clases por eso
            """,
            short="""
                transporte
                no tengo carro
                el camión
                raite
                no tengo ride
            """,
        ),
    ),
    "schedule": _theme(
        en=_voice(
            says="""
                [Classes are only|The classes are all] during the day when I'm at work
                I work full time and the training schedule conflicts with my [shifts|job|hours]
                My hours change every week so I can't commit to a class schedule
                I can't quit my job to go to school during the day
                The only classes are 9 to 3 on weekdays, that doesn't work with my job
                [Rotating shifts|My rotating schedule] make[s|] it impossible to attend regular classes
                [Time|Not enough time], I work [two jobs|doubles|50 hours a week]
                [My manager|My boss] won't [change|work with] my schedule [so I can go to class|for school]
                The [program|CNA class] is [Monday through Friday|every weekday] and I work those days
                I work [nights|overnights|graveyard] and [classes|clinicals] are in the morning
                [There's|I have] no time between work and [my kids|taking care of my mom|everything else]
                My work schedule, [it's all over the place|they change it last minute]
                Clinicals are [scheduled|set] at the same time as my shift
            """,
            details="""
                [They post|We get] the schedule [two days|a few days] before the week starts
                I already asked for fewer hours and they said no
                I get off at [3|7|11] and I'm exhausted
                I tried doing both last year and I was sleeping [4|3] hours a night
            """,
            so="""
                [So|So basically] I'd have to choose between [paying rent|my job] and [school|training]
                I can't lose [my hours|this job], it's [my only income|what pays the bills]
                I've started [twice|the program twice] and couldn't finish
            """,
            short="""
                schedule
                work hours
                my shifts
                time
                no time
                my work schedule
                class times
            """,
        ),
        es=_voice(
            says="""
                Trabajo de tiempo completo y los horarios de las clases no me funcionan
                Las clases son de día y yo trabajo de día
                Mi horario [cambia cada semana|siempre cambia] y no puedo [comprometerme|inscribirme]
                No tengo tiempo, trabajo [en dos trabajos|doble turno|seis días a la semana]
                Trabajo en la noche y las clases son en la mañana
                Mi [jefe|supervisor] no me [cambia el horario|da permiso] para ir a clases
                El horario, [trabajo full time|no me da tiempo]
                Las prácticas son a la misma hora que mi [turno|shift]
            """,
            details="""
                Nos dan el horario [un día|dos días] antes
                Salgo [a las 11 de la noche|muy tarde] y [llego muerta|no me quedan ganas]
                Ya pedí menos horas y me dijeron que no
            """,
            so="""
                No puedo dejar de trabajar porque tengo que pagar la renta
                Empecé [dos veces|una vez] y no pude terminar
            """,
            short="""
                el horario
                no tengo tiempo
                el trabajo
                los horarios
            """,
        ),
    ),
    "cost": _theme(
        en=_voice(
            says="""
                Tuition is too expensive and I [can't|don't want to] take out loans
                I can't afford the program and I don't know about financial aid
                I need to keep earning money, I can't stop working to train
                The cost of [books|books, uniforms] and the exam fee adds up
                The {program} course costs [$1,200|$1,500|$900] and I don't have that
                Money. I have [bills|bills and rent], I can't go without a paycheck
                I can't afford [it|the classes|to go back to school] right now
                [Paying for the program|The cost] is [the main thing|what stops me]
                I'm living paycheck to paycheck, there's nothing left for [school|classes|training]
                I still owe money from [college|a program I didn't finish] so I can't get aid
                Everything costs money, [the class|the background check|the scrubs], the test
            """,
            details="""
                I make [$13|$14|$15] an hour and rent is [$1,400|$1,100|over half my check]
                I applied for financial aid and [never heard back|didn't qualify|it didn't cover it]
                Even the TB test and the shots cost money
                I'm behind on [rent|my car payment|bills] already
            """,
            so="""
                If I stop working [we don't eat|I lose the apartment]
                So I keep putting it off [every year|for later]
                I'd do it tomorrow if I could afford it
            """,
            short="""
                money
                cost
                tuition
                cant afford it
                too expensive
                money issues
            """,
        ),
        es=_voice(
            says="""
                La colegiatura es muy cara y no puedo pagarla
                No tengo dinero para pagar el curso
                Necesito trabajar para pagar la renta, no puedo dejar de trabajar
                El curso de {programa} cuesta [$1,200|mucho|más de mil dólares] y no me alcanza
                El dinero, [no me alcanza|tengo muchos biles]
                Los libros, el uniforme y el examen [cuestan mucho|suman mucho dinero]
                No sé cómo pedir ayuda financiera [para las clases|]
                Todo cuesta, [el curso|el background|los uniformes] y el examen
            """,
            details="""
                Gano [$13|$14] la hora y la renta está [muy cara|en $1,300]
                Mando dinero a mi familia en {lugar}
                Ya estoy atrasada con la renta
            """,
            so="""
                Si dejo de trabajar no comemos
                Por eso lo sigo dejando para después
            """,
            short="""
                dinero
                es muy caro
                el costo
                no me alcanza
            """,
        ),
    ),
    "language": _theme(
        en=_voice(
            says="""
                My English is not good enough for the classes
                The classes are only in English and I speak Spanish
                Reading the textbook in English is hard for me
                I understand English but the test is very difficult in English
                English is my second language and the medical words are hard
                [The language barrier|Language] [is the biggest one|is my problem]
                I [failed|didn't pass] the state exam because of the English
                I'm [shy|embarrassed] to speak English in class
                I speak [Spanish|Vietnamese|Tagalog] at home and [my English is basic|I'm still learning English]
            """,
            details="""
                I'm taking ESL at night but it's slow
                I can talk but writing in English is hard
                The instructor talks very fast
            """,
            so="""
                I understand the work but not the words on the test
                I know I could do the job
            """,
            short="""
                english
                language
                the language barrier
                my english
            """,
        ),
        es=_voice(
            says="""
                No hablo bien inglés y las clases son en inglés
                El idioma es mi mayor problema
                Necesito clases en español
                Me cuesta entender el inglés técnico del examen
                [Mi inglés es básico|Hablo poquito inglés] y [me da pena|me da vergüenza] hablar en clase
                El examen del estado es en inglés y [no lo pasé|me da miedo]
                [Entiendo|Entiendo algo de] inglés pero escribirlo es muy difícil
                El inglés, [no lo hablo bien|todo es en inglés]
                Todo es en inglés, [las clases|la aplicación|los libros]
            """,
            details="""
                Estoy tomando clases de inglés en la noche pero voy despacio
                La maestra habla muy rápido
                En {lugar} era enfermera pero aquí no me sirve por el idioma
            """,
            so="""
                Sé hacer el trabajo pero no entiendo las palabras del examen
                Me siento capaz pero el idioma me detiene
            """,
            short="""
                el idioma
                el inglés
                no hablo inglés
                el ingles
                english
            """,
        ),
    ),
    "digital": _theme(
        en=_voice(
            says="""
                I don't have a computer at home and the classes are online
                My internet is bad and I only have my phone
                I don't know how to use the online application system
                Applying online is confusing, I'm not good with computers
                No wifi at home, I use the library but it closes early
                Everything is online [now|these days] and I [don't have a laptop|only have a phone]
                The online [portal|application] [kept crashing|logged me out] [on my phone|every time]
                I [can't|couldn't] [upload|attach] my documents [on my phone|from my phone]
                I'm [not good with|scared of] computers, [I'm older|I never learned]
                My phone [data runs out|plan runs out] before the end of the month
            """,
            details="""
                I tried to do the online orientation on my phone [for two hours|three times]
                My kids help me but they're in school all day
                The library only has [an hour|one hour] per person on the computers
            """,
            so="""
                So I never finished the application
                I missed the deadline because of it
            """,
            short="""
                no computer
                internet
                no wifi
                online applications
                computers
            """,
        ),
        es=_voice(
            says="""
                No tengo computadora ni internet en casa
                Las aplicaciones son en línea y no sé usar la computadora
                Todo es [online|en línea] y solo tengo mi celular
                No le entiendo a la página para aplicar
                [No sé|Casi no sé] usar la computadora
                El internet [es muy lento|se va a cada rato] y las clases son en línea
            """,
            details="""
                Mis hijos me ayudan pero están en la escuela
                Intenté llenar la aplicación en el celular y no se pudo
            """,
            so="""
                No pude terminar la aplicación
            """,
            short="""
                no tengo internet
                la computadora
                no tengo compu
                el internet
            """,
        ),
    ),
    "disability_health": _theme(
        en=_voice(
            says="""
                I have a disability and the building is not accessible
                My back injury makes lifting patients hard
                I have [anxiety|depression] and [big classrooms|crowds] are hard for me
                Health problems, I have appointments every week
                I'm hard of hearing and the instructors don't caption videos
                My [diabetes|health|blood pressure] [isn't under control|has been bad lately]
                I [had surgery|hurt my knee|hurt my shoulder] and I'm still recovering
                I'm in a wheelchair and [clinical sites|most places] aren't set up for that
                [Chronic pain|My arthritis] makes long shifts [hard|impossible]
            """,
            details="""
                My doctor says no lifting over 20 pounds
                I don't want to ask for accommodations and look weak
                I have [physical therapy|dialysis|appointments] [twice a week|three days a week]
            """,
            so="""
                I'm worried employers won't hire me because of it
                I don't know if I can do the physical part
            """,
            short="""
                my health
                disability
                medical issues
                health
            """,
        ),
        es=_voice(
            says="""
                Tengo una discapacidad y es difícil encontrar trabajo
                Problemas de salud, tengo citas médicas cada semana
                [Me lastimé la espalda|Tengo problemas de la espalda] y no puedo levantar pacientes
                Tengo [diabetes|presión alta|ansiedad] y [me canso mucho|es difícil trabajar turnos largos]
                Mi salud [no está bien|ha estado mal] [desde hace un año|últimamente]
            """,
            details="""
                El doctor me dijo que no levante cosas pesadas
                No tengo aseguranza para [las medicinas|el tratamiento]
            """,
            so="""
                Tengo miedo de que no me contraten por eso
            """,
            short="""
                mi salud
                discapacidad
                la salud
            """,
        ),
    ),
    "justice": _theme(
        en=_voice(
            says="""
                I have a record and employers won't hire me after the background check
                My [felony|conviction|charge] from [ten|eight|15] years ago still shows up on background checks
                Nobody calls back once they see my [conviction|record]
                I was incarcerated and can't get licensed for healthcare jobs
                [My background|My record] keeps me out of [patient care|healthcare jobs]
                The background check, [I have a record|I have an old charge]
                I'm on probation and [don't know what jobs I can do|have to check in every week]
            """,
            details="""
                I've been clean for [five|six] years
                I was 19 and made a mistake
                I asked about getting it expunged but the lawyer costs too much
            """,
            so="""
                I'm scared to spend money on training and then not pass the check
                I don't even know if the state board will let me get certified
            """,
            short="""
                background check
                my record
                felony
                my background
            """,
        ),
        es=_voice(
            says="""
                Tengo antecedentes penales y no me contratan
                Por mi récord nadie me [llama|quiere contratar]
                El background [check|] no lo paso por un problema de hace años
            """,
            details="""
                Fue hace [muchos|diez] años y ya cambié
            """,
            so="""
                Me da miedo pagar el curso y luego no poder trabajar
            """,
            short="""
                antecedentes penales
                mi récord
                el background
            """,
        ),
    ),
    "housing": _theme(
        en=_voice(
            says="""
                I'm staying with friends, I don't have stable housing right now
                We got evicted last month so training is not my priority
                Rent went up and I might have to move out of the area
                I'm homeless and it's hard to keep a schedule
                I'm [couch surfing|sleeping in my car|in a shelter] [right now|at the moment]
                [Housing|Finding a place to live] is [the first thing|more urgent] for me
                My landlord is selling and we have to be out by [the end of the month|August]
            """,
            details="""
                The shelter has a curfew that doesn't work with evening shifts
                Rent for a two bedroom here is [$1,600|$1,800] now
                I don't have an address to put on applications
            """,
            so="""
                I can't think about school until I have a place to live
                It's hard to study when you don't know where you'll sleep
            """,
            short="""
                housing
                rent
                no place to live
                homeless
            """,
        ),
        es=_voice(
            says="""
                No tengo vivienda estable ahora mismo
                La renta subió mucho y tal vez me tengo que mudar
                Vivimos [con otra familia|en un cuarto rentado] y no hay espacio [para estudiar|]
                Nos [corrieron|sacaron] del apartamento y estamos buscando dónde vivir
            """,
            details="""
                La renta está en [$1,500|$1,600] y no nos alcanza
            """,
            so="""
                Primero tengo que encontrar dónde vivir
            """,
            short="""
                la vivienda
                la renta
                la vivienda y la renta
            """,
        ),
    ),
}

_CAREER_HELP = {
    "evening_classes": _theme(
        en=_voice(
            says="""
                Evening or weekend classes so I can keep my job
                Night classes would help [a lot|so much]
                Offer the program on [Saturdays|weekends|Saturdays and Sundays]
                More flexible class times, maybe evenings
                Online classes I can do after my kids go to bed
                Hybrid classes, part online and part in person
                Classes [after 5|after 6|in the evening] for people who work [days|full time]
                A schedule that works around [my job|a full time job|shift work]
                [Let us|Being able to] do the [lectures|book part] online [at our own pace|whenever we can]
                A part time version of the {program} program
                [Clinicals|Skills labs] on weekends [would be ideal|so I don't miss work]
            """,
            details="""
                I get off at 4 so anything after 5 works
                Even two nights a week would be enough
                I'd take longer to finish if I could keep working
            """,
            so="""
                Then I wouldn't have to quit my job to do it
                I could keep paying rent and still go to school
            """,
            short="""
                night classes
                evening classes
                weekend classes
                flexible schedule
                online classes
                flexible hours
            """,
        ),
        es=_voice(
            says="""
                Clases en la noche o los fines de semana
                Horarios flexibles para los que trabajamos
                Clases en línea que pueda tomar después del trabajo
                Que haya clases [los sábados|los domingos|en la tarde] para no dejar el trabajo
                Que las clases sean [después de las 6|en la noche] porque trabajo de día
                Un horario que se acomode al [trabajo|turno]
            """,
            details="""
                Aunque sea dos noches a la semana
                Salgo a las 4 y después sí puedo
            """,
            so="""
                Así no tendría que dejar mi trabajo
            """,
            short="""
                clases en la noche
                fines de semana
                clases online
                horario flexible
            """,
        ),
    ),
    "childcare_support": _theme(
        en=_voice(
            says="""
                Help paying for childcare while I'm in training
                Childcare on site during classes
                A daycare voucher would make it possible for me
                Child care assistance for single parents
                [Free|Cheap|Subsidized] [childcare|child care|daycare] [during class|while we're in the program]
                A place [for my kids|for the kids] to stay [during clinicals|while I study]
                Help finding [a daycare|childcare] [that has openings|near the college]
                [Someone|A program] to watch [my kids|our kids] [in the evenings|after school] while I'm in class
            """,
            details="""
                I have {kids} and daycare is {week_cost} a week
                Even just for the hours I'm in class
            """,
            so="""
                That's the only thing stopping me
                Then I could actually go
            """,
            short="""
                childcare help
                child care assistance
                daycare vouchers
                childcare
                help with daycare
            """,
        ),
        es=_voice(
            says="""
                Ayuda con el cuidado de niños durante las clases
                Guardería gratis mientras estudio
                Que tengan [guardería|daycare] en el mismo lugar de las clases
                Ayuda para pagar la guardería [de mis hijos|mientras estudio]
                Alguien que cuide a [mis hijos|los niños] [mientras estoy en clase|en la noche]
            """,
            details="""
                Tengo {hijos} y no tengo quién me ayude
            """,
            so="""
                Así sí podría estudiar
            """,
            short="""
                ayuda con guardería
                cuidado de niños
                guardería
            """,
        ),
    ),
    "transport_support": _theme(
        en=_voice(
            says="""
                Bus passes for students
                Gas cards or help with transportation
                A shuttle from the bus station to the campus
                Free bus pass while I'm in the program
                Help fixing my car so I can get to clinicals
                [Help with|Money for] [gas|gas and parking|transportation] [during clinicals|while in training]
                Rides to [the clinical site|clinicals|the hospital] [for people without a car|if you don't drive]
                [A van|A shuttle] that picks [students|people] up [in town|at the transit center]
                Classes closer to where we live, [out in the county|on the east side]
            """,
            details="""
                The clinical site is [an hour|40 minutes] on the bus
                Parking at the hospital is [$10|$12] a day
            """,
            so="""
                Getting there is half the battle
            """,
            short="""
                bus pass
                bus passes
                gas cards
                transportation help
                rides
                gas money
            """,
        ),
        es=_voice(
            says="""
                Pases de autobús gratis
                Ayuda con el transporte o la gasolina
                [Tarjetas|Vales] de gasolina para ir a las prácticas
                Un [camión|van|transporte] que nos lleve [al hospital|a las clases]
                Ayuda para arreglar mi carro
                Raite para las prácticas [porque no tengo carro|]
            """,
            details="""
                El hospital queda muy lejos de mi casa
            """,
            so="""
                Así no llegaría tarde
            """,
            short="""
                pase de autobús
                transporte
                gasolina
                raite
            """,
        ),
    ),
    "paid_training": _theme(
        en=_voice(
            says="""
                Paid training, earn while you learn
                A stipend so I don't lose income while studying
                Apprenticeships where you get paid from day one
                If the hospital paid for the training and hired me after
                Scholarships that cover tuition and books
                [Getting paid|Some pay|A paycheck] while [in training|in the program|I learn]
                [Free|Cheaper] tuition [for people who work in the area|for low income students|]
                [Help with|Grants for] the [exam fee|books and scrubs|background check and shots]
                An employer sponsored program, [they pay for school|they pay tuition] and you work for them
                Financial aid that [covers everything|actually covers the fees]
                [Money|Financial help], honestly
            """,
            details="""
                I can't go without a paycheck for [12 weeks|three months]
                I'd sign a contract to work there for a year
                I'd even take less pay while training
            """,
            so="""
                That would change everything for me
                Then I could quit one of my jobs
            """,
            short="""
                paid training
                stipend
                scholarships
                earn while you learn
                free tuition
                money
                financial aid
            """,
        ),
        es=_voice(
            says="""
                Capacitación pagada para poder seguir pagando mis gastos
                Becas para pagar el curso
                Que paguen mientras aprendemos
                Que el [hospital|empleador] pague el curso y luego me contrate
                Ayuda [con el dinero|económica] para [los libros|el examen|el uniforme]
                Un programa donde te pagan [desde el primer día|mientras estudias]
            """,
            details="""
                No puedo dejar de ganar dinero tres meses
            """,
            so="""
                Eso me cambiaría la vida
            """,
            short="""
                becas
                capacitación pagada
                ayuda económica
                dinero
            """,
        ),
    ),
    "mentoring": _theme(
        en=_voice(
            says="""
                A mentor who has done the job and can guide me
                Someone to help me through the application process step by step
                A career coach to check in with me every week
                Talking to people who work in the hospital about what it's really like
                [Someone|A person] to [walk me through|explain] [the steps|what to do first|the process]
                [Job shadowing|Shadowing a CNA|A day shadowing a nurse] [to see if I like it|before I commit]
                [A case manager|A counselor|One contact person] who [answers my questions|actually calls back]
                Help [figuring out|choosing] which program is right for me
                [A mentor|Someone who looks like me] in the field
            """,
            details="""
                I'm the first in my family to do this
                I don't know anybody who works in healthcare
            """,
            so="""
                I feel lost [on my own|trying to figure it out alone]
            """,
            short="""
                a mentor
                career coach
                someone to guide me
                mentoring
                guidance
            """,
        ),
        es=_voice(
            says="""
                Un mentor que me guíe en el proceso
                Alguien que me ayude con la aplicación paso a paso
                Una persona que me explique [qué hacer|los pasos|cómo empezar]
                Hablar con [enfermeras|gente que trabaja en el hospital] para saber cómo es
                Una consejera que me dé seguimiento
            """,
            details="""
                Nadie en mi familia ha hecho esto
            """,
            so="""
                Me siento perdida sola
            """,
            short="""
                un mentor
                orientación
                alguien que me guíe
            """,
        ),
    ),
    "spanish_classes": _theme(
        en=_voice(
            says="""
                Classes in Spanish or with a bilingual instructor
                ESL classes together with the job training
                Materials in Spanish would help my family members
                [A bilingual|A Spanish speaking] [teacher|instructor|tutor]
                English classes [for healthcare|with medical vocabulary|at night]
                The [state exam|test] in Spanish [if possible|]
                [Help with|Tutoring for] the English part of the course
            """,
            details="""
                My English is okay but the medical words are hard
            """,
            so="""
                A lot of people in my community would sign up
            """,
            short="""
                spanish classes
                ESL
                bilingual instructors
                english classes
            """,
        ),
        es=_voice(
            says="""
                Clases en español por favor
                Clases de inglés junto con la capacitación
                Materiales en español y un maestro bilingüe
                Que [el curso|la clase de CNA|el examen] sea en español
                Una maestra que hable español [para preguntar|para explicar]
                Clases de inglés [en la noche|para el trabajo|de enfermería]
                Ayuda con el inglés [del examen|de las clases]
            """,
            details="""
                Entiendo el trabajo pero el inglés me cuesta
            """,
            so="""
                Mucha gente de mi comunidad se inscribiría
            """,
            short="""
                clases en español
                clases de inglés
                en español
                ESL
            """,
        ),
    ),
    "job_placement": _theme(
        en=_voice(
            says="""
                Help finding a job after I finish the certificate
                Connections with employers who are actually hiring
                Job fairs with the hospitals and clinics in the area
                A guaranteed interview when you complete the program
                [Help with|Someone to look at] my resume and [interview practice|cover letter]
                [A list of|Introductions to] [employers|clinics|nursing homes] that hire [new grads|people with no experience]
                A job [lined up|waiting] at the end of the program
                [An internship|A paid internship|Clinicals] that [turns into|can turn into] a job
            """,
            details="""
                I finished a program before and then couldn't find work
                Everyone wants one year of experience
            """,
            so="""
                Otherwise what's the point of the certificate
            """,
            short="""
                job placement
                job fairs
                connections to employers
                resume help
                a job after
            """,
        ),
        es=_voice(
            says="""
                Ayuda para encontrar trabajo al terminar
                Conexiones con empleadores que estén contratando
                Que nos ayuden con el resume y las entrevistas
                Que al terminar el curso ya tengamos [trabajo|una entrevista]
                Ferias de empleo con [los hospitales|las clínicas]
            """,
            details="""
                Terminé un curso antes y no encontré trabajo
            """,
            so="""
                Si no, ¿de qué sirve el certificado?
            """,
            short="""
                ayuda para encontrar trabajo
                trabajo al terminar
                ferias de empleo
            """,
        ),
    ),
}

_JOB_INTEREST = {
    "cna": _theme(
        en=_voice(
            says="""
                CNA at a [hospital|nursing home|rehab center]
                I want to be a certified nursing assistant
                Become a CNA and work my way up to [nurse|RN|LPN]
                Nursing assistant, I already take care of my grandma
                CNA on the night shift so I can be home with my kids in the day
                Certified nursing assistant at Sunrise or another senior living place
                A CNA job with benefits
                [I'd like to|I want to|Hoping to] [be|work as] a CNA [in long term care|at the hospital|in memory care]
                [Nursing assistant|CNA] [in|at] [a nursing home|assisted living|a rehab place] [to start|for now|]
                [Start as|Start out as] a CNA [and see where it goes|to get my foot in the door]
            """,
            details="""
                I took care of my dad when he was sick
                I've heard they always need CNAs
                My aunt is a CNA and she loves it
            """,
            so="""
                Later I want to go back for nursing
                It's a good way to start in healthcare
            """,
            short="""
                CNA
                cna
                nursing assistant
                certified nursing assistant
                CNA job
                CNA!
            """,
        ),
        es=_voice(
            says="""
                Asistente de enfermería (CNA)
                Quiero ser asistente de enfermería certificada
                Trabajar de CNA en un [hospital|asilo|nursing home]
                Ser CNA y después enfermera
                [Me gustaría|Quiero] trabajar de CNA [cuidando ancianos|con personas mayores|en el turno de noche]
                Empezar como CNA [para agarrar experiencia|y luego estudiar más]
            """,
            details="""
                Ya cuidé a mi abuelita muchos años
                Mi prima es CNA y le gusta mucho
            """,
            so="""
                Luego quiero estudiar para enfermera
            """,
            short="""
                CNA
                asistente de enfermería
                de CNA
            """,
        ),
    ),
    "medical_assistant": _theme(
        en=_voice(
            says="""
                Medical assistant in a clinic
                I would like to be a medical assistant at a doctor's office
                MA at a community health clinic, I like working with patients
                Medical assistant, bilingual if possible so I can help Spanish speaking patients
                Clinical medical assistant
                [Medical assistant|MA] [at a pediatric office|in family medicine|at an urgent care]
                [I'm interested in|I'd like to do] medical assisting [because it's|since it's] [a day job|Monday to Friday]
                [Certified|Bilingual] medical assistant [at a clinic|in a doctor's office]
            """,
            details="""
                I like that it's part front office and part with patients
                The hours are better than a hospital
                My friend did it in [nine months|less than a year]
            """,
            so="""
                It seems like a good fit for me
            """,
            short="""
                medical assistant
                MA
                medical asst
                clinic medical assistant
                medical assisting
            """,
        ),
        es=_voice(
            says="""
                Asistente médico en una clínica
                Quiero trabajar como asistente médica
                Asistente médico bilingüe
                Asistente médica en [una clínica de niños|un consultorio|la clínica comunitaria]
                Me gustaría ser asistente médica [porque es de lunes a viernes|para ayudar a los pacientes latinos]
            """,
            details="""
                Hablo español y eso ayuda con los pacientes
            """,
            so="""
                Creo que es buen trabajo para mí
            """,
            short="""
                asistente médico
                asistente médica
                medical assistant
            """,
        ),
    ),
    "nursing": _theme(
        en=_voice(
            says="""
                Registered nurse someday
                I want to be an RN but I need to start as an LPN
                LPN first, then go back for my RN
                Nurse in the emergency room
                Become a nurse like my mom
                Pediatric nurse
                LVN or LPN, whatever the program here is called
                RN in labor and delivery
                [A nurse|An RN|Nursing], [it's been my dream|I've always wanted it] [since I was little|for years]
                [Nurse|Nursing] in [the ER|the ICU|oncology|a school|home health]
                I want to get my [BSN|ADN|nursing degree] [eventually|one day|while working]
                Travel nurse [eventually|someday]
            """,
            details="""
                I already have my prerequisites done
                I was a nurse in my country
                My mom is a nurse [and she inspired me|]
            """,
            so="""
                It will take a while but I'm patient
            """,
            short="""
                RN
                nurse
                LPN
                registered nurse
                nursing
                LPN then RN
                Nurse!!
            """,
        ),
        es=_voice(
            says="""
                Enfermera registrada algún día
                Quiero ser enfermera
                Enfermero en el hospital
                Primero LPN y luego enfermera registrada
                [Enfermera|Enfermería] [de niños|en emergencias|en un hospital]
                En {lugar} era enfermera y quiero volver a ejercer aquí
                Ser enfermera es mi sueño [desde chiquita|de toda la vida]
            """,
            details="""
                Ya terminé algunas clases en el colegio
            """,
            so="""
                Aunque me tarde varios años
            """,
            short="""
                enfermera
                enfermería
                enfermero
                RN
            """,
        ),
    ),
    "phlebotomy": _theme(
        en=_voice(
            says="""
                Phlebotomist, I heard the training is short
                Phlebotomy tech at a lab or hospital
                Drawing blood, a phlebotomy job
                Phlebotomy technician and later a lab tech
                I want to do phlebotomy at the blood bank
                [Phlebotomy|Phlebotomist] [at Quest or LabCorp|at a plasma center|in a hospital lab]
                [Something like|Maybe] phlebotomy, [blood doesn't bother me|I'm good with needles]
            """,
            details="""
                The program is only [8 weeks|a couple months]
            """,
            so="""
                Then maybe lab tech later
            """,
            short="""
                phlebotomy
                phlebotomist
                phlebotomy tech
                drawing blood
            """,
        ),
        es=_voice(
            says="""
                Flebotomista
                Sacar sangre en un laboratorio, flebotomía
                Técnico de flebotomía
                Flebotomista en [un hospital|el laboratorio|un centro de plasma]
            """,
            details="""
                Dicen que el curso es corto
            """,
            so="""
                Y después técnico de laboratorio
            """,
            short="""
                flebotomía
                flebotomista
                phlebotomy
            """,
        ),
    ),
    "pharmacy_tech": _theme(
        en=_voice(
            says="""
                Pharmacy technician
                Pharmacy tech at a hospital pharmacy
                Work in a pharmacy, maybe Walgreens or CVS to start
                Certified pharmacy technician
                Pharmacy tech because I like details and it's less physical
                [Pharmacy tech|Pharmacy technician] [at a hospital|in retail|at a mail order pharmacy]
            """,
            details="""
                I'm good at math and being careful
            """,
            so="""
                It's a good job that's not so physical
            """,
            short="""
                pharmacy tech
                pharmacy technician
                pharmacy
            """,
        ),
        es=_voice(
            says="""
                Técnico de farmacia
                Trabajar en una farmacia
                Técnica de farmacia en [Walgreens|CVS|un hospital]
            """,
            details="""
                Me gustan los detalles
            """,
            so="""
                Es un trabajo menos pesado
            """,
            short="""
                técnico de farmacia
                farmacia
            """,
        ),
    ),
    "home_health": _theme(
        en=_voice(
            says="""
                Home health aide
                Caregiver for elderly people in their homes
                Home care aide so I can set my own hours
                Personal care aide, I already do it for family without pay
                Home health, taking care of seniors
                [Caregiver|Home health aide] [for the elderly|for people with disabilities|for veterans]
                [Being|Working as] a caregiver [in people's homes|one on one]
            """,
            details="""
                I've taken care of my grandpa for [years|two years]
                I like one on one more than a busy hospital
            """,
            so="""
                I already know I'm good at it
            """,
            short="""
                home health aide
                caregiver
                HHA
                home care
            """,
        ),
        es=_voice(
            says="""
                Cuidadora de personas mayores en su casa
                Cuidadora de ancianos
                Asistente de salud en el hogar
                [Home health|Cuidadora en casa] [para personas mayores|con ancianos]
                Trabajar de caregiver [con viejitos|con personas mayores]
            """,
            details="""
                Ya cuido a mi suegra desde hace años
            """,
            so="""
                Sé que soy buena para eso
            """,
            short="""
                cuidadora
                cuidado en casa
                caregiver
            """,
        ),
    ),
    "office_billing": _theme(
        en=_voice(
            says="""
                Medical billing and coding, I want to work from home
                Front desk at a clinic, patient registration
                Medical receptionist
                Unit secretary at the hospital
                Medical coder
                [Billing|Medical billing] [and coding|] so I can [work from home|be with my kids]
                [Front desk|Reception] at a [doctor's office|dental office|clinic], I'm good with people
            """,
            details="""
                I'm better with computers than with blood
                I did office work before
            """,
            so="""
                Something with regular hours
            """,
            short="""
                medical billing
                billing and coding
                front desk
                medical receptionist
            """,
        ),
        es=_voice(
            says="""
                Recepcionista en una clínica
                Facturación médica
                Recepcionista bilingüe en [un consultorio|una clínica dental|el hospital]
                Facturación médica [desde casa|para trabajar en casa]
            """,
            details="""
                Ya trabajé en oficina
            """,
            so="""
                Algo con horario fijo
            """,
            short="""
                recepcionista
                facturación médica
                billing
            """,
        ),
    ),
    "technician": _theme(
        en=_voice(
            says="""
                Surgical tech
                Sterile processing technician
                X-ray tech or radiology
                EMT and then paramedic
                Dental assistant
                Behavioral health technician
                [Surgical tech|Radiology tech|Ultrasound tech], [the operating room|imaging] interests me
                [EMT|Paramedic] [with the fire department|on an ambulance]
            """,
            details="""
                I like fast paced work
                I watched a lot of medical shows growing up
            """,
            so="""
                Something technical, not so much bedside care
            """,
            short="""
                surgical tech
                sterile processing
                xray tech
                EMT
                dental assistant
            """,
        ),
        es=_voice(
            says="""
                Técnico de rayos X
                Asistente dental
                Paramédico
                Técnico [en rayos X|de ultrasonido|de cirugía] [en un hospital|]
            """,
            details="""
                Me gusta el trabajo rápido
            """,
            so="""
                Algo técnico
            """,
            short="""
                asistente dental
                rayos x
                paramédico
            """,
        ),
    ),
    "undecided": _theme(
        en=_voice(
            says="""
                Not sure yet, anything in healthcare that pays the bills
                Any job in a hospital where I can grow
                I don't know which one, something helping people
                Whatever gets me a steady job with benefits
                Something in healthcare but not with blood
                [I'm open to|Honestly] anything in healthcare [with room to grow|that's stable|that pays more than retail]
                [Anything|Any position] at [the hospital|a hospital] [to get in the door|to start]
                [Not sure|Still deciding|Undecided], [something in healthcare|maybe a hospital job]
            """,
            details="""
                I want to see what's out there first
                I'd like to try a few things
            """,
            so="""
                I just need to get started somewhere
            """,
            short="""
                anything in healthcare
                any hospital job
                healthcare
                not sure, healthcare
            """,
        ),
        es=_voice(
            says="""
                No sé todavía, algo en el área de la salud
                Cualquier trabajo en un hospital
                Algo para ayudar a la gente
                [Lo que sea|Cualquier cosa] en [salud|un hospital] [con beneficios|que sea estable]
                Todavía no sé, algo donde pueda ayudar a las personas
            """,
            details="""
                Quiero conocer las opciones
            """,
            so="""
                Lo que sea para empezar
            """,
            short="""
                algo en salud
                en un hospital
                algo de salud
            """,
        ),
    ),
}

_EMPLOYER_HIRING = {
    "certification": _theme(
        en=_voice(
            says="""
                Applicants don't have the required certification (CNA, MA, phlebotomy)
                Most candidates lack their state license
                We can't find certified medical assistants
                Too few people finish the certification programs in our area
                Applicants are not certified and we can't afford to train them ourselves
                [Half|Most|A lot] of [our applicants|the people who apply] [aren't certified|let their certification lapse]
                [Finding|Hiring] [licensed|certified] [CNAs|MAs|pharmacy techs|phlebotomists] [is nearly impossible|takes months]
                The state [testing backlog|exam wait] means new grads can't start [for weeks|for months]
                Candidates [have the training|finished the course] but never [took|passed] the [state exam|certification test]
            """,
            details="""
                We have [4|6|three] CNA positions open right now
                The nearest testing site is [two hours|90 minutes] away
            """,
            so="""
                We'd hire them tomorrow if they had the certificate
            """,
            short="""
                lack of certification
                no license
                not certified
                certifications
            """,
        ),
        es=_voice(
            says="""
                Los candidatos no tienen la certificación requerida
                No encontramos asistentes médicos certificados
                [Muchos|La mayoría de los] solicitantes no tienen licencia [del estado|]
            """,
            details="""
                Tenemos [cuatro|tres] puestos de CNA abiertos
            """,
            so="""
                Los contratamos si tienen el certificado
            """,
            short="""
                falta de certificación
                certificación
            """,
        ),
    ),
    "wages": _theme(
        en=_voice(
            says="""
                Competing with hospitals and retail that pay more
                Our wages can't match what the big systems offer
                Candidates leave for a dollar more an hour
                Pay expectations are higher than our reimbursement allows
                Amazon warehouses pay more than we can for entry level
                [We lose|We keep losing] [candidates|people] to [the hospital|Costco|staffing agencies] over [pay|a few dollars]
                [Medicaid rates|Our reimbursement] [don't let us|doesn't let us] raise [wages|pay] [enough|to market]
                Travel and agency [staff|nurses] make [twice|double] what we can pay
                [Pay|Wages], [plain and simple|we can't compete]
            """,
            details="""
                We start CNAs at [$16|$17] an hour
                [Target|The warehouse] down the street starts at [$19|$20]
            """,
            so="""
                We're training people for the big hospitals basically
            """,
            short="""
                wages
                pay
                competition for workers
                salary
                pay
            """,
        ),
        es=_voice(
            says="""
                Otros empleadores pagan más y perdemos candidatos
                [No podemos|Es difícil] competir con [los salarios|lo que pagan] [los hospitales grandes|las bodegas]
                La gente se va por [un dólar más|mejor sueldo]
            """,
            details="""
                Pagamos [$16|$17] la hora para empezar
            """,
            so="""
                Es muy difícil competir
            """,
            short="""
                salarios
                la paga
                el sueldo
            """,
        ),
    ),
    "experience": _theme(
        en=_voice(
            says="""
                Applicants have no experience in a clinical setting
                New grads need a lot of hand holding in the first months
                Candidates lack real world experience with patients
                Nobody has long term care experience
                [Most|Many] applicants [have never worked|haven't worked] [with patients|in healthcare|in a clinic] before
                [We need|We want] [someone|people] with [at least a year|some] experience and [can't find them|nobody has it]
                [New hires|Fresh grads] [are overwhelmed|freeze up] on a [busy floor|real shift]
            """,
            details="""
                Orientation takes [six weeks|two months] for a new grad
                Clinical hours in school [aren't enough|are too short]
            """,
            so="""
                We don't have the staff to train from scratch
            """,
            short="""
                no experience
                lack of experience
                inexperienced applicants
                experience
            """,
        ),
        es=_voice(
            says="""
                Los solicitantes no tienen experiencia
                [Nadie|Casi nadie] tiene experiencia con pacientes
                Los recién graduados necesitan mucho entrenamiento
            """,
            details="""
                El entrenamiento dura semanas
            """,
            so="""
                No tenemos tiempo para enseñar desde cero
            """,
            short="""
                sin experiencia
                falta de experiencia
            """,
        ),
    ),
    "shifts": _theme(
        en=_voice(
            says="""
                Nobody wants nights and weekends
                Filling the overnight shift is nearly impossible
                Applicants want Monday to Friday 9 to 5 and we are 24/7
                Weekend and holiday coverage is our hardest gap
                [Night|Overnight|Graveyard] shift [is always short|has been open for months|gets no applicants]
                [Candidates|Applicants] [turn down|won't take] [weekend|evening|12 hour] shifts
                [Every|Most] applicant[s|] [asks|ask] for [day shift only|no weekends|school hours]
            """,
            details="""
                We offer a [night differential|shift differential|weekend bonus] and it doesn't help
                Our day staff end up pulling doubles
            """,
            so="""
                We're 24/7, patients don't stop on weekends
            """,
            short="""
                night shifts
                weekends
                shift coverage
                overnights
                nights
            """,
        ),
        es=_voice(
            says="""
                Nadie quiere trabajar en la noche ni los fines de semana
                [Los turnos de noche|El turno de noche] [nadie los quiere|siempre están vacíos]
                Todos quieren trabajar de lunes a viernes
            """,
            details="""
                Pagamos más por la noche y ni así
            """,
            so="""
                Los pacientes necesitan atención todo el día
            """,
            short="""
                turnos de noche
                fines de semana
            """,
        ),
    ),
    "retention": _theme(
        en=_voice(
            says="""
                We hire people and they leave within 90 days
                Turnover is very high, we are always rehiring
                Burnout, people quit after a few months
                Keeping staff longer than a year is the real problem
                [We lose|Half our] new hires [in the first|within three] months
                [Staff|People] [burn out|get burned out] and [leave|quit|go to agencies]
                [Turnover|Retention], [we train them and they leave|it never stops]
            """,
            details="""
                Our turnover was [60%|over 50%] last year
                Exit interviews say the work is harder than they expected
            """,
            so="""
                We spend more on hiring than on raises
            """,
            short="""
                turnover
                retention
                burnout
                people quit
            """,
        ),
        es=_voice(
            says="""
                La rotación de personal es muy alta
                Contratamos gente y se va [a los pocos meses|en 90 días]
                [El personal|La gente] se cansa y renuncia
            """,
            details="""
                El año pasado se fue la mitad
            """,
            so="""
                Siempre estamos contratando
            """,
            short="""
                rotación de personal
                la rotación
            """,
        ),
    ),
    "applicant_pool": _theme(
        en=_voice(
            says="""
                We just don't get enough applicants
                Very few people apply to our postings anymore
                Applicants don't show up to the interview
                Ghosting, candidates accept and then never start
                [Our postings|The job ads] get [two|a handful of|almost no] [applicants|applications] [a month|a week]
                [Half|Most] of the [people|candidates] we schedule [no show|don't show up]
                [Candidates|People] [accept the offer|say yes] and [disappear|never show on day one]
            """,
            details="""
                We've posted on Indeed, Facebook, everywhere
                Our town is small and everyone already works somewhere
            """,
            so="""
                We can't even get to the point of choosing
            """,
            short="""
                not enough applicants
                no shows
                small applicant pool
                applicants
            """,
        ),
        es=_voice(
            says="""
                No hay suficientes solicitantes
                [Casi nadie|Muy poca gente] aplica a los puestos
                Los candidatos no llegan a la entrevista
            """,
            details="""
                Publicamos en Indeed y Facebook
            """,
            so="""
                No tenemos de dónde escoger
            """,
            short="""
                pocos solicitantes
                no hay gente
            """,
        ),
    ),
}

_EMPLOYER_SKILLS = {
    "communication": _theme(
        en=_voice(
            says="""
                Communication with patients and families
                Soft skills, talking to patients with empathy
                New hires struggle to communicate with the care team
                Professional communication, phone etiquette, customer service
                [Talking to|Explaining things to] [patients|families|upset family members] [calmly|with patience|clearly]
                [Handoffs|Shift report|Speaking up] [with the nurses|to the team] [is weak|needs work]
                [Bedside manner|Empathy|Customer service skills] [and patience|and listening|]
            """,
            details="""
                Some are great clinically but can't talk to an upset family
                [Texting|Phone] habits carry over into how they talk to patients
            """,
            so="""
                Patient satisfaction scores show it
            """,
            short="""
                communication
                soft skills
                customer service
                bedside manner
            """,
        ),
        es=_voice(
            says="""
                Comunicación con los pacientes y sus familias
                Saber tratar a los pacientes con paciencia [y respeto|]
                Comunicarse bien con [el equipo|las enfermeras]
            """,
            details="""
                Algunos saben el trabajo pero no saben hablar con la gente
            """,
            so="""
                Los pacientes lo notan
            """,
            short="""
                comunicación
                trato al paciente
            """,
        ),
    ),
    "computer": _theme(
        en=_voice(
            says="""
                EHR documentation, they don't know Epic
                Basic computer skills and charting in the electronic health record
                Typing and using the scheduling software
                Documentation in the EMR is slow and full of errors
                [Charting|Documenting] [in the EHR|in our system|electronically] [correctly|on time]
                [Basic computer skills are|Email and typing are|Navigating the software is] [lacking|a struggle]
            """,
            details="""
                We use [Epic|PointClickCare|eClinicalWorks] and they've never seen it
            """,
            so="""
                Late charting causes billing problems for us
            """,
            short="""
                computer skills
                EHR
                charting
                Epic
                documentation
            """,
        ),
        es=_voice(
            says="""
                Manejo de la computadora y del expediente electrónico
                [Usar la computadora|Documentar en el sistema] [bien|a tiempo]
            """,
            details="""
                Nunca han usado el sistema
            """,
            so="""
                Eso atrasa todo
            """,
            short="""
                computación
                la computadora
            """,
        ),
    ),
    "clinical": _theme(
        en=_voice(
            says="""
                Taking vital signs correctly
                Clinical basics like infection control and safe patient transfers
                Medical terminology and basic anatomy
                Drawing blood, phlebotomy skills
                [Taking vital signs|Taking a manual blood pressure|Doing safe transfers] [correctly|without help|the right way]
                [Infection control|Hand hygiene|Sterile technique] [basics|practices] [are weak|get skipped]
            """,
            details="""
                New MAs can't get a manual blood pressure
                We see a lot of missed sticks
            """,
            so="""
                It's a patient safety issue
            """,
            short="""
                vital signs
                clinical skills
                infection control
                medical terminology
            """,
        ),
        es=_voice(
            says="""
                Habilidades clínicas básicas como tomar signos vitales
                [Tomar la presión|Control de infecciones|Mover pacientes] [correctamente|de forma segura]
            """,
            details="""
                Muchos no saben tomar la presión manual
            """,
            so="""
                Es un tema de seguridad
            """,
            short="""
                signos vitales
                habilidades clínicas
            """,
        ),
    ),
    "reliability": _theme(
        en=_voice(
            says="""
                Showing up on time every day
                Reliability and attendance
                Work ethic, calling out too often
                Being dependable and following through
                [Attendance|Punctuality|Showing up], [we have a lot of call outs|it's a constant problem]
                [New hires|People] [call out|no call no show] [on weekends|after payday|too often]
            """,
            details="""
                One call out means someone else works a double
            """,
            so="""
                You can teach skills but not showing up
            """,
            short="""
                attendance
                reliability
                work ethic
                punctuality
            """,
        ),
        es=_voice(
            says="""
                Puntualidad y asistencia
                Que lleguen a tiempo [y no falten|todos los días]
                Responsabilidad, [faltan mucho|no avisan cuando faltan]
            """,
            details="""
                Cuando alguien falta otro tiene que cubrir
            """,
            so="""
                Eso no se enseña fácil
            """,
            short="""
                puntualidad
                responsabilidad
            """,
        ),
    ),
    "bilingual": _theme(
        en=_voice(
            says="""
                We need more bilingual staff, Spanish especially
                Being able to speak Spanish with our patients
                Bilingual medical assistants are hard to find
                [Spanish speaking|Bilingual] [staff|MAs|front desk] [for our patients|are in short supply]
                [Half|A third] of our patients [prefer Spanish|speak Spanish] and [few staff do|we rely on interpreters]
            """,
            details="""
                We use the phone interpreter line all day
            """,
            so="""
                Bilingual candidates get hired right away
            """,
            short="""
                bilingual
                spanish speakers
                spanish
            """,
        ),
        es=_voice(
            says="""
                Necesitamos personal bilingüe
                Que hablen español con los pacientes
                [Asistentes|Recepcionistas] bilingües [son difíciles de encontrar|hacen mucha falta]
            """,
            details="""
                Muchos pacientes solo hablan español
            """,
            so="""
                Los contratamos de inmediato
            """,
            short="""
                bilingüe
                español
            """,
        ),
    ),
}

_TRAINING_CHANGE = {
    "more_hands_on": _theme(
        en=_voice(
            says="""
                More hands on practice and less lecture
                More clinical hours in a real hospital
                We needed more time in the skills lab before clinicals
                Practice with real equipment instead of videos
                [More|Way more] [hands on|practice|lab time] [and less PowerPoint|and fewer slides|]
                [Practicing|Time to practice] [blood draws|vitals|transfers] [on each other|with real equipment|more than once]
                [Longer|More] clinicals [at the hospital|with real patients]
            """,
            details="""
                I only did [two|three] sticks before my first real patient
                We watched videos for most of the skills
            """,
            so="""
                I didn't feel ready on my first day
            """,
            short="""
                more hands on
                more practice
                more clinicals
                hands on
            """,
        ),
        es=_voice(
            says="""
                Más práctica y menos teoría
                Más horas de práctica en el hospital
                Practicar con [equipo real|pacientes de verdad] [y no solo videos|]
                Más tiempo en el laboratorio [antes de las prácticas|]
            """,
            details="""
                Casi todo fue con videos
            """,
            so="""
                No me sentía lista el primer día
            """,
            short="""
                más práctica
                práctica
            """,
        ),
    ),
    "schedule_change": _theme(
        en=_voice(
            says="""
                Offer it at night so working people can attend
                Shorter program, 12 weeks felt too long
                Let us do the theory part online
                Start dates more often, I waited 4 months
                [An evening|A weekend|A part time] [option|section] for people who work
                [More|Flexible] start dates [during the year|every month]
                [The hours|The schedule] [changed|kept changing] [with no notice|last minute]
            """,
            details="""
                I almost lost my job because of the class schedule
            """,
            so="""
                Lots of people dropped because of the hours
            """,
            short="""
                night option
                shorter program
                online theory
                the schedule
            """,
        ),
        es=_voice(
            says="""
                Ofrecer el curso en la noche
                Que el programa sea más corto
                [Que la teoría sea en línea|Clases online para la teoría]
                Más fechas para empezar, [esperé meses|tuve que esperar mucho]
            """,
            details="""
                Casi pierdo mi trabajo por el horario
            """,
            so="""
                Muchos dejaron el curso por el horario
            """,
            short="""
                horario de noche
                el horario
            """,
        ),
    ),
    "instructors": _theme(
        en=_voice(
            says="""
                Instructors who actually work in the field
                The teacher went too fast and didn't answer questions
                More instructors so classes are smaller
                Better teachers, some just read the slides
                [The instructor|Our teacher] [was late a lot|didn't explain things|played favorites]
                [Smaller classes|More teachers] so [everyone gets help|we can ask questions]
                [Instructors|Teachers] with [patience|real experience] [for adult learners|who explain things]
            """,
            details="""
                There were [30|35] of us and one instructor in the lab
            """,
            so="""
                I had to teach myself from YouTube
            """,
            short="""
                better instructors
                smaller classes
                teachers
                the instructor
            """,
        ),
        es=_voice(
            says="""
                Mejores maestros que expliquen con paciencia
                [La maestra|El instructor] [iba muy rápido|no contestaba preguntas]
                Grupos más pequeños [para que nos expliquen|]
            """,
            details="""
                Éramos [treinta|muchos] y un solo maestro
            """,
            so="""
                Aprendí sola con videos
            """,
            short="""
                los maestros
                la maestra
            """,
        ),
    ),
    "job_connection": _theme(
        en=_voice(
            says="""
                Connect us with employers before we graduate
                Help with resumes and interviews at the end
                A job guarantee with partner hospitals
                [Introduce us to|Bring in] [employers|recruiters|hiring managers] [during the course|before the end]
                [Clinicals|Our clinical site] should [lead to|turn into] [a job offer|interviews]
                [Nobody helped us|There was no help] [find a job|with job searching] after
            """,
            details="""
                [Half|Most] of my class still doesn't have a job
            """,
            so="""
                A certificate without a job doesn't pay rent
            """,
            short="""
                job placement
                resume help
                employer connections
                jobs after
            """,
        ),
        es=_voice(
            says="""
                Conectarnos con empleadores antes de graduarnos
                Ayuda con el resume y las entrevistas
                Que [las prácticas|el programa] nos lleve a un trabajo
            """,
            details="""
                Muchos de mi clase no encuentran trabajo
            """,
            so="""
                Sin trabajo el certificado no sirve
            """,
            short="""
                ayuda con el empleo
                empleo
            """,
        ),
    ),
    "cost_support": _theme(
        en=_voice(
            says="""
                Cover the exam fee, it was a surprise at the end
                Include books and scrubs in the tuition
                More scholarships for people like me
                [Hidden fees|Extra costs] [for the background check|for the exam|for supplies] [add up|were a surprise]
                [Help with|Pay for] [the state exam|books|uniforms] [up front|as part of the program]
            """,
            details="""
                The exam was [$125|$150] and I didn't have it
            """,
            so="""
                Some classmates couldn't test because of the fee
            """,
            short="""
                exam fee
                cost of books
                scholarships
                costs
            """,
        ),
        es=_voice(
            says="""
                Que incluyan el costo del examen
                Que los libros y el uniforme [vengan incluidos|estén incluidos]
                Más becas para gente como yo
            """,
            details="""
                El examen costó [$125|mucho] y no lo tenía
            """,
            so="""
                Algunos no hicieron el examen por el costo
            """,
            short="""
                el costo del examen
                los costos
            """,
        ),
    ),
}

_SERVICE_EXPERIENCE = {
    "helpful_staff": _theme(
        en=_voice(
            says="""
                The staff were kind and really listened to me
                My case manager was great, she called me back every time
                Everyone was friendly and helpful
                I felt respected, they treated me like a person
                [Ms. Garcia|My counselor|The lady at the front desk] [went above and beyond|really helped me|was amazing]
                [The staff|Everyone] [made me feel welcome|was patient with me|explained everything]
            """,
            details="""
                She helped me with my resume and my application
                They even followed up after I got the job
            """,
            so="""
                I already recommended you to my cousin
                Thank you for everything
            """,
            short="""
                great staff
                very helpful
                friendly people
                loved it
            """,
        ),
        es=_voice(
            says="""
                El personal fue muy amable y me escuchó
                Mi consejera me ayudó mucho
                [Todos|La señorita de la entrada] [fueron muy amables|me trataron muy bien]
                Me sentí respetada y [me explicaron todo|me hablaron en español]
            """,
            details="""
                Me ayudaron con mi resume y la aplicación
            """,
            so="""
                Ya le dije a mi prima que vaya
                Muchas gracias por todo
            """,
            short="""
                muy amables
                excelente servicio
            """,
        ),
    ),
    "waiting": _theme(
        en=_voice(
            says="""
                I waited weeks to hear back after my appointment
                Nobody answered the phone, I left three voicemails
                The wait at the office was over two hours
                It took a month to get my first appointment
                [I called|I emailed] [five|several] times and [nobody got back to me|got no answer]
                [The wait|Waiting] for [an appointment|a call back|my paperwork] [took forever|was too long]
            """,
            details="""
                I had to take a day off work to wait in the lobby
            """,
            so="""
                I almost gave up
            """,
            short="""
                long wait
                slow response
                no call back
                waiting
            """,
        ),
        es=_voice(
            says="""
                Esperé semanas para que me llamaran
                Nadie contestaba el teléfono
                [Esperé|Tuve que esperar] [dos horas|toda la mañana] en la oficina
                [Llamé|Dejé mensajes] varias veces y nadie me regresó la llamada
            """,
            details="""
                Tuve que faltar al trabajo para esperar
            """,
            so="""
                Casi me rindo
            """,
            short="""
                mucha espera
                tardaron mucho
            """,
        ),
    ),
    "paperwork": _theme(
        en=_voice(
            says="""
                Too much paperwork and they kept asking for the same documents
                The forms were confusing and only in English
                I had to bring the same papers three times
                [So many forms|Too much paperwork], [the same questions over and over|pages and pages]
                They [lost|misplaced] my [documents|paperwork] and I had to [start over|bring them again]
            """,
            details="""
                They wanted pay stubs, my ID, my lease, everything
            """,
            so="""
                It felt like they were looking for a reason to say no
            """,
            short="""
                paperwork
                too many forms
                confusing forms
                forms
            """,
        ),
        es=_voice(
            says="""
                Demasiado papeleo y piden los mismos documentos
                [Las formas|Los papeles] [solo estaban en inglés|eran muy confusos]
                [Perdieron|Se les perdieron] mis papeles y tuve que [llevarlos otra vez|empezar de nuevo]
            """,
            details="""
                Me pidieron talones de cheque, mi ID, todo
            """,
            so="""
                Sentí que buscaban razones para decir que no
            """,
            short="""
                mucho papeleo
                los papeles
            """,
        ),
    ),
    "confusing_process": _theme(
        en=_voice(
            says="""
                I didn't know what the next step was
                Nobody explained how the program works or what I qualify for
                Every person told me something different
                [I was confused|It was confusing] about [what I qualify for|which program to pick|the steps]
                [I got|We got] [sent back and forth|passed around] between [offices|people|departments]
            """,
            details="""
                The website says one thing and the office says another
            """,
            so="""
                I still don't know if I'm enrolled
            """,
            short="""
                confusing
                didnt know next steps
                mixed messages
                confusing process
            """,
        ),
        es=_voice(
            says="""
                Nadie me explicó cuál era el siguiente paso
                [No entendí|Nadie me explicó] [el proceso|para qué califico|cómo funciona el programa]
                Cada persona me decía algo diferente
            """,
            details="""
                La página dice una cosa y en la oficina otra
            """,
            so="""
                Todavía no sé si estoy inscrita
            """,
            short="""
                confuso
                muy confuso
            """,
        ),
    ),
}

TOPICS: dict[str, Topic] = {
    "career_barriers": Topic("seeker", _CAREER_BARRIERS),
    "career_help": Topic("seeker", _CAREER_HELP),
    "job_interest": Topic("seeker", _JOB_INTEREST),
    "employer_hiring": Topic("employer", _EMPLOYER_HIRING),
    "employer_skills": Topic("employer", _EMPLOYER_SKILLS),
    "training_change": Topic("learner", _TRAINING_CHANGE),
    "service_experience": Topic("client", _SERVICE_EXPERIENCE),
}
"""Every topic's themes, most common first (the order sets how often each is drawn)."""
