"""Reporters: turn a ScanResult into JSON, a self-contained HTML report, or a terminal summary."""
from __future__ import annotations

from .html import render_html, write_html
from .json import result_to_dict, write_json

__all__ = ["render_html", "write_html", "result_to_dict", "write_json"]
