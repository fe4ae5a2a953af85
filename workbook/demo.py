"""A realistic, made-up history for trying the app: `python -m workbook demo`.

The same seed and end date always give the same workbook (ids included). The story has what every
chart and signal needs: a rupture where connection dips and a feedback note that repairs it, a run of
perfect scores, a change of therapist, a topic that keeps not getting covered, goals that move and
one that stalls; an own thing to rate (feeling safe to disagree), an own question answered in some
reflections, and a weekly session on Tuesdays. Every word is invented.

`language="es"` tells the same story in Spanish, in words of its own rather than a translation of the
English ones (issue 17). Each list has as many items as its English twin, in the same roles (the
empty answers in the same places), so one seed picks the same moments in both languages; the English
demo is exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from .errors import WorkbookError
from .i18n import _
from .models import (
    ALLIANCE_PARTS,
    ENTRY_TYPES,
    AgendaItem,
    CheckIn,
    Entry,
    FeedbackNote,
    Goal,
    GoalProgress,
    OwnItem,
    OwnQuestion,
    ProgressRating,
    Reflection,
    Schedule,
    SessionCalendar,
    Settings,
)
from .repository import SETTINGS_ID, Repository

THERAPISTS = ("Dr. Amara Okafor", "Sam Lindqvist")
STUCK_TOPIC = "Things with my sister"
TOPICS = (
    "Stress at work",
    "Sleep",
    "The argument with my partner",
    "Feeling flat at the weekend",
    "My mum's health",
    "Saying no to extra shifts",
    "Panic on the train",
    "Whether therapy is helping",
    "Old memories coming back",
    "Money worries",
)
HELPED = (
    "Slowing down when I started to rush through the hard part.",
    "Being asked what I needed instead of being told.",
    "Drawing out the pattern on paper: trigger, thought, what I did.",
    "That you remembered what I said last time about my dad.",
    "Trying the breathing exercise together rather than just hearing about it.",
    "Hearing that it makes sense to feel this way.",
    "Naming what I was avoiding without making me feel silly.",
    "Planning one small step for the week.",
)
NOT_HELPED = (
    "It felt rushed at the end; we ran out of time again.",
    "I felt we went back to childhood when I wanted to talk about this week.",
    "The homework felt like too much on top of work.",
    "I wasn't sure what we were aiming for today.",
    "A couple of times I felt interrupted.",
    "",
    "",
    "",
)
INSIGHTS = (
    "I go quiet when I feel judged, and then I am angry with myself later.",
    "The panic comes before the train, not on it.",
    "I say yes to things so people won't be disappointed.",
    "Rest is not something I have to earn.",
    "My sister and I both learned to keep the peace at any cost.",
    "",
)
FEELINGS = (
    "Tired but lighter.",
    "A bit raw. Went for a walk after.",
    "Hopeful, for the first time in a while.",
    "Frustrated, like we went in circles.",
    "Calm.",
    "Unsettled; I kept thinking about it all evening.",
)
UNSAID = (
    "I didn't say that I nearly cancelled.",
    "I wanted to say the last session upset me.",
    "I didn't mention the drinking at the weekend.",
    "",
    "",
    "",
)
NEXT_STEPS = (
    "Notice when I say yes too fast and pause for ten seconds.",
    "Write down three things at night before bed.",
    "Try one journey with the breathing exercise.",
    "Ask my manager about the rota.",
    "Text my sister, even if it's short.",
    "",
)
HAPPENED = (
    "A hard week at work; two late nights.",
    "Quieter week. Saw friends on Saturday and it was good.",
    "Had a panic attack on Tuesday but got through it.",
    "Argued with my partner about chores, then we talked it out.",
    "Mum had a hospital appointment; I went with her.",
    "Slept badly most nights.",
)
QUESTIONS = (
    "How long does therapy usually take?",
    "Can we talk about what happens when we finish?",
    "Is it normal to feel worse before better?",
    "",
    "",
)
HARD_TO_SAY = (
    "Sometimes I feel you don't really get what my job is like.",
    "I don't always do the homework and I feel bad saying it.",
    "",
    "",
    "",
)


NOTE_BODIES = (
    "Some things I'd like to share about our recent sessions.\n\n"
    "What's been helping: slowing down, and planning one small step for the week.\n"
    f"Something I'd like to change: we haven't got to '{STUCK_TOPIC}' for a while, and the end of sessions"
    " has felt rushed. I'd like us to agree at the start what we cover.",
    "I've felt more connected lately, thank you. Being asked what I need has made a difference.\n\n"
    "One thing: I'm not always sure what we're working towards. Could we look at my goals together?",
    "It's hard for me to say this, but sometimes I feel interrupted before I've finished.\n\n"
    "When that happens I go quiet. It would help if you checked whether I'd finished.",
)


BODY = (
    "Tight shoulders until halfway through, then they dropped.",
    "My jaw was clenched when we talked about work.",
    "A knot in my stomach before I said the hard thing, then relief.",
    "Restless legs; I wanted to leave at one point.",
    "Warm and heavy, like after a long walk.",
)
# The client's own thing to rate and own question, and their regular session (issue 14). Their ids
# and values come from a generator of their own, so the rest of the story stays as it was.
_OWN_ITEM_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "alliance-workbook:demo:disagree"))
_OWN_QUESTION_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "alliance-workbook:demo:body"))
OWN_ITEM = OwnItem(id=_OWN_ITEM_ID, label="Felt safe to disagree")
OWN_QUESTION = OwnQuestion(id=_OWN_QUESTION_ID, prompt="What did I notice in my body?")

GoalWords = dict[str, object]  # a goal's title, why it matters, what would be different, first step, ladder


@dataclass(frozen=True)
class DemoTexts:
    """Every word of the demo in one language. Lists the story picks from at random keep the
    English lengths and the empty answers in the same places: the seed decides which item, the
    language only what it says."""

    name: str
    therapists: tuple[str, str]
    stuck_topic: str
    topics: tuple[str, ...]  # 10
    helped: tuple[str, ...]  # 8
    not_helped: tuple[str, ...]  # 8; the first is the rupture's "rushed at the end", the last three empty
    insights: tuple[str, ...]  # 6, the last empty
    feelings: tuple[str, ...]  # 6
    unsaid: tuple[str, ...]  # 6, the last three empty
    next_steps: tuple[str, ...]  # 6, the last empty
    happened: tuple[str, ...]  # 6
    homework_worked: tuple[str, ...]  # 3, the last empty
    homework_hard: tuple[str, ...]  # 3, the last empty
    questions: tuple[str, ...]  # 5, the last two empty
    hard_to_say: tuple[str, ...]  # 5, the last three empty
    note_bodies: tuple[str, ...]  # 3
    response: str  # the therapist's answer to a shared note, as the client noted it
    agreed_changes: str
    body: tuple[str, ...]  # 5 answers to the own question
    progress_note: str  # a rating on the goals page between sessions
    goals: tuple[GoalWords, GoalWords, GoalWords]  # one that moves, one that stalls, one achieved
    own_item: OwnItem
    own_question: OwnQuestion


ENGLISH = DemoTexts(
    name="Alex",
    therapists=THERAPISTS,
    stuck_topic=STUCK_TOPIC,
    topics=TOPICS,
    helped=HELPED,
    not_helped=NOT_HELPED,
    insights=INSIGHTS,
    feelings=FEELINGS,
    unsaid=UNSAID,
    next_steps=NEXT_STEPS,
    happened=HAPPENED,
    homework_worked=("The breathing helped twice.", "Writing things down.", ""),
    homework_hard=("Finding the time.", "Remembering to do it.", ""),
    questions=QUESTIONS,
    hard_to_say=HARD_TO_SAY,
    note_bodies=NOTE_BODIES,
    response="Thank you for telling me. Let's start each session by agreeing the agenda together.",
    agreed_changes="Agree the agenda at the start; keep five minutes at the end.",
    body=BODY,
    progress_note="Noticed this on the way in to work.",
    goals=(
        {
            "title": "Feel less anxious on the way to work",
            "why_it_matters": "I dread Mondays and it spills into the whole week.",
            "magic_wand": "I'd take the train without planning my escape route.",
            "first_step": "Try one journey using the breathing exercise.",
            "ladder": {
                "-2": "I avoid the train completely.",
                "-1": "I take it but feel panicky most days.",
                "0": "Some anxious journeys, but I don't avoid it.",
                "1": "Mostly calm; anxious now and then.",
                "2": "I barely think about it.",
            },
        },
        {
            "title": "Speak up when something bothers me",
            "why_it_matters": "I swallow things and then explode, or go quiet for days.",
            "magic_wand": "I'd say 'that didn't work for me' on the day, calmly.",
            "first_step": "Notice the moment I decide to stay quiet.",
            "ladder": {"-1": "I still say nothing.", "0": "I say something, later.", "1": "I say it on the day."},
        },
        {
            "title": "Sleep through most nights",
            "why_it_matters": "Everything is harder when I'm exhausted.",
            "magic_wand": "I'd wake up rested at least four days a week.",
            "first_step": "Phone out of the bedroom.",
        },
    ),
    own_item=OWN_ITEM,
    own_question=OWN_QUESTION,
)

# Clara writes her own journal in neutral Spanish (tú, no regional slang): her therapist is first
# Lucía Herrera, then Mateo Ibarra; the metro stands in for the English train.
_ES_STUCK_TOPIC = "Lo de mi hermana"
SPANISH = DemoTexts(
    name="Clara",
    therapists=("Dra. Lucía Herrera", "Mateo Ibarra"),
    stuck_topic=_ES_STUCK_TOPIC,
    topics=(
        "La presión en el trabajo",
        "El insomnio",
        "La pelea con mi pareja",
        "Los fines de semana que me siento apagada",
        "La salud de mi madre",
        "Poner límites con mi jefa",
        "Los ataques de pánico en el metro",
        "Si la terapia me está sirviendo",
        "Recuerdos del colegio que vuelven",
        "El dinero, que no me alcanza",
    ),
    helped=(
        "Que me frenaras un poco cuando empecé a hablar a toda prisa de lo más difícil.",
        "Que me preguntaras qué necesitaba en vez de decírmelo tú.",
        "Dibujar el círculo en un papel: lo que pasa, lo que pienso y lo que hago.",
        "Que te acordaras de lo que te conté de mi padre la otra vez.",
        "Probar la respiración allí mismo, en la sesión, y no solo hablar de ella.",
        "Oír que tiene sentido que me sienta así.",
        "Ponerle nombre a lo que estoy evitando sin hacerme sentir tonta.",
        "Quedarnos con un solo paso pequeño para esta semana.",
    ),
    not_helped=(
        "Al final todo fue con prisas; otra vez nos quedamos sin tiempo.",
        "Volvimos a mi infancia cuando yo quería hablar de esta semana.",
        "La tarea para casa se me hizo demasiado, con todo lo del trabajo.",
        "No tenía claro qué buscábamos hoy.",
        "Un par de veces sentí que me cortabas.",
        "",
        "",
        "",
    ),
    insights=(
        "Cuando me siento juzgada me callo, y luego me enfado conmigo misma.",
        "El pánico empieza antes de bajar al metro, no dentro del vagón.",
        "Digo que sí a todo para que nadie se decepcione conmigo.",
        "Descansar no es algo que tenga que ganarme.",
        "Mi hermana y yo aprendimos a no hacer olas, costara lo que costara.",
        "",
    ),
    feelings=(
        "Cansada, pero más ligera.",
        "Un poco removida. Salí a caminar un rato después.",
        "Con esperanza, por primera vez en mucho tiempo.",
        "Frustrada, como si hubiéramos dado vueltas en círculo.",
        "Tranquila.",
        "Inquieta; me pasé toda la tarde dándole vueltas.",
    ),
    unsaid=(
        "No dije que estuve a punto de cancelar.",
        "Quería decir que la sesión anterior me dejó mal.",
        "No conté que el fin de semana bebí más de la cuenta.",
        "",
        "",
        "",
    ),
    next_steps=(
        "Darme cuenta de cuándo digo que sí demasiado rápido y esperar diez segundos.",
        "Apuntar tres cosas por la noche antes de dormir.",
        "Hacer un trayecto en metro con el ejercicio de respiración.",
        "Hablar con mi jefa sobre los turnos.",
        "Escribirle a mi hermana, aunque sea un mensaje corto.",
        "",
    ),
    happened=(
        "Semana dura en el trabajo; dos noches saliendo tardísimo.",
        "Una semana más tranquila. El sábado vi a mis amigas y me hizo bien.",
        "El jueves tuve un ataque de pánico, pero lo superé.",
        "Discutí con mi pareja por las tareas de la casa; luego lo hablamos con calma.",
        "Mi madre tenía consulta en el hospital y la acompañé.",
        "Dormí mal casi todas las noches.",
    ),
    homework_worked=("La respiración me sirvió dos veces.", "Escribir lo que me pasaba en una libreta.", ""),
    homework_hard=("Encontrar el momento.", "Acordarme de hacerla.", ""),
    questions=(
        "¿Cuánto suele durar una terapia?",
        "¿Podemos hablar de cómo será cuando terminemos?",
        "¿Es normal sentirse peor antes de empezar a sentirse mejor?",
        "",
        "",
    ),
    hard_to_say=(
        "A veces siento que no te haces una idea de cómo es mi trabajo.",
        "No siempre hago las tareas y me da vergüenza reconocerlo.",
        "",
        "",
        "",
    ),
    note_bodies=(
        "Quiero contarte algunas cosas sobre nuestras últimas sesiones.\n\n"
        "Lo que me está ayudando: ir más despacio y pensar un paso pequeño para cada semana.\n"
        f"Algo que me gustaría cambiar: hace tiempo que no llegamos a «{_ES_STUCK_TOPIC}», y los finales"
        " de sesión se me hacen con prisas. Me gustaría que al empezar acordáramos de qué vamos a hablar.",
        "Últimamente me siento más a gusto contigo, gracias. Que me preguntes qué necesito ha cambiado mucho"
        " las cosas.\n\n"
        "Una cosa: no siempre tengo claro hacia dónde vamos. ¿Podríamos repasar mis objetivos en la próxima"
        " sesión?",
        "Me cuesta decir esto, pero a veces siento que me interrumpes antes de que termine.\n\n"
        "Cuando pasa, me cierro. Me ayudaría que me preguntaras si ya he terminado.",
    ),
    response="Gracias por decírmelo. Vamos a empezar cada sesión poniéndonos de acuerdo en los temas.",
    agreed_changes="Acordar los temas al principio; dejar cinco minutos libres al final.",
    body=(
        "Los hombros tensos hasta la mitad de la sesión; luego se me soltaron.",
        "Apretaba la mandíbula cuando hablamos del trabajo.",
        "Un nudo en el estómago antes de decir lo difícil, y después alivio.",
        "Las piernas inquietas; en un momento tuve ganas de irme.",
        "Calor y pesadez, como después de una caminata larga.",
    ),
    progress_note="Me di cuenta de esto de camino al trabajo.",
    goals=(
        {
            "title": "Ir al trabajo con menos ansiedad",
            "why_it_matters": "Los lunes me dan pavor y eso me contamina toda la semana.",
            "magic_wand": "Subiría al metro sin ir pensando por dónde escaparme.",
            "first_step": "Probar un trayecto con el ejercicio de respiración.",
            "ladder": {
                "-2": "Evito el metro por completo.",
                "-1": "Lo tomo, pero casi todos los días con angustia.",
                "0": "Algunos trayectos con nervios, pero ya no lo evito.",
                "1": "Casi siempre voy tranquila; alguna vez me pongo nerviosa.",
                "2": "Casi ni pienso en ello.",
            },
        },
        {
            "title": "Decir las cosas cuando algo me molesta",
            "why_it_matters": "Me lo trago todo y luego exploto, o me paso días sin hablar.",
            "magic_wand": "Diría «eso no me sentó bien» ese mismo día, con calma.",
            "first_step": "Fijarme en el momento en que decido callarme.",
            "ladder": {"-1": "Sigo sin decir nada.", "0": "Lo digo, pero días después.", "1": "Lo digo ese mismo día."},
        },
        {
            "title": "Dormir de un tirón casi todas las noches",
            "why_it_matters": "Todo me cuesta el doble cuando estoy agotada.",
            "magic_wand": "Me despertaría descansada al menos cuatro días por semana.",
            "first_step": "Dejar el móvil fuera del dormitorio.",
        },
    ),
    own_item=OwnItem(id=_OWN_ITEM_ID, label="Me sentí libre para discrepar"),
    own_question=OwnQuestion(id=_OWN_QUESTION_ID, prompt="¿Qué noté en mi cuerpo?"),
)

#: The demo's words by language (the codes of Settings.language).
TEXTS: dict[str, DemoTexts] = {"en": ENGLISH, "es": SPANISH}


class UnknownLanguageError(WorkbookError, ValueError):
    """A demo was asked for in a language it has no words for."""


def texts_for(language: str) -> DemoTexts:
    """The demo's words in `language` ("en" or "es")."""
    try:
        return TEXTS[language]
    except (KeyError, TypeError):
        known = ", ".join(f"'{code}'" for code in TEXTS)
        raise UnknownLanguageError(
            f"The demo has no words in the language {language!r}: choose one of {known}."
        ) from None


def _own(rng: random.Random, level: float, weak: str | None, texts: DemoTexts) -> tuple[dict[str, int], dict[str, str]]:
    """Most sessions rate feeling safe to disagree (lower while goals felt unclear); some reflections
    answer the body question."""
    ratings = {}
    if rng.random() < 0.85:
        ratings[texts.own_item.id] = _clamp(level - (2.5 if weak == "shared_goals" else 0.5) + rng.uniform(-0.8, 0.8))
    answers = {texts.own_question.id: rng.choice(texts.body)} if rng.random() < 0.4 else {}
    return ratings, answers


def _calendar(until: date, therapist: str) -> SessionCalendar:
    """Weekly on Tuesdays at 17:00 for 50 minutes (the demo's sessions are on Tuesdays), for the last
    four weeks."""
    tuesday = until - timedelta(days=((until.weekday() - 1) % 7 or 7) + 21)
    return SessionCalendar(
        schedules=(
            Schedule(
                id=str(uuid.uuid5(uuid.NAMESPACE_URL, "alliance-workbook:demo:tuesdays")),
                starts_on=tuesday,
                start=time(17, 0),
                minutes=50,
                therapist=therapist,
            ),
        )
    )


def _pick(rng: random.Random, options: tuple[str, ...]) -> str:
    return rng.choice(options)


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _at(day: date, hour: int, rng: random.Random) -> datetime:
    return datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=UTC)


def _clamp(value: float, low: int = 0, high: int = 10) -> int:
    return max(low, min(high, round(value)))


def _session_dates(rng: random.Random, sessions: int, until: date) -> list[date]:
    gaps = (7, 7, 7, 7, 7, 14) if sessions <= 150 else (3, 4, 3, 4, 7)
    days, day = [], until - timedelta(days=(until.weekday() - 1) % 7 or 7)  # the last Tuesday before `until`
    for _session in range(sessions):
        days.append(day)
        day -= timedelta(days=rng.choice(gaps))
    return days[::-1]


def _goals(rng: random.Random, start: date, texts: DemoTexts) -> list[Goal]:
    created = _at(start, 20, rng)

    def goal(words: GoalWords, **fields: object) -> Goal:
        return Goal(id=_id(rng), created_at=created, updated_at=created, **words, **fields)

    moving, stalling, achieved = texts.goals
    return [
        goal(moving, agreed_with_therapist=True),
        goal(stalling, agreed_with_therapist=False),
        goal(achieved, agreed_with_therapist=True, status="achieved"),
    ]


def _connection(index: int, total: int, rng: random.Random) -> tuple[float, str | None]:
    """The story of the relationship: a level for session `index` and which part is weak."""
    position = index / max(total - 1, 1)
    if total >= 12 and 0.25 <= position < 0.35:  # a rupture: rushed sessions, goals unclear
        return 5.8 + rng.uniform(-0.6, 0.6), "shared_goals"
    if total >= 12 and 0.44 <= position < 0.54:  # everything perfect: hard to criticise?
        return 10.0, None
    if total >= 20 and 0.6 <= position < 0.68:  # a new therapist; trust takes time
        return 6.8 + (position - 0.6) * 25 + rng.uniform(-0.4, 0.4), "trust"
    return 8.6 + rng.uniform(-0.9, 0.9), None


def _ratings(level: float, weak: str | None, rng: random.Random) -> dict[str, int]:
    if level >= 10:
        return dict.fromkeys((*ALLIANCE_PARTS, "overall"), 10)
    ratings = {part: _clamp(level + rng.uniform(-0.8, 0.8)) for part in ALLIANCE_PARTS}
    if weak:
        ratings[weak] = _clamp(level - 2 + rng.uniform(-0.5, 0.5))
    ratings["overall"] = _clamp(sum(ratings.values()) / len(ratings) + rng.uniform(-0.4, 0.4))
    return ratings


def build_demo(sessions: int = 40, seed: int = 7, until: date | None = None, language: str = "en") -> list[Entry]:
    """The demo workbook's entries: settings, goals, then a check-in and reflection per session, in
    `language` ("en" or "es"; the same story and dates for the same seed in either)."""
    texts = texts_for(language)
    if not 1 <= sessions <= 10_000:
        raise WorkbookError("The number of demo sessions must be between 1 and 10000.")
    rng = random.Random(seed)
    until = until or date.today()
    days = _session_dates(rng, sessions, until)
    therapist_change = int(sessions * 0.6) if sessions >= 20 else sessions
    goals = _goals(rng, days[0] - timedelta(days=3), texts)
    active_goals = [g for g in goals if g.status == "active"]
    progress: dict[str, list[ProgressRating]] = {g.id: [] for g in goals}
    entries: list[Entry] = []
    notes: list[FeedbackNote] = []
    period_start = days[0]
    unsaid = ""
    # Feedback right after the rupture (the note that repairs it), then every eight sessions.
    repair = int(0.35 * (sessions - 1)) if sessions >= 12 else 7
    own_rng = random.Random(seed * 7919 + 1)
    feedback_after = {repair, *range(repair + 8, sessions - 6, 8)}
    for index, day in enumerate(days):
        therapist = texts.therapists[0] if index < therapist_change else texts.therapists[1]
        level, weak = _connection(index, sessions, rng)
        wellbeing = _clamp(4 + index / max(sessions, 1) * 3 + rng.uniform(-2, 2))
        topics = [texts.stuck_topic] if index % 3 == 1 else []
        topics += rng.sample(texts.topics, rng.randint(1, 2))
        checkin = CheckIn(
            id=_id(rng),
            created_at=_at(day - timedelta(days=1), 21, rng),
            updated_at=_at(day - timedelta(days=1), 21, rng),
            session_date=day,
            therapist=therapist,
            wellbeing=wellbeing,
            trend=rng.choice(("better", "same", "same", "worse")),
            what_happened=_pick(rng, texts.happened),
            homework_worked=_pick(rng, texts.homework_worked),
            homework_hard=_pick(rng, texts.homework_hard),
            topics=tuple(topics[:3]),
            questions=_pick(rng, texts.questions),
            hard_to_say=unsaid or _pick(rng, texts.hard_to_say),
            safety_concern=index == min(5, sessions - 1) and sessions > 5,
        )
        touched = []
        for goal in active_goals:
            if rng.random() < 0.5:
                continue
            if goal is active_goals[0]:
                rating = _clamp(-2 + 4 * index / max(sessions - 1, 1) + rng.uniform(-0.7, 0.7), -2, 2)
            else:  # "speak up" stalls: touched, rarely rated after the start
                rating = -1 if index < 4 else None
            touched.append(GoalProgress(goal_id=goal.id, rating=rating, note=""))
        if index % 10 == 5:  # now and then, a rating on the goals page between sessions
            first = active_goals[0]
            step = _clamp(-2 + 4 * index / max(sessions - 1, 1), -2, 2)
            note = texts.progress_note
            progress[first.id].append(ProgressRating(on=day + timedelta(days=2), rating=step, note=note))
        ratings = _ratings(level, weak, rng)
        own_ratings, own_answers = _own(own_rng, level, weak, texts)
        unsaid = _pick(rng, texts.unsaid)
        reflection = Reflection(
            id=_id(rng),
            created_at=_at(day, 19, rng),
            updated_at=_at(day, 19, rng),
            session_date=day,
            therapist=therapist,
            checkin_id=checkin.id,
            agenda=tuple(
                AgendaItem(topic=t, covered=t != texts.stuck_topic and rng.random() < 0.8) for t in checkin.topics
            ),
            what_helped=_pick(rng, texts.helped),
            what_did_not_help=texts.not_helped[0] if weak == "shared_goals" else _pick(rng, texts.not_helped),
            insights=_pick(rng, texts.insights),
            feelings_after=_pick(rng, texts.feelings),
            unsaid=unsaid,
            next_steps=_pick(rng, texts.next_steps),
            goals=tuple(touched),
            private=rng.random() < 0.08,
            own_ratings=own_ratings,
            own_answers=own_answers,
            **ratings,
        )
        entries += [checkin, reflection]
        if index in feedback_after or index == sessions - 1:
            notes.append(
                _feedback(
                    rng,
                    start=period_start,
                    end=day,
                    therapist=therapist,
                    days=days,
                    index=index,
                    last=index == sessions - 1,
                    texts=texts,
                )
            )
            period_start = day + timedelta(days=1)
    goals = [g.model_copy(update={"progress": tuple(progress[g.id])}) for g in goals]
    moment = _at(days[0] - timedelta(days=3), 20, rng)
    settings = Settings(
        id=SETTINGS_ID,
        created_at=moment,
        updated_at=moment,
        name=texts.name,
        therapists=texts.therapists[: 2 if sessions >= 20 else 1],
        own_items=(texts.own_item,),
        own_questions=(texts.own_question,),
        calendar=_calendar(until, texts.therapists[1] if sessions >= 20 else texts.therapists[0]),
        # English leaves the choice to the client (the browser's language), as the demo always has.
        # The Spanish demo lives in Spain: Help now lists Spain's own lines (workbook/crisis.py).
        **({"language": language, "crisis_country": "España"} if language != "en" else {}),
    )
    return [_marked(entry) for entry in (settings, *goals, *entries, *notes)]


# --- The demo's mark ----------------------------------------------------------------------------
# Each demo entry carries a mark in the microseconds of its two times (never shown: times are shown to
# the minute), worked out from everything else in it. Saving an entry in the app sets its
# `updated_at` to now, and an entry written in the app has times of its own, so an entry still
# carrying its mark is one nobody has written in or changed since the demo made it; a workbook whose
# every entry does is an untouched demo, which a new demo may replace (`fill_with_demo`).


def _mark(entry: Entry) -> tuple[int, int]:
    """The two microsecond values that mark `entry` as the demo wrote it."""
    content = entry.model_dump(mode="json", exclude={"created_at", "updated_at"})
    times = [entry.created_at.replace(microsecond=0).isoformat(), entry.updated_at.replace(microsecond=0).isoformat()]
    digest = hashlib.sha256(json.dumps([content, times], sort_keys=True).encode("utf-8")).digest()
    return int.from_bytes(digest[:4]) % 1_000_000, int.from_bytes(digest[4:8]) % 1_000_000


def _marked(entry: Entry) -> Entry:
    created, updated = _mark(entry)
    return entry.model_copy(
        update={
            "created_at": entry.created_at.replace(microsecond=created),
            "updated_at": entry.updated_at.replace(microsecond=updated),
        }
    )


def is_demo_entry(entry: Entry) -> bool:
    """Whether `entry` is as the demo wrote it: not written, changed or chosen by a person."""
    return _mark(entry) == (entry.created_at.microsecond, entry.updated_at.microsecond)


def untouched_demo(repo: Repository) -> bool:
    """Whether the workbook holds a demo and nothing else: every entry, and the settings if they were
    ever saved, exactly as the demo wrote them. False for an empty workbook."""
    stored = [entry for model in ENTRY_TYPES.values() for entry in repo.all(model)]
    return bool(stored) and all(is_demo_entry(entry) for entry in stored)


def _feedback(
    rng: random.Random,
    *,
    start: date,
    end: date,
    therapist: str,
    days: list[date],
    index: int,
    last: bool,
    texts: DemoTexts,
) -> FeedbackNote:
    shared = not last and index + 1 < len(days)
    shared_on = days[index + 1] if shared else None
    moment = _at(end, 21, rng)
    return FeedbackNote(
        id=_id(rng),
        created_at=moment,
        updated_at=moment,
        period_start=start,
        period_end=end,
        therapist=therapist,
        body=rng.choice(texts.note_bodies),
        shared_on=shared_on,
        response=texts.response if shared and rng.random() < 0.8 else "",
        agreed_changes=texts.agreed_changes if shared else "",
    )


class NotADemoError(WorkbookError):
    """The workbook holds something a person wrote or chose: no demo goes into it."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        super().__init__(
            _(
                "{path} already has entries, and some of them are not the demo's (written, changed or chosen"
                " in the app), so no demo goes into it and nothing was changed. For a demo, use --db with a"
                " new file, such as {other}."
            ).format(path=path, other=_unused_beside(path))
        )


def _unused_beside(path: Path | None) -> Path:
    """A file name beside `path` that is not taken yet: demo-workbook-2.json, -3…"""
    if path is None:  # a workbook in memory: any new file
        return Path("demo-workbook.json")
    stem = path.stem
    for number in range(2, 1000):
        other = path.with_name(f"{stem}-{number}{path.suffix or '.json'}")
        if not other.exists():
            return other
    return path.with_name(f"{stem}-{uuid.uuid4().hex[:8]}{path.suffix or '.json'}")


def fill_with_demo(
    repo: Repository, sessions: int = 40, seed: int = 7, until: date | None = None, language: str = "en"
) -> int:
    """Write the demo history, in `language`, into an empty workbook, or in place of an untouched demo
    (`untouched_demo`: nothing in it written, changed or chosen by a person); refuses any other
    workbook (NotADemoError), changing nothing. Returns how many entries were written."""
    entries = build_demo(sessions, seed, until, language)
    with repo.batch():
        if not repo.is_empty():
            if not untouched_demo(repo):
                raise NotADemoError(repo.path)
            new = {(entry.kind, entry.id) for entry in entries}
            for model in ENTRY_TYPES.values():
                for old in repo.all(model):
                    if (old.kind, old.id) not in new:
                        repo.delete(model, old.id)
        return repo.save_many(entries, keep_times=True)
