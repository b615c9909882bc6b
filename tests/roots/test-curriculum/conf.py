extensions = ["myst_parser", "heard"]
exclude_patterns = ["_build"]
heard_today = "2026-11-22"
myst_enable_extensions = ["colon_fence", "deflist"]  # as the real conf.py
