"""The ``kg_events`` component: events from trigger words (``events.jsonl``).

A trigger ("talks", "drone attack", "airstrike", "withdrawal", "war") becomes
an event span, widened to the words that tell which event it is: an ordinal
round ("first round of talks"), a place or actor in front ("US airstrike",
"Israel-Hamas war", "Israel's war"), describing words, a year or a tally in
front ("overnight attack", "full-scale invasion", "July 2023 coup", "70-29
vote"; not the hedges of ``event_stop_modifiers.txt``) and a tail naming the
parties, the place or the date ("between X and Y", "on X", "in X", "in
January 2020").

Names of events that end with a capitalised head word of ``event_heads.tsv``
("US Open", "WTA Finals", "Tokyo Marathon", "Sagrenti War") are events too,
and a name right before a lower-case trigger is part of it ("China Open final").

``doc.spans["kg_events"]`` holds the widened spans and
``doc.spans["kg_event_cores"]`` the same spans without their tail, in the same
order; both are labelled with the event kind. Plural triggers of kinds whose
``plural`` is ``drop`` in ``event_kinds.json`` ("150 attacks") are skipped:
they name a kind of happening, not one event; nor are triggers inside a name
("BC Wildfire Service") or used as adjectives ("the ruling party").
"""
from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import resources as res
from ..records import ORGANIZATION, PERSON, PLACE
from .arrays import indices, string_ids
from .entities import OWNER_MARKS

EVENTS_KEY = "kg_events"
CORES_KEY = "kg_event_cores"
ORDINALS = {"first", "second", "third", "fourth", "fifth", "new", "latest", "final", "last"}
ACTORS = {PLACE, ORGANIZATION, PERSON}
TAIL_PREPOSITIONS = {"between", "on", "in", "against", "with"}
DETERMINERS = {"the", "a", "an"}
MODIFIERS = {"drone", "rocket", "missile", "deadly", "bilateral", "formal", "retaliatory", "reprisal", "joint"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"}


WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
YEAR = re.compile(r"(19|20)\d\d")
ORDINAL_NUMBER = re.compile(r"\d+(st|nd|rd|th)")
HYPHENS = {"-", "‐", "‑"}
STOP_MODIFIERS = res.word_list("event_stop_modifiers.txt")
DEMONYMS = frozenset(res.demonyms())
ADJECTIVES = {"final"}  # triggers that are adjectives before a noun ("the final decision")


def _describes(token) -> bool:
    """A lower-case word that says which event this is ("overnight", "tactical", "snap", "army")."""
    text = token.text
    return (text.isalpha() and text.islower() and len(text) > 2 and not token.is_stop
            and text not in STOP_MODIFIERS and not text.endswith(("ed", "ing", "ly")))


def _modifies_a_noun(doc: Doc, end: int) -> bool:
    """A trigger in -ing (or ``ADJECTIVES``) right before a lower-case noun is an adjective ("ruling party",
    "flooding risk", "final decision"); not before a verb ("the ruling surprised", "the hearing ran late")."""
    if not (doc[end - 1].lower_.endswith("ing") or doc[end - 1].lower_ in ADJECTIVES) or end >= len(doc):
        return False
    nxt = doc[end]
    return nxt.is_alpha and nxt.text.islower() and not nxt.is_stop and not nxt.text.endswith(("ed", "s")) \
        and nxt.text not in STOP_MODIFIERS  # "the hearing ran late": a verb


def _modifies_a_name(doc: Doc, start: int, end: int, ent_at: dict) -> bool:
    """A trigger in -ing between "the" and a name is an adjective ("the ruling Georgian Dream party")."""
    return doc[end - 1].lower_.endswith("ing") and start > 0 and doc[start - 1].lower_ == "the" \
        and end in ent_at


class EventRecognizer:
    """Trigger-rule event spans."""

    def __init__(self, nlp: Language) -> None:
        self.kinds: dict[str, list[tuple[str, frozenset[str]]]] = {}  # trigger: (kind, context words), in order
        self.policy = res.event_kinds()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in res.jsonl("events.jsonl"):
            if rule["trigger"] not in self.kinds:
                self.matcher.add(rule["trigger"], [nlp.make_doc(rule["trigger"])])
            self.kinds.setdefault(rule["trigger"], []).append((rule["kind"], frozenset(rule.get("context", ()))))
        self.named_heads = {head.title(): kind for head, kind in res.event_heads().items()}  # "US Open"
        self.named_head_ids = string_ids(nlp.vocab, self.named_heads)

    def _kind(self, trigger: str, words: frozenset[str] | set[str]) -> str | None:
        """The kind of the first rule for ``trigger`` whose context words (if it has any) the sentence's
        ``words`` hold: "strike" is a walkout next to "union" or "48-hour", else an attack; "launch" needs a
        rocket."""
        return next((kind for kind, context in self.kinds[trigger] if not context or context & words), None)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc.spans["kg_events"]`` and ``doc.spans["kg_event_cores"]``."""
        ent_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        found = []
        matches = [(doc.vocab.strings[m], start, end) for m, start, end in self.matcher(doc)]
        words: dict[int, set[str]] = {}  # the lower-case words of each sentence with a trigger, by its start
        for _, start, _ in matches:
            sent = doc[start].sent
            if sent.start not in words:
                words[sent.start] = {t.lower_ for t in sent}
        kinds = [self._kind(trigger, words[doc[start].sent.start]) for trigger, start, _ in matches]
        # one sense per article: a trigger whose context made it a walkout somewhere is one everywhere
        contextual = {trigger: kind for (trigger, _, _), kind in zip(matches, kinds)
                      if kind is not None and kind != self._kind(trigger, frozenset())}
        for (trigger, start, end), kind in zip(matches, kinds):
            kind = contextual.get(trigger, kind)
            if kind is None:
                continue
            if self.policy.get(kind, {}).get("plural") == "drop" and doc[end - 1].lower_.endswith("s"):
                continue
            if start in ent_at or _modifies_a_noun(doc, end) or _modifies_a_name(doc, start, end, ent_at):
                continue  # "BC Wildfire Service", "the ruling military junta", "the ruling Georgian Dream party"
            s = self._extend_left(doc, start, ent_at)
            found.append((Span(doc, s, self._extend_right(doc, end, ent_at), label=kind), end))
        found.extend(self._named_events(doc, ent_at))
        spans = filter_spans([span for span, _ in found])
        core_end = {(span.start, span.end): end for span, end in found}
        doc.spans[EVENTS_KEY] = spans
        doc.spans[CORES_KEY] = [Span(doc, s.start, core_end[(s.start, s.end)], label=s.label_) for s in spans]
        return doc

    def _named_events(self, doc: Doc, ent_at: dict) -> list[tuple[Span, int]]:
        """Names that end with a capitalised head word of events after another capitalised word ("US Open",
        "WTA Finals", "Tokyo Marathon"), each with the end of its core."""
        out = []
        for token in (doc[i] for i in indices(doc, ORTH, self.named_head_ids)):
            kind = self.named_heads.get(token.text)
            i = token.i
            if kind is None or i == 0 or token.is_sent_start or i in ent_at or not doc[i - 1].text[:1].isupper():
                continue
            out.append((Span(doc, self._extend_left(doc, i, ent_at), i + 1, label=kind), i + 1))
        return out

    @staticmethod
    def _extend_left(doc: Doc, start: int, ent_at: dict) -> int:
        s = start
        named = doc[start].is_title and not doc[start].is_sent_start  # "Tokyo Marathon", "25th Ordinary Summit"
        while s > 0:
            prev = doc[s - 1]
            if named and (s - 1) not in ent_at and not prev.is_sent_start and (
                    prev.is_title or ORDINAL_NUMBER.fullmatch(prev.text)):
                s -= 1
            elif s == start and not named and prev.text[:1].isupper() and prev.is_alpha and (s - 1) not in ent_at \
                    and not prev.is_sent_start and prev.lower_ not in MONTHS | WEEKDAYS and prev.text not in DEMONYMS:
                named = True  # "China Open final": a name before a lower-case trigger (not "American withdrawal")
            elif prev.lower_ in MODIFIERS or (start - s < 2 and _describes(prev)):
                s -= 1
            elif prev.text in HYPHENS and s >= 2 and s < start and doc[s - 2].is_alpha and doc[s - 2].is_lower:
                s -= 2  # "full-scale invasion"
            elif prev.like_num and s >= 3 and doc[s - 2].text in HYPHENS and doc[s - 3].like_num:
                s -= 3  # "70-29 vote"
            elif prev.text in HYPHENS and s >= 2 and s < start and doc[s - 2].like_num:
                s -= 2  # "48-hour strike"
            elif YEAR.fullmatch(prev.text):
                s -= 1  # "2021 coup"
                if s >= 1 and doc[s - 1].lower_ in MONTHS:
                    s -= 1  # "July 2023 coup"
            elif prev.lower_ == "of" and s >= 3 and doc[s - 2].lower_ in {"round", "session"} and doc[s - 3].lower_ in ORDINALS:
                s -= 3
            elif prev.lower_ in OWNER_MARKS and s >= 2 and (s - 2) in ent_at and ent_at[s - 2].label_ in ACTORS:
                s = ent_at[s - 2].start
            elif (s - 1) in ent_at and ent_at[s - 1].label_ in ACTORS:
                s = ent_at[s - 1].start
                if s >= 2 and doc[s - 1].text == "-" and (s - 2) in ent_at:
                    s = ent_at[s - 2].start
            else:
                break
        return s

    @staticmethod
    def _extend_right(doc: Doc, end: int, ent_at: dict) -> int:
        if doc[end - 1].is_title:
            while end < len(doc) and doc[end].is_title and end not in ent_at:
                end += 1  # a named storm: "Cyclone Ambud", "Hurricane Delia"
            return end
        if end + 1 >= len(doc) or doc[end].lower_ not in TAIL_PREPOSITIONS:
            return end
        k = end + 1
        if doc[k].lower_ in DETERMINERS and k + 1 < len(doc):
            k += 1
        if doc[k].lower_ in MONTHS:
            e = k + 1
            while e < len(doc) and doc[e].like_num:
                e += 1
            return e
        ent = ent_at.get(k)
        if ent is None or ent.label_ not in ACTORS:
            return end
        e = ent.end
        if doc[end].lower_ == "between" and e + 1 < len(doc) and doc[e].lower_ == "and":
            k = e + 2 if doc[e + 1].lower_ in DETERMINERS else e + 1
            if k in ent_at:
                e = ent_at[k].end
        return e


@Language.factory("kg_events")
def make_event_recognizer(nlp: Language, name: str) -> EventRecognizer:
    """Registered factory for :class:`EventRecognizer`."""
    return EventRecognizer(nlp)


__all__ = ["EventRecognizer", "EVENTS_KEY", "CORES_KEY"]
