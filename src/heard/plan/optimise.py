"""Choose modules and activities: an exact dynamic programme over the eligible modules.

Each module can be run in several ways (see `options`), never splitting an activity. A
module covers its targets whenever it runs. The programme finds, for every set of covered
targets, every total length it can reach (a Python integer used as a bit set of lengths), so
the best choice is exact: most targets covered, then the most minutes in modules that cover
them, then the most minutes in all.
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


def needs_co_trainer(activity: Activity) -> bool:
    """Led by the co-trainer alone. (`both`: the staff trainer runs it alone when no
    co-trainer is there, leaving out the co-trainer's part, as the modules' fallback says.)"""
    return activity.lead == "co-trainer"


def options(doc: Document, co_trainer: bool = True) -> list[Option]:
    """The ways to run a module, the whole module first; one per (length, opens).

    Without a co-trainer, activities the co-trainer leads (`:lead: co-trainer`) are left out,
    as the modules' co-delivery fallback says; if one of them is a story activity, which
    every way must keep, the module cannot run and there is no way at all.

    Kept always: the story activities (where the module's material is met; the first
    practice activity stands in when there is none), at least one other practice activity,
    and at least half the module's minutes (cut further, it no longer does what it says).
    Optional: the welcome (needed only by the module that opens the session), the closing
    solo reflection, and the other practice activities.
    """
    acts = [a for a in doc.activities if co_trainer or not needs_co_trainer(a)]
    if not co_trainer and any(needs_co_trainer(a) and a.format == "story"
                              for a in doc.activities):
        return []
    welcome = acts[0] if acts and is_welcome(acts[0]) else None
    closing = acts[-1] if len(acts) > 1 and acts[-1].format == "solo" else None
    middle = [a for a in acts if a is not welcome and a is not closing]
    required = [a for a in middle if a.format == "story"] or middle[:1]
    optional = [a for a in middle if a not in required]
    found: dict[tuple[int, bool], tuple[tuple, Option]] = {}  # (length, opens): (rank, way)
    for picked in _subsets(optional):
        if optional and not picked:
            continue
        for keep_welcome in (True, False) if welcome else (True,):
            for keep_closing in (True, False) if closing else (True,):
                kept = tuple(a for a in acts if a in required or a in picked
                             or (a is welcome and keep_welcome)
                             or (a is closing and keep_closing))
                if kept and 2 * sum(a.duration for a in kept) >= sum(a.duration for a in acts):
                    opt = Option(doc.id, kept, keep_welcome or welcome is None)
                    rank = (len(kept), closing in kept, [a in kept for a in acts])
                    key = (opt.minutes, opt.opens)
                    if key not in found or rank > found[key][0]:
                        found[key] = (rank, opt)
    return sorted((opt for _rank, opt in found.values()), key=lambda o: (-o.minutes, not o.opens))


def _subsets(items: list) -> list[list]:
    subsets: list[list] = [[]]
    for item in items:
        subsets += [[*subset, item] for subset in subsets]
    return subsets


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
        elif not (ways := options(doc, request.co_trainer)):
            excluded.append(Excluded(module_id, "its story activity is led by a co-trainer "
                                                "with lived experience"))
        elif (need := min(max(a.duration for a in o.activities) for o in ways)) \
                > request.max_stretch:
            excluded.append(Excluded(module_id, f"it needs an activity of {need} minutes, "
                                                "longer than the longest stretch allowed "
                                                f"({request.max_stretch}); an activity is never "
                                                f"split (--max-stretch {need} would do)"))
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


def optimise(docs: list[Document], targets: list[Target], budget: int, transition: int,
             co_trainer: bool = True):
    """Every choice that fits the budget, best first: most targets covered, then the most
    minutes in modules that cover a target, then the most minutes in all.

    Modules that cover a target and the rest ("fillers") are two separate programmes, since
    fillers only use the time the relevant modules leave. A module's weight includes one
    change-over, so the budget gets one change-over back. The caller lays each choice out
    with its breaks and takes the first that fits.
    """
    bits = {doc.id: sum(1 << i for i, t in enumerate(targets) if doc.id in t.modules)
            for doc in docs}
    cap = budget + transition
    relevant = [doc for doc in docs if bits[doc.id]]
    fillers = [doc for doc in docs if not bits[doc.id]]
    runs = {doc.id: options(doc, co_trainer) for doc in docs}
    top = _table(relevant, runs, bits, cap, transition)
    rest = _table(fillers, runs, bits, cap, transition)
    finals = sorted(((bin(key[0]).count("1"), length, key)
                     for key, lengths in top[-1].items() for length in _members(lengths)),
                    key=lambda f: (-f[0], -f[1]))
    for _count, length, key in finals:
        fills = sorted(((fill, f_key) for f_key, lengths in rest[-1].items()
                        for fill in _members(lengths & ((1 << (cap - length + 1)) - 1))
                        if key[1] or f_key[1] or (key[0] == 0 and length + fill == 0)),
                       key=lambda f: -f[0])
        for fill, f_key in fills:
            chosen = _backtrack(top, relevant, runs, bits, key, length, transition) + \
                _backtrack(rest, fillers, runs, bits, f_key, fill, transition)
            yield Choice(chosen, key[0])


def _table(docs, runs, bits, cap, transition) -> list[dict[tuple[int, bool], int]]:
    """Layer i: for each (targets covered, can open) the bit set of lengths reachable with
    the first i modules."""
    keep = (1 << (cap + 1)) - 1
    layers: list[dict[tuple[int, bool], int]] = [{(0, False): 1}]
    for doc in docs:
        states = dict(layers[-1])
        for (mask, opens), lengths in layers[-1].items():
            for opt in runs[doc.id]:
                key = (mask | bits[doc.id], opens or opt.opens)
                shifted = (lengths << (opt.minutes + transition)) & keep
                if shifted:
                    states[key] = states.get(key, 0) | shifted
        layers.append(states)
    return layers


def _members(bitset: int):
    """The lengths in a bit set, longest first."""
    while bitset:
        top = bitset.bit_length() - 1
        yield top
        bitset ^= 1 << top


def _backtrack(layers, docs, runs, bits, key, length, transition) -> list[Option]:
    """One set of options reaching (key, length), preferring whole modules."""
    chosen: list[Option] = []
    for index in range(len(docs), 0, -1):
        previous, doc = layers[index - 1], docs[index - 1]
        step = None
        for opt in runs[doc.id]:
            weight = opt.minutes + transition
            if weight > length:
                continue
            for p_key, lengths in previous.items():
                if (p_key[0] | bits[doc.id], p_key[1] or opt.opens) == key \
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
