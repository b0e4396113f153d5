"""The one error family every layer raises for the user's eyes: its message is Japanese and final."""


class NpoDeskError(Exception):
    """An error the clerk can act on. ``str(err)`` is a complete Japanese sentence."""


class InvalidInput(NpoDeskError):
    """Input that cannot be understood: an impossible date, an unknown address, a bad option."""
