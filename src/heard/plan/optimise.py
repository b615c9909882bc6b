"""Choose modules and activities: an exact dynamic programme over the eligible modules.

Each module can be run in a few ways, never splitting an activity: its core (every activity
but the optional ones), plus either or both optional activities, which are its opening
welcome (optional unless it opens the session, where the ground rules are agreed) and its
closing solo reflection (learners can take the CPD prompt away). A module covers its targets
whenever it runs. The programme finds, for every set of covered targets, every total length
it can reach (a Python integer used as a bit set of lengths), so the best plan is exact:
most targets covered, then the most minutes used.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..curriculum import Curriculum
from ..model import Activity, Document
from .request import Request, Target


@dataclass(frozen=True)
class Option:
    """One way to run a module: the activities kept, in order."""

    module: str
    activities: tuple[Activity, ...]
    opens: bool  # can open the session: keeps its welcome, or has none

    @property
    def minutes(self) -> int:
        return sum(activity.duration for activity in self.activities)


@dataclass
class Excluded:
    module: str
    why: str


def is_welcome(activity: Activity) -> bool:
    return activity.title.lower().startswith("welcome")


def options(doc: Document) -> list[Option]:
    """The ways to run a module, the whole module first."""
    acts = list(doc.activities)
    welcome = acts[0] if acts and is_welcome(acts[0]) else None
    closing = acts[-1] if len(acts) > 1 and acts[-1].format == "solo" else None
    found = []
    for keep_welcome in (True, False) if welcome else (True,):
        for keep_closing in (True, False) if closing else (True,):
            kept = tuple(a for a in acts if (a is not welcome or keep_welcome)
                         and (a is not closing or keep_closing))
            if kept:
                found.append(Option(doc.id, kept, keep_welcome or welcome is None))
    # Longest first; at equal length, keep the closing reflection rather than a second welcome.
    return sorted(found, key=lambda o: (-o.minutes, welcome in o.activities))


def eligible(cur: Curriculum, request: Request) -> tuple[list[Document], list[Excluded]]:
    """Modules this audience and team may use, and why the others are left out."""
    chosen, excluded = [], []
    for module_id in module_order(cur):
        doc = cur.modules[module_id]
        meta = doc.meta
        withdrawn = [s for s in meta.stories if s in cur.withdrawn]
        if withdrawn:
            # Activities do not say which story they use, so the whole module is left out.
            excluded.append(Excluded(module_id, f"its story {', '.join(withdrawn)} has been "
                                                "withdrawn"))
        elif request.audience not in meta.audiences:
            excluded.append(Excluded(module_id, f"it is not written for {request.audience} "
                                                f"(it is for {', '.join(meta.audiences)})"))
        elif meta.co_delivery == "required" and not request.co_trainer:
            excluded.append(Excluded(module_id, "it needs a co-trainer with lived experience "
                                                "(co-delivery required)"))
        elif not doc.activities:
            excluded.append(Excluded(module_id, "it has no activities"))
        else:
            chosen.append(doc)
    return chosen, excluded


def module_order(cur: Curriculum) -> list[str]:
    """Modules in the order the modules index lists them (then by id): the teaching order."""
    index = cur.document("modules/index")
    listed = [name.rsplit("/", 1)[-1] for name, _line in index.toctree] if index else []
    rank = {module_id: i for i, module_id in enumerate(listed)}
    return sorted(cur.modules, key=lambda m: (rank.get(m, len(rank)), m))


@dataclass
class Choice:
    """The chosen options, and the targets they cover."""

    options: list[Option]
    covered: int  # bit mask over the targets


def optimise(docs: list[Document], targets: list[Target], budget: int, transition: int):
    """Every choice that fits the budget, best first: most targets covered, then the most
    relevant modules (each chosen module counts once per target it covers, up to twice the
    number of targets), then the most minutes used.

    The caller lays each out and takes the first that fits with its breaks. A module's
    weight includes one change-over, so the budget gets one change-over back.
    """
    bits = {doc.id: sum(1 << i for i, t in enumerate(targets) if doc.id in t.modules)
            for doc in docs}
    runs = [options(doc) for doc in docs]
    cap, hits_cap = budget + transition, 2 * len(targets)
    keep = (1 << (cap + 1)) - 1
    layers: list[dict[tuple[int, bool, int], int]] = [{(0, False, 0): 1}]
    for doc, opts in zip(docs, runs):
        states = dict(layers[-1])
        gain = bin(bits[doc.id]).count("1")
        for (mask, opens, hits), lengths in layers[-1].items():
            for opt in opts:
                key = (mask | bits[doc.id], opens or opt.opens, min(hits + gain, hits_cap))
                shifted = (lengths << (opt.minutes + transition)) & keep
                if shifted:
                    states[key] = states.get(key, 0) | shifted
        layers.append(states)
    finals = [(bin(key[0]).count("1"), key[2], length, key)
              for key, lengths in layers[-1].items() if key[1] or key[0] == 0
              for length in _members(lengths)]
    finals.sort(key=lambda f: (-f[0], -f[1], -f[2]))
    for _count, _hits, length, key in finals:
        yield Choice(_backtrack(layers, docs, runs, bits, key, length, transition), key[0])


def _members(bitset: int):
    while bitset:
        top = bitset.bit_length() - 1
        yield top
        bitset ^= 1 << top


def _backtrack(layers, docs, runs, bits, key, length, transition) -> list[Option]:
    """One set of options reaching (key, length), preferring whole modules."""
    chosen: list[Option] = []
    hits_cap = layers[-1] and max(k[2] for k in layers[-1])
    for index in range(len(docs), 0, -1):
        previous, doc = layers[index - 1], docs[index - 1]
        gain = bin(bits[doc.id]).count("1")
        step = None
        for opt in runs[index - 1]:
            weight = opt.minutes + transition
            if weight > length:
                continue
            for p_key, lengths in previous.items():
                reached = (p_key[0] | bits[doc.id], p_key[1] or opt.opens, p_key[2] + gain)
                if reached[:2] == key[:2] and (reached[2] == key[2] or
                                               reached[2] > key[2] == hits_cap) \
                        and lengths >> (length - weight) & 1:
                    step = (opt, p_key, length - weight)
                    break
            if step:
                break
        if step is None:  # skipping the module reaches this state
            if not previous.get(key, 0) >> length & 1:
                raise RuntimeError("the planner's tables are inconsistent")
            continue
        opt, key, length = step
        chosen.append(opt)
    return chosen[::-1]
