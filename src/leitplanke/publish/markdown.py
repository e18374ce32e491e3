"""Markdown of rule texts to safe HTML (raw HTML in the source is escaped, not passed on)."""

from markdown_it import MarkdownIt

_RENDERER = MarkdownIt("commonmark", {"html": False, "typographer": False})


def markdown_to_html(text: str) -> str:
    """HTML fragment for a Markdown text."""
    html: str = _RENDERER.render(text)
    return html.strip()
