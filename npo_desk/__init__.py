"""npo-desk: NPO法人 設立認証事務のデスクトップアプリ."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("npo-desk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
