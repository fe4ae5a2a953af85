"""The words the app uses for the alliance: our own plain wording, not any published scale's."""

from __future__ import annotations

PARTS: dict[str, tuple[str, str]] = {
    # part: (name, what a 10 feels like)
    "trust": ("Trust", "I felt safe to say what was really on my mind."),
    "empathy": ("Empathy", "I felt heard and understood."),
    "collaboration": ("Collaboration", "We worked on this together, and I had a say."),
    "communication": ("Communication", "We understood each other, and I could raise what I needed."),
    "shared_goals": ("Shared goals", "We agreed on what we are working towards."),
}
OVERALL = ("Overall connection", "Taking everything together, I felt connected to my therapist.")

ALLIANCE_INTRO = (
    "The working relationship between you and your therapist (the alliance) is one of the strongest"
    " signs of how well therapy will go. It has five parts you can feel: trust (it is safe to say what"
    " is really on your mind), empathy (you feel heard and understood), collaboration (you work on"
    " things together and you have a say), communication (you understand each other and can raise what"
    " you need) and shared goals (you agree on what you are working towards). Noticing how each part"
    " feels, and saying so, helps therapy work better."
)

PRIVACY = "Private: everything stays on this computer. Nothing is sent anywhere."

NOT_A_CRISIS_SERVICE = (
    "This workbook is not a crisis service and nobody reads it. If you are in danger or might hurt"
    " yourself, contact emergency services or a crisis line now."
)

LADDER = {
    -2: "Much less than expected",
    -1: "Less than expected",
    0: "What I expected",
    1: "More than expected",
    2: "Much more than expected",
}

STATUS = {"active": "Active", "achieved": "Achieved", "paused": "Paused", "let_go": "Let go"}
TREND = {"better": "Better", "same": "About the same", "worse": "Worse"}
