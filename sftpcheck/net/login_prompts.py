"""What sftpcheck answers when a server asks questions during the login: the login password,
once. The auth check and the logins on the other addresses share this one rule.

A server behind PAM whose password has expired goes on, inside the same login, to ask for
the current password again, then a new one twice. Answering those is a password change:
on a server that allows the old password again, the district's password would change (a
new hash, a new date) without anyone knowing. So sftpcheck answers one round, holding one
prompt that asks for the password, and nothing after it; any other question stops the
login with nothing sent, and the auth check says why.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

import paramiko

from sftpcheck.outside import quoted

_PASSWORD_WORDS = ("password", "passcode", "passwort", "contraseña", "mot de passe")
# A question for a new password: PAM's "New password:", "Retype new password:" (older:
# "Enter new UNIX password:"), sss's "Reenter new Password:", PuTTY's "Confirm new password:".
_NEW = re.compile(r"\b(new|retype|re-?enter)\b.*\bpassword", re.IGNORECASE)
# After the password was sent, these belong to a change too: PAM's "Current password:"
# (older: "(current) UNIX password:"), and pam_unix's "Changing password for USER."
_CHANGE = re.compile(
    r"\b(new|current|old|retype|re-?enter)\b.*\bpassword|\bchanging password", re.IGNORECASE
)
# What a server says when the password works but must be changed first. pam_unix: "You are
# required to change your password immediately (administrator enforced)"; OpenSSH: "WARNING:
# Your password has expired."; sss: "Password expired. Change your password now." A
# warning that the password "will expire in 5 days" is none of these.
_EXPIRED_PHRASES = (
    "required to change your password",
    "password has expired",
    "password expired",
    "password change required",
    "change your password now",
)


class Demand(enum.Enum):
    """What a question sftpcheck would not answer was asking for."""

    NEW_PASSWORD = enum.auto()  # a password change: the password has expired
    PASSWORD_AGAIN = enum.auto()  # asked a second time: the first one was not taken
    MORE = enum.auto()  # a code or another answer that only a person can give


class PromptRefused(paramiko.AuthenticationException):
    """The server asked what sftpcheck never answers. Nothing was sent; the login stops.

    Raised inside paramiko's thread by the prompt handler; `CheckTransport` catches it
    there, sends no answer, and hands it to the login that is waiting.
    """

    def __init__(self, demand: Demand, text: str, answered: bool) -> None:
        # The server's words (its message and prompts, one line each), quoted: judged already.
        self.text = quoted(text)
        super().__init__(f"the server asked for {demand.name.lower()}: {self.text}")
        self.demand = demand
        # Whether the password had been sent (in an earlier round) before this question.
        self.answered = answered


def asks_for_password(prompt: str) -> bool:
    return any(word in prompt.lower() for word in _PASSWORD_WORDS)


def demands_new_password(text: str) -> bool:
    """The server's words say the password must be changed before anything else."""
    lowered = " ".join(text.lower().split())
    return any(phrase in lowered for phrase in _EXPIRED_PHRASES)


def _later_demand(lines: Sequence[str], prompts: Sequence[tuple[str, bool]]) -> Demand:
    """What a round after the password asks for, from all its words."""
    if demands_new_password(" ".join(lines)) or any(_CHANGE.search(line) for line in lines):
        return Demand.NEW_PASSWORD
    if all(asks_for_password(prompt) for prompt, _ in prompts):
        return Demand.PASSWORD_AGAIN
    return Demand.MORE


def _asks_for_a_new_password(text: str, prompts: Sequence[tuple[str, bool]]) -> bool:
    """Before the password was sent, only the question itself, or words that say the
    password expired, mean a change: instructions such as "use your current password"
    do not."""
    questions = [_lines(prompt)[-1] for prompt, _ in prompts if prompt.strip()]
    return demands_new_password(text) or any(_NEW.search(question) for question in questions)


class LoginPrompts:
    """A keyboard-interactive handler that answers the login password once.

    A round with no prompts carries only a message ("your password will expire in 5
    days"); answering it sends nothing, so it is answered, unless it says the password
    has expired. Every prompt seen is kept in `seen`, answered or not, for the report.
    """

    def __init__(self, password: str, seen: list[str] | None = None) -> None:
        self._password = password
        self.seen: list[str] = seen if seen is not None else []
        self.answered = False

    def __call__(
        self, title: str, instructions: str, prompts: Sequence[tuple[str, bool]]
    ) -> list[str]:
        self.seen.extend(quoted(prompt.strip()) for prompt, _ in prompts)
        lines = [line for text in (title, instructions) for line in _lines(text)]
        lines += [line for prompt, _ in prompts for line in _lines(prompt)]
        text = " / ".join(lines)
        if not prompts:
            if demands_new_password(text):
                raise PromptRefused(Demand.NEW_PASSWORD, text, self.answered)
            return []
        if self.answered:
            raise PromptRefused(_later_demand(lines, prompts), text, answered=True)
        if _asks_for_a_new_password(text, prompts):
            raise PromptRefused(Demand.NEW_PASSWORD, text, answered=False)
        if len(prompts) != 1 or prompts[0][1] or not asks_for_password(prompts[0][0]):
            # More than one question, one shown as typed, or not the password (a code):
            # only a person can answer those.
            raise PromptRefused(Demand.MORE, text, answered=False)
        self.answered = True
        return [self._password]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
