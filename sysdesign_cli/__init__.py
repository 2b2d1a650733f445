"""sysdesign: an interactive command-line tutor that teaches system design."""

__version__ = "0.1.0"
