"""The report page as a PDF, by WeasyPrint (Pango does the text; needs Pango >= 1.44)."""

from __future__ import annotations


def render_pdf(page: str) -> bytes:
    """``page`` (a self-contained HTML document with its own ``@page`` rules) as PDF bytes.

    The page needs nothing from outside, so the fetcher allows no URL scheme at all: a stray
    reference fails quietly instead of reaching the network or the file system.
    """
    # Imported here: WeasyPrint takes a moment to load and only the PDF answer needs it.
    from weasyprint import HTML, URLFetcher

    fetcher = URLFetcher(allowed_protocols=())
    pdf: bytes = HTML(string=page, url_fetcher=fetcher).write_pdf()
    return pdf
