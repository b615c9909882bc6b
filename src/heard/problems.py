"""Problems: what the checker reports, located at a file and line, with a fix."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    hint: str = ""

    def as_text(self) -> str:
        text = f"{self.path}:{self.line}: {self.code} {self.message}"
        return f"{text}\n    fix: {self.hint}" if self.hint else text

    def as_github(self) -> str:
        # GitHub workflow commands: newlines and % must be escaped in the message.
        body = f"{self.code} {self.message}" + (f" Fix: {self.hint}" if self.hint else "")
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},title={self.code}::{body}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
