"""The one exception that means: the user's input cannot be used."""


class InputError(Exception):
    """Bad input. Its message is one clear sentence; the CLI prints it and exits 2."""
