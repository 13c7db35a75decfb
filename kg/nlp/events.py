"""The ``kg_events`` component: events from trigger words (``events.jsonl``).

A trigger ("talks", "drone attack", "airstrike", "withdrawal", "war") becomes
an event span, widened to the words that tell which event it is: an ordinal
round ("first round of talks"), a place or actor in front ("US airstrike",
"Israel-Hamas war", "Israel's war") and a "between X and Y" / "on X" / "in X"
tail. Spans go to ``doc.spans["kg_events"]`` labelled with the event kind.
Bare plural triggers with nothing to pin them down ("attacks") are skipped:
they name a kind of happening, not one event.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..records import ORGANIZATION, PERSON, PLACE
from .. import resources as res

EVENTS_KEY = "kg_events"
ORDINALS = {"first", "second", "third", "fourth", "fifth", "new", "latest", "final", "last"}
ACTORS = {PLACE, ORGANIZATION, PERSON}
TAIL_PREPOSITIONS = {"between", "on", "in", "against", "with"}
MODIFIERS = {"drone", "rocket", "missile", "deadly", "bilateral", "formal", "retaliatory", "reprisal", "joint"}


class EventRecognizer:
    """Trigger-rule event spans."""

    def __init__(self, nlp: Language) -> None:
        self.kinds = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in res.jsonl("events.jsonl"):
            self.kinds[rule["trigger"]] = rule["kind"]
            self.matcher.add(rule["trigger"], [nlp.make_doc(rule["trigger"])])

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc.spans["kg_events"]``."""
        ent_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        spans = []
        for match_id, start, end in self.matcher(doc):
            kind = self.kinds[doc.vocab.strings[match_id]]
            s = self._extend_left(doc, start, ent_at)
            e = self._extend_right(doc, end, ent_at)
            if s == start and e == end and doc[end - 1].lower_.endswith("s") and kind != "Talks":
                continue
            spans.append(Span(doc, s, e, label=kind))
        doc.spans[EVENTS_KEY] = filter_spans(spans)
        return doc

    @staticmethod
    def _extend_left(doc: Doc, start: int, ent_at: dict) -> int:
        s = start
        while s > 0:
            prev = doc[s - 1]
            if prev.lower_ in MODIFIERS:
                s -= 1
            elif prev.lower_ == "of" and s >= 3 and doc[s - 2].lower_ in {"round", "session"} and doc[s - 3].lower_ in ORDINALS:
                s -= 3
            elif prev.lower_ in {"’s", "'s"} and s >= 2 and (s - 2) in ent_at and ent_at[s - 2].label_ in ACTORS:
                s = ent_at[s - 2].start
            elif (s - 1) in ent_at and ent_at[s - 1].label_ in ACTORS:
                s = ent_at[s - 1].start
                if s >= 2 and doc[s - 1].text == "-" and (s - 2) in ent_at:
                    s = ent_at[s - 2].start
            elif prev.text == "-" and s >= 2 and doc[s - 2].lower_ == "led":
                break
            else:
                break
        return s

    @staticmethod
    def _extend_right(doc: Doc, end: int, ent_at: dict) -> int:
        if end < len(doc) and doc[end].lower_ in TAIL_PREPOSITIONS and end + 1 in ent_at:
            ent = ent_at[end + 1]
            if ent.label_ in ACTORS:
                e = ent.end
                if doc[end].lower_ == "between" and e + 1 in ent_at and doc[e].lower_ == "and":
                    e = ent_at[e + 1].end
                return e
        return end


@Language.factory("kg_events")
def make_event_recognizer(nlp: Language, name: str) -> EventRecognizer:
    """Registered factory for :class:`EventRecognizer`."""
    return EventRecognizer(nlp)


__all__ = ["EventRecognizer", "EVENTS_KEY"]
