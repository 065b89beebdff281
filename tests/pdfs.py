"""Small PDFs written by the tests themselves, for exact edge cases (fpdf2, core fonts)."""

from __future__ import annotations

import zlib
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


# ---- hand-built hostile PDFs ---------------------------------------------------------------
# fpdf2 only writes well-formed files; these are assembled object by object so each can
# break exactly one rule a parser relies on.


def write_raw_pdf(path: Path, objects: list[bytes], correct_xref: bool = True) -> Path:
    """Objects numbered from 1 (1 = catalog), with an xref table that is right or garbage."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for i, offset in enumerate(offsets):
        out += f"{offset if correct_xref else 99_999 + 7 * i:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_TEXT = b"BT /F1 12 Tf 72 720 Td (Children are seen regularly by their social workers.) Tj ET"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _one_page(
    page_extra: bytes = b"", content: bytes = _TEXT, more: list[bytes] | None = None
) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> " + page_extra + b">>",
        _stream(content),
        _FONT,
        *(more or [_stream(b"", b"/Type /XObject /Subtype /Form /BBox [0 0 1 1]")]),
    ]


def write_decompression_bomb(path: Path, megabytes: int = 400) -> Path:
    """A ~400 KB file whose page content inflates to `megabytes` of spaces."""
    squeeze = zlib.compressobj(9)
    block = b" " * (1 << 20)
    data = b"".join(squeeze.compress(block) for _ in range(megabytes)) + squeeze.flush()
    objects = _one_page()
    objects[3] = _stream(data, b"/Filter /FlateDecode")
    return write_raw_pdf(path, objects)


def write_enormous_page(path: Path) -> Path:
    """A page 10^9 points wide (about 350 km)."""
    objects = _one_page()
    objects[2] = objects[2].replace(b"[0 0 612 792]", b"[0 0 1000000000 1000000000]")
    return write_raw_pdf(path, objects)


def write_deeply_nested(path: Path, depth: int = 100_000) -> Path:
    """An array nested `depth` levels deep inside the page dictionary."""
    return write_raw_pdf(path, _one_page(page_extra=b"/Nested " + b"[" * depth + b"]" * depth + b" "))


def write_cyclic_page_tree(path: Path) -> Path:
    """A page tree whose Kids include the tree itself."""
    objects = _one_page()
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"
    return write_raw_pdf(path, objects)


def write_self_drawing_form(path: Path) -> Path:
    """A form XObject whose content draws itself: naive text extraction recurses for ever."""
    objects = _one_page(
        content=_TEXT + b" /X1 Do",
        more=[_stream(b"/X1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources 7 0 R")],
    )
    objects.append(b"<< /XObject << /X1 6 0 R >> >>")
    return write_raw_pdf(path, objects)


def write_zero_pages(path: Path) -> Path:
    return write_raw_pdf(
        path, [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    )


def write_corrupt_xref(path: Path) -> Path:
    """Every xref offset wrong; the objects themselves intact (a parser can rebuild the table)."""
    return write_raw_pdf(path, _one_page(), correct_xref=False)


def write_long_reports(folder: Path, council: str, count: int = 3) -> list[Path]:
    """``count`` reports of 16 pages, ``{council}-{n}.pdf`` in lower case: enough passages that an
    upload's reading and embedding stages last long enough to be watched. Every page's text is
    its own, so that none is taken for a running header and dropped."""
    topics = ["care leavers", "adoption", "fostering", "children in need", "private fostering", "MASH"]
    paths = []
    for n in range(count):
        pages = [
            [("heading", f"Services for {topic} {page}"), ("para", f"{council} {n} {topic} {page}. {LOREM}")]
            for page in range(8)
            for topic in topics[page % 3 :: 3]
        ]
        paths.append(write_report_pdf(folder / f"{council.lower()}-{n}.pdf", pages))
    return paths
