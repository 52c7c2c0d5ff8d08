"""A static site generator for news digests: seeds → content → site → output."""

__version__ = "0.1.0"
