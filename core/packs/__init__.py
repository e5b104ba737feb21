"""Briefing packs: chosen clippings as a PDF, a Word document, an e-mail-ready HTML page or
Markdown. Every file is written beside its target and moved into place, so a failure never
leaves half a file behind."""
