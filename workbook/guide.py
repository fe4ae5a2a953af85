"""'Making the relationship work': what a client can do, what gets in the way, and what research found.

Our own words, drawn from the research docs/design.md cites (Bordin's working alliance; routine client
feedback). Data, not layout: the Guide page and the links from each signal draw it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_


@dataclass(frozen=True)
class Tip:
    """A heading and its paragraph, both marked N_(): translated with _() where they are shown."""

    title: str
    text: str


INTRO = N_(
    "Therapy works best when you and your therapist work well together. That working relationship is"
    " not luck: it is built, by both of you, one session at a time. Here is what tends to help, what"
    " tends to get in the way, and what you can try."
)

WHAT_HELPS = (
    Tip(
        N_("Be open, even about small things"),
        N_(
            "Say what is really on your mind, including how therapy itself feels. If something your"
            " therapist said did not fit, that is useful to hear. You can start small: “I am not sure how to"
            " say this, but…”."
        ),
    ),
    Tip(
        N_("Agree on what you are working towards"),
        N_(
            "Goals you have put into words together make it easier to see whether things are moving. They"
            " can change; saying so is part of the work."
        ),
    ),
    Tip(
        N_("Say what works and what does not"),
        N_(
            "Therapists welcome feedback, and many find it hard to read from the outside. A note prepared"
            " in advance, like the ones in this workbook, makes it easier to say in the room."
        ),
    ),
    Tip(
        N_("Take part between sessions"),
        N_(
            "Trying things out between sessions, and noticing what happened, gives the next session"
            " something real to work with."
        ),
    ),
    Tip(
        N_("Give it time"),
        N_(
            "Trust grows slowly, and an awkward session is not a failure. What matters is whether you can talk"
            " about it."
        ),
    ),
)

WHAT_GETS_IN_THE_WAY = (
    Tip(
        N_("Misunderstandings"),
        N_(
            "You meant one thing and it was heard as another. Try: “Can I go back to something from last"
            " time? I do not think I explained it well.”"
        ),
    ),
    Tip(
        N_("Different expectations"),
        N_(
            "You hoped for advice and got questions, or the other way round. Try: “Could we talk about how"
            " we work together? I am not sure what to expect.”"
        ),
    ),
    Tip(
        N_("Things outside therapy that make trust hard"),
        N_(
            "Past experiences can make it hard to trust anyone, a therapist included. Naming that, when you"
            " are ready, is itself a step."
        ),
    ),
    Tip(
        N_("Cultural differences"),
        N_(
            "Background, beliefs, language or identity may not be understood at first. You can ask whether"
            " your therapist is familiar with them, and say what matters to you."
        ),
    ),
)

# The figures as English research papers write them (a correlation without its leading zero: r = .28);
# each language writes them its own way, in its translation ("r = 0,28").
RESEARCH = (
    N_(
        # TRANSLATORS: write the figure as your language writes a decimal number (Spanish: "r = 0,28").
        "Across 295 studies with more than 30,000 clients, a stronger working relationship went with better"
        " results (r = .28; Flückiger and colleagues, 2018)."
    ),
    N_(
        # TRANSLATORS: write the figure as your language writes a decimal number (Spanish: "r = 0,28").
        "When a strain in the relationship was noticed and talked through, therapy tended to go better"
        " (r = .29; Eubanks and colleagues, 2018)."
    ),
    N_(
        # TRANSLATORS: write the figure as your language writes a decimal number (Spanish: "r = 0,28").
        "Clients rating the relationship and their progress regularly, with those ratings discussed, helps"
        " a little on average and more for people who are not on track (d ≈ 0.15; de Jong and colleagues,"
        " 2021)."
    ),
    N_(
        # TRANSLATORS: "(93%)" is written so, in brackets, so that the catalogue does not take "% o" for a
        # placeholder; write the figure as your language writes a percentage.
        "Nearly all clients (93%) say they have lied to their therapist at some point, most often about therapy"
        " itself, such as seeming to like a comment or saying therapy works when it does not (Blanchard and"
        " Farber, 2016); about one client in five stops therapy early (Swift and Greenberg, 2012). Saying"
        " what is not working is how it can change."
    ),
)


# Questions a client may take as their own (Settings, "Your own questions"), drawn from the same
# research: the bond, agreement on tasks and on goals, and what gets in the way (misunderstanding,
# different expectations, things outside therapy, differences in background). (question, asked)
SUGGESTED_QUESTIONS = (
    (N_("Did I feel understood today? Where not?"), "after"),
    (N_("Did what we did in the session feel like the right way to work on my goals?"), "after"),
    (N_("Are we still working towards what matters most to me?"), "before"),
    (N_("Was there a moment I felt misunderstood or judged?"), "after"),
    (N_("What did I expect from this session, and what happened instead?"), "after"),
    (N_("What is happening outside therapy that I want my therapist to know?"), "before"),
    (N_("Is there something about who I am (culture, faith, identity, background) that felt unseen?"), "after"),
    (N_("What did I notice in my body?"), "after"),
)
