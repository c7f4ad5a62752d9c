"""Reading the report page back: the numbers it states, by their ``data-field`` names."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    """An element carrying ``data-field``: its shown text and its unrounded ``data-value``."""

    field: str
    text: str
    value: str | None
    row: dict[str, str] = field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[Cell] = []
        self.rows: list[dict[str, str]] = []
        self.tags: list[str] = []
        self._open: list[tuple[str, Cell | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append({k: v for k, v in found.items() if k.startswith("data-")})
        cell = None
        if "data-field" in found:
            row = self.rows[-1] if self.rows and tag == "td" else {}
            cell = Cell(found["data-field"], "", found.get("data-value"), row)
            self.cells.append(cell)
        if tag not in {"meta", "br", "rect", "line", "path"}:
            self._open.append((tag, cell))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, _ = self._open.pop()
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _, cell in self._open:
            if cell is not None:
                cell.text += data


def read_page(html: str) -> _Reader:
    """Parse the report page."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def cells(html: str, name: str, **row: str) -> list[Cell]:
    """The cells named ``name`` whose table row has these ``data-*`` values
    (``nutrient="sodium"`` matches ``data-nutrient="sodium"``)."""
    wanted = {f"data-{k}": v for k, v in row.items()}
    return [
        c
        for c in read_page(html).cells
        if c.field == name and all(c.row.get(k) == v for k, v in wanted.items())
    ]


def one(html: str, name: str, **row: str) -> Cell:
    """The one cell named ``name`` in the row described."""
    found = cells(html, name, **row)
    assert len(found) == 1, (name, row, found)
    return found[0]
