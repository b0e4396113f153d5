"""npo-desk: NPO法人 設立認証事務のデスクトップアプリ."""

from functools import cache


@cache
def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("npo-desk")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed package's metadata when first asked for: finding it
    costs a command like ``npo-desk deadlines`` more than its own work (issue 11)."""
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
