"""Helpers for the notebook exercises in `notebooks/`: find the curriculum, draw accessible charts.

    from heard.notebook import CHART_STYLE, find_root, show_chart
    cur = heard.load(find_root(), edition="learner")
    ...
    show_chart(fig, alt="Bar chart: ...")   # a PNG with a text alternative

Nothing here runs on import beyond the standard library, so `heard check` stays fast.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

# Okabe and Ito's colours: told apart by people with the common kinds of colour blindness.
# The first four have at least 3:1 contrast with a white background (WCAG 1.4.11); bars also
# get a dark edge, and charts label values in text, so no meaning rests on colour alone.
PALETTE = {
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "green": "#009E73",
    "purple": "#CC79A7",
    "orange": "#E69F00",
    "sky": "#56B4E9",
}

# Readable defaults for matplotlib: large text, dark edges, no chart junk.
CHART_STYLE = {
    "font.size": 13,
    "axes.titlesize": 15,
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "patch.force_edgecolor": True,
    "patch.edgecolor": "#1a1a1a",
    # a string, so that importing this module does not import matplotlib
    "axes.prop_cycle": "cycler('color', [%s])" % ", ".join(repr(c) for c in PALETTE.values()),
    "figure.dpi": 100,
}

ROOT_VARIABLE = "HEARD_ROOT"


def is_root(folder: Path) -> bool:
    """A curriculum root holds conf.py and the curriculum's folders."""
    return (folder / "conf.py").is_file() and (folder / "case_stories").is_dir()


def find_root(start: str | Path | None = None) -> Path:
    """The curriculum folder: the nearest folder at or above `start` (default: the working
    folder, which is the notebook's own folder under Jupyter and nbsphinx) holding conf.py.

    Set the HEARD_ROOT environment variable to run a notebook from outside the curriculum.
    """
    if start is None and os.environ.get(ROOT_VARIABLE):
        folder = Path(os.environ[ROOT_VARIABLE]).expanduser().resolve()
        if is_root(folder):
            return folder
        raise FileNotFoundError(f"{ROOT_VARIABLE} is set to {folder}, which does not hold "
                                "conf.py and case_stories/")
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_root(folder):
            return folder
    raise FileNotFoundError(
        f"no Heard curriculum at or above {here}. Open the notebook from inside your copy of "
        f"Heard (for example its notebooks/ folder), or set {ROOT_VARIABLE} to that folder.")


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def show_chart(fig, alt: str, width: int = 720) -> None:
    """Show a matplotlib figure as a PNG with a text alternative, then close it.

    The alt text goes into the output's metadata (`{"image/png": {"alt": ...}}`), which
    Jupyter, nbconvert and the Heard build (nbsphinx) turn into the image's `alt`. Say what
    the chart shows, with its key numbers, in a sentence or two.
    """
    from IPython.display import Image, display

    alt = one_line(alt)
    if not alt:
        raise ValueError("a chart needs a text alternative: say what it shows")
    buffer = io.BytesIO()
    # Twice the pixels, shown at `width`: sharp on high-resolution screens and in print.
    fig.savefig(buffer, format="png", dpi=200, bbox_inches="tight", facecolor="white")
    _close(fig)
    display(Image(data=buffer.getvalue(), format="png", alt=alt, width=width))


def _close(fig) -> None:
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - matplotlib comes with the site extras
        return
    plt.close(fig)
