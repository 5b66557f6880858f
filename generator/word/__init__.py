"""Stage 4, Word: the block document -> deterministic .docx bytes, .docx -> text for audit, and PDF
through LibreOffice. The only package that uses python-docx."""
