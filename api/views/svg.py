"""A small SVG writer: escaped elements and compact numbers, nothing else."""

from __future__ import annotations

from html import escape


def esc(text: object) -> str:
    """``text`` escaped for XML character data and attribute values."""
    return escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate with at most one decimal, without trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def attrs(values: dict[str, object]) -> str:
    """Attributes as ``name="value"``; ``None`` values are left out, floats made compact."""
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        shown = num(value) if isinstance(value, float) else value
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{esc(shown)}"')
    return "".join(parts)


def el(tag: str, *children: str, **values: object) -> str:
    """An element; children are already-rendered markup (escape text with ``esc``).

    Attribute names use ``_`` for ``-`` (``stroke_width``); a trailing ``_`` is dropped
    (``class_``).
    """
    if not children:
        return f"<{tag}{attrs(values)}/>"
    return f"<{tag}{attrs(values)}>{''.join(children)}</{tag}>"


def text(x: float, y: float, content: str, **values: object) -> str:
    """A text element holding ``content`` (escaped here)."""
    return el("text", esc(content), x=float(x), y=float(y), **values)
