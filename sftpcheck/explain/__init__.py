"""`sftpcheck explain`: what a client's error message, or a reason code, means.

The pipeline: text -> `core.explain` (matching against `messages.MESSAGES`) -> an
`Explanation` -> `render` (text, markdown or json) -> stdout and an exit code.
"""
