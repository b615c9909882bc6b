"""A small site with the interactive parts the curriculum may use: sphinx-design tabs and
dropdowns, a code block and a notebook with saved outputs. It takes its extensions, theme and
notebook and maths settings from the project's own conf.py, so it is styled and served as
the real site is."""

from pathlib import Path

import heard

# The project's conf.py, found through the heard package (installed editable from src/), so
# that copies of this fixture in a temporary folder find it too.
_project = {"__file__": str(Path(heard.__file__).resolve().parents[2] / "conf.py")}
exec(Path(_project["__file__"]).read_text(encoding="utf-8"), _project)
extensions = _project["extensions"]
html_theme = _project["html_theme"]
html_permalinks_icon = _project.get("html_permalinks_icon", "¶")
myst_enable_extensions = _project.get("myst_enable_extensions", [])
globals().update({name: value for name, value in _project.items()
                  if name.startswith(("nbsphinx_", "mathjax", "html_math"))})

project = "Components"
exclude_patterns = ["_build"]
nbsphinx_execute = "never"  # the notebook keeps its saved outputs: no kernel needed
