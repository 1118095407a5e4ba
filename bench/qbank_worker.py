"""One backend's run of the question-bank benchmark (bench_qbank.py starts it); prints JSON figures."""

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "config"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from openedx_vn.qbank import api  # noqa: E402


def synthetic_gift(count, seed=2025):
    """``count`` distinct Vietnamese questions of every importable type, as one GIFT file."""
    rng = random.Random(seed)
    lines = ["$CATEGORY: Toán 6/Luyện tập"]
    for n in range(1, count + 1):
        a, b = rng.randint(1, 999), rng.randint(1, 999)
        kind = n % 4
        if kind == 0:
            wrong = sorted({a + b + d for d in (-2, -1, 1, 2)})[:3]
            options = " ".join([f"={a + b}", *(f"~{w}" for w in wrong)])
            lines.append(f"::Câu {n}::Tính {a} + {b} (câu số {n}).{{{options}}}")
        elif kind == 1:
            lines.append(f"::Câu {n}::Số {a} lớn hơn số {b} (câu số {n}).{{{'T' if a > b else 'F'}}}")
        elif kind == 2:
            lines.append(f"::Câu {n}::Tính {a} : 4 (câu số {n}).{{#{a / 4}}}")
        else:
            lines.append(f"::Câu {n}::Viết số {a} bằng chữ số La Mã hay không (câu số {n})?{{=có =không}}")
        lines.append("")
    return "\n".join(lines).encode()


def synthetic_docx(count, seed=2018):
    """A Word exam of ``count`` questions: options on one line, the key underlined; every 10th is đúng/sai."""
    import io  # noqa: PLC0415

    from docx import Document  # noqa: PLC0415

    rng = random.Random(seed)
    document, keys = Document(), []
    for n in range(1, count + 1):
        a, b = rng.randint(1, 999), rng.randint(1, 999)
        document.add_paragraph(f"Câu {n}. Tính {a} + {b} (câu số {n}).")
        if n % 10 == 0:
            for letter, delta in zip("abcd", (0, 1, 0, 2), strict=True):
                document.add_paragraph(f"{letter}) {a} + {b} = {a + b + delta}.")
            keys.append(f"{n}. ĐSĐS")
            continue
        options = document.add_paragraph()
        right = rng.randrange(4)
        for index, letter in enumerate("ABCD"):
            options.add_run(f"{letter}. ")
            run = options.add_run(str(a + b + index - right))
            run.underline = index == right or None
            options.add_run("\t")
    document.add_paragraph("ĐÁP ÁN")
    document.add_paragraph("  ".join(keys))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rich_docx(count, seed=2024):
    """A Word exam of ``count`` questions, each with a Word equation (a fraction) in its stem, every 5th with
    its own picture (a distinct PNG): what the pipeline converts (OMML → LaTeX) and stores (pictures)."""
    import io  # noqa: PLC0415
    import struct  # noqa: PLC0415
    import zlib  # noqa: PLC0415

    from docx import Document  # noqa: PLC0415
    from docx.oxml import parse_xml  # noqa: PLC0415

    def png(width):
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        rows = b"".join(b"\x00" + b"\x20\x40\x80" * width for _ in range(8))
        header = struct.pack(">IIBBBBB", width, 8, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b"")
        )

    math = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    rng = random.Random(seed)
    document = Document()
    for n in range(1, count + 1):
        a, b = rng.randint(1, 999), rng.randint(2, 999)
        stem = document.add_paragraph(f"Câu {n}. Rút gọn phân số ")
        fraction = (
            f"<m:f><m:num><m:r><m:t>{a}</m:t></m:r></m:num><m:den><m:r><m:t>{b}</m:t></m:r></m:den></m:f>"
        )
        stem._p.append(parse_xml(f"<m:oMath {math}>{fraction}</m:oMath>"))
        stem.add_run(f" (câu số {n}).")
        if n % 5 == 0:
            document.add_paragraph().add_run().add_picture(io.BytesIO(png(n)))
        document.add_paragraph(f"A. {a}\tB. {b}*\tC. {a + b}\tD. {a * b}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def export_figures(count=1_000):
    """Seconds to export a bank of ``count`` questions (the GIFT file's four kinds) to each export format."""
    bank = api.create_bank("Bench export", owner_id=1)
    api.import_questions(synthetic_gift(count, seed=7), "export.gift", bank.uuid)
    figures = {}
    for fmt in api.export_formats():
        start = time.perf_counter()
        content, _, _ = api.export_questions(bank.uuid, fmt)
        figures[fmt] = {"seconds": time.perf_counter() - start, "bytes": len(content)}
    return figures


def main():
    call_command("migrate", interactive=False, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    content = synthetic_gift(10_000)
    bank = api.create_bank("Bench", owner_id=1)
    start = time.perf_counter()
    result = api.import_questions(content, "bench.gift", bank.uuid)
    elapsed = time.perf_counter() - start
    again_start = time.perf_counter()
    again = api.import_questions(content, "bench.gift", bank.uuid)
    again_elapsed = time.perf_counter() - again_start
    word = synthetic_docx(1_000)
    word_bank = api.create_bank("Bench Word", owner_id=1)
    word_start = time.perf_counter()
    word_result = api.import_questions(word, "bench.docx", word_bank.uuid)
    word_elapsed = time.perf_counter() - word_start
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="vn-bench-media-")  # the stored pictures go there
    rich = rich_docx(1_000)
    rich_bank = api.create_bank("Bench Word rich", owner_id=1)
    rich_start = time.perf_counter()
    rich_result = api.import_questions(rich, "bench-rich.docx", rich_bank.uuid)
    rich_elapsed = time.perf_counter() - rich_start
    print(
        json.dumps(
            {
                "backend": connection.vendor,
                "created": result.created,
                "seconds": elapsed,
                "again_duplicates": len(again.duplicates),
                "again_seconds": again_elapsed,
                "docx_created": word_result.created,
                "docx_seconds": word_elapsed,
                "rich_docx_created": rich_result.created,
                "rich_docx_seconds": rich_elapsed,
                "export": export_figures(),
            }
        )
    )


if __name__ == "__main__":
    main()
