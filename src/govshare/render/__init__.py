"""Rendering: result objects to text, Markdown, CSV, HTML, JSON, JUnit XML, iCalendar,
Mermaid and pictures. Renderers format and never compute."""
