"""Small PDFs written by the tests themselves, for exact edge cases (fpdf2, core fonts)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF


def write_report_pdf(
    path: Path,
    pages: list[list[tuple[str, str]]],
    running_header: str = "Inspection of Testshire children's services 1 to 5 May 2024",
    page_numbers: bool = True,
    encrypt_user_password: str | None = None,
) -> Path:
    """Write a report: each page is a list of (kind, text); kind is heading|para|bullet."""

    class Report(FPDF):
        def header(self) -> None:
            if running_header and self.page_no() > 1:
                self.set_font("Helvetica", "B", 8)
                self.cell(0, 4, running_header, new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            if page_numbers:
                self.set_y(-12)
                self.set_font("Helvetica", "", 9)
                self.cell(0, 5, str(self.page_no()), align="R")

    pdf = Report(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    for page in pages:
        pdf.add_page()
        for kind, text in page:
            if kind == "heading":
                pdf.set_font("Helvetica", "B", 14)
                pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(3)
            elif kind == "bullet":
                pdf.set_font("Helvetica", "", 12)
                pdf.multi_cell(0, 6, f"- {text}", new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            else:
                pdf.set_font("Helvetica", "", 12)
                pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(5)
    if encrypt_user_password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=encrypt_user_password)
    pdf.output(str(path))
    return path


def write_image_only_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(30, 30, 30)
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))
    return path


LOREM = (
    "Inspectors found that social workers know their children well and visit them regularly. "
    "Plans are reviewed on time and families are involved in decisions about their care. "
)
