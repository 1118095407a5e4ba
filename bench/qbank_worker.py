"""One backend's run of the question-bank benchmark (bench_qbank.py starts it); prints JSON figures."""

import json
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "config"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")

import django  # noqa: E402

django.setup()

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
            }
        )
    )


if __name__ == "__main__":
    main()
