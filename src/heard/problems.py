"""Problems: what the checker reports, located at a file and line, with a fix."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

# Control characters (newlines included) would let a value from a file fake a report line.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escaped(text: str) -> str:
    """Text with every control character shown as an escape, so a report line stays one line."""
    return CONTROL.sub(lambda m: ascii(m.group(0))[1:-1], text)


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    hint: str = ""
    # "warning": reported, but fails `heard check` only with --strict (and a build with -W).
    severity: str = field(default="error", compare=False)

    def as_text(self) -> str:
        label = " warning:" if self.severity == "warning" else ""
        text = f"{escaped(self.path)}:{self.line}: {self.code}{label} {escaped(self.message)}"
        return f"{text}\n    fix: {escaped(self.hint)}" if self.hint else text

    def as_github(self) -> str:
        # GitHub workflow commands: newlines and % must be escaped in the message.
        body = f"{self.code} {escaped(self.message)}" + (
            f" Fix: {escaped(self.hint)}" if self.hint else "")
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={escaped(self.path)},line={self.line},title={self.code}::{body}"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        if self.severity == "error":  # errors keep the original five fields
            del data["severity"]
        return data
