"""Problems: what the checker reports, located at a file and line, with a fix."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


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
        text = f"{self.path}:{self.line}: {self.code}{label} {self.message}"
        return f"{text}\n    fix: {self.hint}" if self.hint else text

    def as_github(self) -> str:
        # GitHub workflow commands: newlines and % must be escaped in the message.
        body = f"{self.code} {self.message}" + (f" Fix: {self.hint}" if self.hint else "")
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.path},line={self.line},title={self.code}::{body}"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        if self.severity == "error":  # errors keep the original five fields
            del data["severity"]
        return data
