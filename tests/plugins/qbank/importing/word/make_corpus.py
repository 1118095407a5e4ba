"""Build the Word corpus: papers in the layouts of public Vietnamese exams, each with its expected questions.

    .venv/bin/python -m tests.plugins.qbank.importing.word.make_corpus [--out DIR] [--count N]

Layouts follow the public formats: the national exam before 2025 (40/50 questions, key table), the 2025
format (QĐ 764/QĐ-BGDĐT: PHẦN I/II/III), CV 7991 school tests (four levels in brackets), Ngữ văn papers
(ĐỌC HIỂU + VIẾT + HƯỚNG DẪN CHẤM), question banks kept as Word tables. Raw WordprocessingML is written where
python-docx cannot (automatic numbering, OLE equations). Each ``<name>.docx`` gets ``<name>.json``:
{"questions": [{"part", "number", "type", "key", "level", "stimulus", "points"}], "problems": [[place,
message]], "guide": [phrases a student must never see]}.
"""

import argparse
import io
import json
import random
import struct
import zlib
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.shared import RGBColor

HERE = Path(__file__).parent / "corpus"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
LEVELS = [("NB", "biet"), ("TH", "hieu"), ("VD", "van_dung"), ("VDC", "van_dung_cao")]
TAGS = {"NB": "Nhận biết", "TH": "Thông hiểu", "VD": "Vận dụng", "VDC": "Vận dụng cao"}


def png(red=200, green=40, blue=40, size=4):
    """A small valid PNG (no library needed)."""
    raw = b"".join(b"\x00" + bytes([red, green, blue]) * size for _ in range(size))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


# ------------------------------------------------------------------- content
def mc_item(rng, n, subject):
    """(stem, [4 options], right index): stems unique by their numbers; some options hold letters."""
    kind = rng.randrange(4)
    if kind == 0 or subject == "toan":
        a, b = rng.randrange(10, 900), rng.randrange(10, 900)
        options = [a + b, a + b + 1, a + b - 1, a + b + 10]
        rng.shuffle(options)
        return f"Kết quả của phép tính {a} + {b} bằng", [str(o) for o in options], options.index(a + b)
    if kind == 1:
        options = ["Gen cấu trúc A.", "Gen điều hoà R.", "Vùng vận hành O.", "Vùng khởi động P."]
        return f"Trong mô hình operon Lac số {n}, vùng mã hoá prôtêin ức chế là", options, 1
    if kind == 2:
        options = ["ông B. đến trước", "bà C. đến sau ông B.", "anh D. không đến", "chị A. đến cùng D."]
        return f"Theo đoạn kể số {n}, người đến trước là ai?", options, 0
    year = 1900 + rng.randrange(100)
    options = [str(year), str(year + 1), str(year + 2), str(year - 3)]
    return f"Sự kiện lịch sử số {n} diễn ra vào năm nào? (năm {year})", options, 0


def tf_item(rng, n):
    x = rng.randrange(2, 50)
    statements = [f"{x} là số tự nhiên.", f"{x} + 1 = {x}.", f"{2 * x} là số chẵn.", f"{x} > {x + 5}."]
    return f"Cho số x = {x} (mệnh đề nhóm {n}).", statements, [True, False, True, False]


def short_item(rng, n):
    a = rng.randrange(1, 40)
    value = f"{a},5"
    return f"Tính {2 * a + 1}/2 (ghi kết quả dạng số thập phân), bài số {n}.", value, f"{a}.5"


# ------------------------------------------------------------------- writer
class Paper:
    def __init__(self, name, seed):
        self.name, self.rng = name, random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
        self.document = Document()
        self.expected = {"questions": [], "problems": [], "guide": []}
        self.lists = 100

    def expect(self, number, kind, key, level="", part=None, stimulus=False, points=None):
        entry = {"part": part, "number": number, "type": kind, "key": key, "level": level}
        entry["stimulus"], entry["points"] = stimulus, points
        self.expected["questions"].append(entry)

    def para(self, *parts, style=None):
        paragraph = self.document.add_paragraph(style=style)
        for part in parts:
            text, marks = (part, ()) if isinstance(part, str) else part
            run = paragraph.add_run(text)
            run.bold = "bold" in marks or None
            run.underline = "underline" in marks or None
            if "red" in marks:
                run.font.color.rgb = RGBColor(0xFF, 0, 0)
        return paragraph

    def picture(self, paragraph=None):
        paragraph = paragraph or self.document.add_paragraph()
        paragraph.add_run().add_picture(io.BytesIO(png(self.rng.randrange(256), 90, 30)))
        return paragraph

    def numbered(self, fmt, text_pattern, start=1):
        """A new Word list (w:num over its own w:abstractNum): its numId."""
        numbering = self.document.part.numbering_part.element
        self.lists += 1
        ident = self.lists
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {NS} w:abstractNumId="{ident}"><w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text_pattern}"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
            ),
        )
        numbering.append(
            parse_xml(f'<w:num {NS} w:numId="{ident}"><w:abstractNumId w:val="{ident}"/></w:num>')
        )
        return ident

    @staticmethod
    def set_number(paragraph, num_id):
        properties = paragraph._p.get_or_add_pPr()
        properties.insert(
            0,
            parse_xml(f'<w:numPr {NS}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'),
        )

    def equation_object(self, paragraph):
        """A MathType OLE object whose preview picture is a PNG (as Word keeps some)."""
        image_part = self.document.part.package.get_or_add_image_part(io.BytesIO(png(10, 10, 200)))
        r_id = self.document.part.relate_to(
            image_part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
        )
        paragraph._p.append(
            parse_xml(
                f'<w:r {NS}><w:object><v:shape id="_x0000_i1025" style="width:40pt;height:14pt">'
                f'<v:imagedata r:id="{r_id}" o:title=""/></v:shape>'
                '<o:OLEObject Type="Embed" ProgID="Equation.DSMT4" ShapeID="_x0000_i1025" '
                'DrawAspect="Content" ObjectID="_1"/></w:object></w:r>'
            )
        )

    def save(self, folder):
        out = io.BytesIO()
        self.document.save(out)
        (folder / f"{self.name}.docx").write_bytes(out.getvalue())
        (folder / f"{self.name}.json").write_text(
            json.dumps(self.expected, ensure_ascii=False, indent=1), encoding="utf-8"
        )

    def title(self, text):
        self.para((text, ("bold",)))
        self.para("Thời gian làm bài: 50 phút, không kể thời gian phát đề")


# ------------------------------------------------------------------- layouts
def _level(paper, n, tagged=True):
    tag, code = LEVELS[(n - 1) % 4]
    return (f" ({tag})" if tagged else ""), code


def classic(paper, count=40, key_table="horizontal", options="lines"):
    """The pre-2025 national exam: "Câu n." bold, options one per line or 4 in a row, "ĐÁP ÁN" table."""
    paper.title("ĐỀ THI THỬ TỐT NGHIỆP THPT – MÔN SINH HỌC")
    keys = []
    for n in range(1, count + 1):
        stem, opts, right = mc_item(paper.rng, n, "sinh")
        tag, level = _level(paper, n)
        paper.para((f"Câu {n}{tag}.", ("bold",)), f" {stem}")
        if options == "lines":
            for letter, text in zip("ABCD", opts, strict=True):
                paper.para(f"{letter}. {text}")
        else:
            paper.para("\t".join(f"{letter}. {text}" for letter, text in zip("ABCD", opts, strict=True)))
        keys.append("ABCD"[right])
        paper.expect(n, "multiple_choice", "ABCD"[right], level)
    paper.para("------ HẾT ------")
    paper.para(("ĐÁP ÁN", ("bold",)))
    if key_table == "horizontal":
        for start in range(0, count, 10):
            table = paper.document.add_table(rows=2, cols=11)
            table.rows[0].cells[0].text, table.rows[1].cells[0].text = "Câu", "Đáp án"
            for index, n in enumerate(range(start + 1, min(start + 11, count + 1)), start=1):
                table.rows[0].cells[index].text = str(n)
                table.rows[1].cells[index].text = keys[n - 1]
    elif key_table == "pairs":  # "Câu | Đáp án" four times across, as answer sheets print them
        rows = -(-count // 4)
        table = paper.document.add_table(rows=rows + 1, cols=8)
        for column in range(4):
            table.rows[0].cells[2 * column].text, table.rows[0].cells[2 * column + 1].text = "Câu", "Đáp án"
        for n in range(1, count + 1):
            row, column = table.rows[1 + (n - 1) % rows], (n - 1) // rows
            row.cells[2 * column].text, row.cells[2 * column + 1].text = str(n), keys[n - 1]
    elif key_table == "vertical":
        table = paper.document.add_table(rows=count + 1, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Câu", "Đáp án"
        for n in range(1, count + 1):
            table.rows[n].cells[0].text, table.rows[n].cells[1].text = str(n), keys[n - 1]
    else:
        paper.para("  ".join(f"{n}-{key}" for n, key in enumerate(keys, start=1)))


def soft_breaks(paper, count=20, tabs=False):
    """Each question one paragraph: stem and options separated by soft line breaks (Shift+Enter)."""
    paper.title("ĐỀ KIỂM TRA GIỮA KÌ – MÔN LỊCH SỬ 11")
    for n in range(1, count + 1):
        stem, opts, right = mc_item(paper.rng, n, "su")
        tag, level = _level(paper, n)
        paragraph = paper.para((f"Câu {n}:", ("bold",)), f"{tag} {stem}")
        for index, (letter, text) in enumerate(zip("ABCD", opts, strict=True)):
            separator = "\t" if tabs and index % 2 else "\n"
            run = paragraph.add_run(separator)
            run = paragraph.add_run(f"{letter}. ")
            run.underline = index == right or None
            paragraph.add_run(text)
        paper.expect(n, "multiple_choice", "ABCD"[right], level)


def auto_numbered(paper, count=20, guide="line"):
    """Word's automatic numbering: "Câu %1." for questions, A.–D. lists for options (not in the text)."""
    paper.title("ĐỀ KIỂM TRA CUỐI KÌ I – MÔN TOÁN 9")
    questions = paper.numbered("decimal", "Câu %1.")
    keys = []
    for n in range(1, count + 1):
        stem, opts, right = mc_item(paper.rng, n, "toan")
        _tag, level = _level(paper, n, tagged=False)
        paper.set_number(paper.para(stem), questions)
        options = paper.numbered("upperLetter", "%1.")
        for text in opts:
            paper.set_number(paper.para(text), options)
        keys.append("ABCD"[right])
        paper.expect(n, "multiple_choice", "ABCD"[right], level)
    paper.para(("HƯỚNG DẪN CHẤM", ("bold",)))
    if guide == "line":
        paper.para(" ".join(f"{n}.{key}" for n, key in enumerate(keys, start=1)))
    else:
        for n, key in enumerate(keys, start=1):
            paper.para(f"Câu {n}. Chọn {key}. Thay số và tính trực tiếp.")
            paper.expected["guide"].append("Thay số và tính trực tiếp")
    for entry in paper.expected["questions"]:
        entry["level"] = ""


def in_a_row(paper, count=16, mark="star"):
    """Options four in a row separated by tabs, the key marked in the text (star, red, bold letter)."""
    paper.title("ĐỀ ÔN TẬP – MÔN VẬT LÍ 12")
    for n in range(1, count + 1):
        stem, opts, right = mc_item(paper.rng, n, "ly")
        tag, level = _level(paper, n)
        paper.para(f"Câu {n}{tag}. {stem}")
        parts = []
        for index, (letter, text) in enumerate(zip("ABCD", opts, strict=True)):
            if index:
                parts.append("\t")
            if index == right and mark == "star":
                parts.append(f"{letter}. {text}*")
            elif index == right and mark == "red":
                parts.append((f"{letter}. {text}", ("red",)))
            elif index == right:
                parts += [(f"{letter}.", ("bold", "underline")), f" {text}"]
            else:
                parts.append(f"{letter}. {text}")
        paper.para(*parts)
        paper.expect(n, "multiple_choice", "ABCD"[right], level)


def two_by_two(paper, count=16, grid="tabs"):
    """Options 2×2: two lines "A. …<tab>B. …" / "C. …<tab>D. …", spaces instead of tabs, or a 2×2 table."""
    paper.title("KIỂM TRA 15 PHÚT – MÔN HOÁ HỌC 10")
    keys = []
    for n in range(1, count + 1):
        stem, opts, right = mc_item(paper.rng, n, "toan")
        tag, level = _level(paper, n)
        paper.para(f"Câu {n}{tag}: {stem}")
        pairs = [f"{letter}. {text}" for letter, text in zip("ABCD", opts, strict=True)]
        if grid == "table":
            table = paper.document.add_table(rows=2, cols=2)
            for index, text in enumerate(pairs):
                table.rows[index // 2].cells[index % 2].text = text
        else:
            gap = "\t" if grid == "tabs" else "      "
            paper.para(pairs[0] + gap + pairs[1])
            paper.para(pairs[2] + gap + pairs[3])
        keys.append("ABCD"[right])
        paper.expect(n, "multiple_choice", "ABCD"[right], level)
    paper.para(("BẢNG ĐÁP ÁN", ("bold",)))
    paper.para(" ".join(f"{n}-{key}" for n, key in enumerate(keys, start=1)))


def exam_table(paper, count=20, header=True, together=False, pictures=False):
    """The national-exam bank kept as a table: number | stem with its options | key | explanation."""
    paper.title("NGÂN HÀNG CÂU HỎI – MÔN ĐỊA LÍ 12")
    rows = count + (1 if header else 0)
    table = paper.document.add_table(rows=rows, cols=4)
    if header:
        for cell, text in zip(table.rows[0].cells, ["Câu", "Nội dung", "Đáp án", "Lời giải"], strict=True):
            cell.text = text
    for n in range(1, count + 1):
        stem, opts, right = mc_item(paper.rng, n, "dia")
        row = table.rows[n - (0 if header else 1)]
        row.cells[0].text = str(n)
        cell = row.cells[1]
        cell.paragraphs[0].add_run(stem)
        if pictures and n % 3 == 0:
            paper.picture(cell.add_paragraph())
        if together:
            cell.add_paragraph(
                "  ".join(f"{letter}. {text}" for letter, text in zip("ABCD", opts, strict=True))
            )
        else:
            for letter, text in zip("ABCD", opts, strict=True):
                cell.add_paragraph(f"{letter}. {text}")
        row.cells[2].text = "ABCD"[right]
        row.cells[3].text = f"Giải thích câu {n}: đáp án {'ABCD'[right]} đúng theo SGK."
        paper.expect(n, "multiple_choice", "ABCD"[right], "")


def option_cells(paper, count=20):
    """A question table with a column per option and a level column (header row)."""
    paper.title("MA TRẬN CÂU HỎI – MÔN GDKT&PL 10")
    header = ["STT", "Câu hỏi", "A", "B", "C", "D", "Đáp án", "Mức độ"]
    table = paper.document.add_table(rows=count + 1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for n in range(1, count + 1):
        stem, opts, right = mc_item(paper.rng, n, "gd")
        tag, level = LEVELS[(n - 1) % 4]
        values = [str(n), stem, *opts, "ABCD"[right], TAGS[tag]]
        for cell, text in zip(table.rows[n].cells, values, strict=True):
            cell.text = text
        if n % 4 == 0:
            paper.picture(table.rows[n].cells[1].add_paragraph())
        paper.expect(n, "multiple_choice", "ABCD"[right], level)


def format_2025(paper, mc=12, tf=4, short=6, tf_table=False):
    """The 2025 format: PHẦN I multiple choice, II đúng/sai, III short answer, each numbered from 1."""
    paper.title("ĐỀ THAM KHẢO KÌ THI TỐT NGHIỆP THPT NĂM 2025 – MÔN TOÁN")
    paper.para(("PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn.", ("bold",)))
    paper.para("Thí sinh trả lời từ câu 1 đến câu 12. Mỗi câu hỏi thí sinh chỉ chọn một phương án.")
    mc_keys, tf_keys, short_keys = [], [], []
    for n in range(1, mc + 1):
        stem, opts, right = mc_item(paper.rng, n, "toan")
        tag, level = _level(paper, n)
        paper.para((f"Câu {n}.", ("bold",)), f"{tag} {stem}")
        paper.para("\t".join(f"{letter}. {text}" for letter, text in zip("ABCD", opts, strict=True)))
        mc_keys.append("ABCD"[right])
        paper.expect(n, "multiple_choice", "ABCD"[right], level, part="I")
    paper.para(("PHẦN II. Câu trắc nghiệm đúng sai.", ("bold",)))
    paper.para(
        "Thí sinh trả lời từ câu 1 đến câu 4. Trong mỗi ý a), b), c), d) ở mỗi câu, chọn đúng hoặc sai."
    )
    for n in range(1, tf + 1):
        stem, statements, truth = tf_item(paper.rng, n)
        paper.para((f"Câu {n}.", ("bold",)), f" {stem}")
        if tf_table:  # statements in a table with boxes for Đ and S, as printed answer papers have them
            table = paper.document.add_table(rows=5, cols=3)
            table.rows[0].cells[0].text, table.rows[0].cells[1].text, table.rows[0].cells[2].text = (
                "Ý",
                "Đ",
                "S",
            )
            for row, letter, text in zip(table.rows[1:], "abcd", statements, strict=True):
                row.cells[0].text = f"{letter}) {text}"
        else:
            for letter, text in zip("abcd", statements, strict=True):
                paper.para(f"{letter}) {text}")
        tf_keys.append(truth)
        paper.expect(n, "true_false_cluster", truth, "", part="II")
    paper.para(("PHẦN III. Câu trắc nghiệm trả lời ngắn.", ("bold",)))
    paper.para("Thí sinh trả lời từ câu 1 đến câu 6.")
    for n in range(1, short + 1):
        stem, written, value = short_item(paper.rng, n)
        paper.para((f"Câu {n}.", ("bold",)), f" {stem}")
        short_keys.append(written)
        paper.expect(n, "short_answer", value, "", part="III")
    paper.para("------ HẾT ------")
    paper.para(("ĐÁP ÁN", ("bold",)))
    paper.para(("PHẦN I.", ("bold",)))
    table = paper.document.add_table(rows=2, cols=mc + 1)
    table.rows[0].cells[0].text, table.rows[1].cells[0].text = "Câu", "Chọn"
    for n, key in enumerate(mc_keys, start=1):
        table.rows[0].cells[n].text, table.rows[1].cells[n].text = str(n), key
    paper.para(("PHẦN II.", ("bold",)))
    table = paper.document.add_table(rows=tf * 4 + 1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Câu", "Lệnh hỏi", "Đáp án (Đ/S)"], strict=True):
        cell.text = text
    for n, truth in enumerate(tf_keys):
        for index, value in enumerate(truth):
            row = table.rows[1 + n * 4 + index]
            row.cells[0].text = str(n + 1) if index == 0 else ""
            row.cells[1].text, row.cells[2].text = f"{'abcd'[index]})", "Đ" if value else "S"
    paper.para(("PHẦN III.", ("bold",)))
    table = paper.document.add_table(rows=short + 1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Câu", "Đáp án"
    for n, key in enumerate(short_keys, start=1):
        table.rows[n].cells[0].text, table.rows[n].cells[1].text = str(n), key


def ngu_van(paper, guide="table"):
    """A Ngữ văn paper: a passage with its questions, two essays, and the marking guide."""
    paper.title("ĐỀ KIỂM TRA CUỐI HỌC KÌ II – MÔN NGỮ VĂN 10")
    paper.para(("I. ĐỌC HIỂU (4,0 điểm)", ("bold",)))
    paper.para("Đọc văn bản sau:")
    passage = [
        "Quê hương là chùm khế ngọt / Cho con trèo hái mỗi ngày",
        f"Quê hương là đường đi học / Con về rợp bướm vàng bay (bản {paper.rng.randrange(1000)})",
        "(Đỗ Trung Quân, Quê hương)",
    ]
    for line in passage:
        paper.para(line)
    paper.para("Thực hiện các yêu cầu từ câu 1 đến câu 5:")
    asks = ["Xác định thể thơ của văn bản.", "Chỉ ra hình ảnh gắn với tuổi thơ.",
            "Nêu tác dụng của phép so sánh.",
            "Nhận xét tình cảm của tác giả.", "Thông điệp anh/chị rút ra là gì?"]  # fmt: skip
    points = ["0,5", "0,5", "1,0", "1,0", "1,0"]
    for n, (ask, point) in enumerate(zip(asks, points, strict=True), start=1):
        tag, level = LEVELS[min(n - 1, 3)]
        paper.para((f"Câu {n}", ("bold",)), f" ({point} điểm) [{tag}]. {ask}")
        paper.expect(n, "essay", None, level, part="I", stimulus=True, points=point.replace(",", "."))
    paper.para(("II. VIẾT (6,0 điểm)", ("bold",)))
    paper.para(
        ("Câu 1", ("bold",)), " (2,0 điểm). Viết đoạn văn (khoảng 200 chữ) phân tích hình ảnh quê hương."
    )
    paper.para(
        ("Câu 2", ("bold",)), " (4,0 điểm). Viết bài văn nghị luận về ý nghĩa của quê hương với tuổi trẻ."
    )
    paper.expect(1, "essay", None, "", part="II", points="2.0")
    paper.expect(2, "essay", None, "", part="II", points="4.0")
    paper.para("------ HẾT ------")
    paper.para(("HƯỚNG DẪN CHẤM", ("bold",)))
    guide_rows = [("I", "", "ĐỌC HIỂU", "4,0")]
    answers = ["Thể thơ: tự do (thơ lục bát biến thể).", "Hình ảnh: chùm khế ngọt, đường đi học.",
               "So sánh làm quê hương cụ thể, gần gũi.", "Tình cảm yêu mến, gắn bó với quê hương.",
               "Trân trọng, gìn giữ quê hương."]  # fmt: skip
    for n, (answer, point) in enumerate(zip(answers, points, strict=True), start=1):
        guide_rows.append(("", str(n), answer, point))
        paper.expected["guide"].append(answer)
    guide_rows += [("II", "", "VIẾT", "6,0"),
                   ("", "1", "a. Đảm bảo hình thức đoạn văn khoảng 200 chữ.", "0,25"),
                   ("", "", "b. Xác định đúng vấn đề: hình ảnh quê hương.", "0,25"),
                   ("", "", "c. Triển khai vấn đề bằng dẫn chứng thơ phù hợp.", "1,5"),
                   ("", "2", "a. Đảm bảo cấu trúc bài văn nghị luận.", "0,5"),
                   ("", "", "b. Triển khai luận điểm về ý nghĩa của quê hương.", "3,5")]  # fmt: skip
    paper.expected["guide"] += ["Triển khai vấn đề bằng dẫn chứng thơ phù hợp", "Đảm bảo cấu trúc bài văn"]
    if guide == "table":
        table = paper.document.add_table(rows=len(guide_rows) + 1, cols=4)
        for cell, text in zip(table.rows[0].cells, ["Phần", "Câu", "Nội dung", "Điểm"], strict=True):
            cell.text = text
        for row, values in zip(table.rows[1:], guide_rows, strict=True):
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = text
    else:
        for part, number, text, point in guide_rows:
            if part:
                paper.para(f"Phần {part}. {text} ({point} điểm)")
            elif number:
                paper.para(f"Câu {number}. {text} ({point} điểm)")
            else:
                paper.para(f"{text} ({point} điểm)")
    rubric = {("I", n): 1 for n in range(1, 6)} | {("II", 1): 3, ("II", 2): 2}
    for entry in paper.expected["questions"]:
        entry["rubric"] = rubric[(entry["part"], entry["number"])]


def shared_passage(paper, count=10):
    """An English reading passage for questions 1–5, then a figure for questions 6 and 7, then others."""
    paper.title("ĐỀ KIỂM TRA – MÔN TIẾNG ANH 12")
    paper.para("Read the following passage and mark the letter A, B, C or D to answer questions 1 to 5.")
    paper.para(f"Vietnam has more than 3,000 km of coastline (text {paper.rng.randrange(10_000)}).")
    paper.para("Many families live by fishing, and tourism has grown quickly in recent years.")
    for n in range(1, 6):
        stem, opts, right = mc_item(paper.rng, n, "toan")
        paper.para(f"Question {n}. {stem}")
        paper.para("\t".join(f"{letter}. {text}" for letter, text in zip("ABCD", opts, strict=True)))
        paper.expect(n, "multiple_choice", "ABCD"[right], "", stimulus=True)
    paper.para("Dựa vào hình sau, trả lời câu 6 và câu 7.")
    paper.picture()
    for n in range(6, count + 1):
        if n == 8:
            paper.para(
                "Mark the letter A, B, C or D on your answer sheet to indicate the correct answer to each "
                "of the following questions."
            )
        stem, opts, right = mc_item(paper.rng, n, "toan")
        paper.para(f"Câu {n}. {stem}")
        paper.para("\t".join(f"{letter}. {text}" for letter, text in zip("ABCD", opts, strict=True)))
        paper.expect(n, "multiple_choice", "ABCD"[right], "", stimulus=n in (6, 7))
    paper.para(("ĐÁP ÁN", ("bold",)))
    paper.para(" ".join(f"{e['number']}-{e['key']}" for e in paper.expected["questions"]))


def equations(paper, count=8):
    """MathType equations (OLE objects with a picture) in stems and options; keys by underline."""
    paper.title("ĐỀ KIỂM TRA – MÔN TOÁN 11 (công thức MathType)")
    for n in range(1, count + 1):
        stem, opts, right = mc_item(paper.rng, n, "toan")
        tag, level = _level(paper, n)
        paragraph = paper.para(f"Câu {n}{tag}. {stem} ")
        paper.equation_object(paragraph)
        parts = []
        for index, (letter, text) in enumerate(zip("ABCD", opts, strict=True)):
            if index:
                parts.append("\t")
            parts.append((f"{letter}.", ("underline",) if index == right else ()))
            parts.append(f" {text}")
        paper.para(*parts)
        paper.expect(n, "multiple_choice", "ABCD"[right], level)


def faulty(paper, count=10):
    """Mistakes teachers make, each refused at its place: an option missing, no key, a repeated number."""
    paper.title("ĐỀ CÓ LỖI – MÔN TOÁN 8")
    keys = []
    paragraph = 2
    for n in range(1, count + 1):
        stem, opts, right = mc_item(paper.rng, n, "toan")
        paragraph += 1
        paper.para(f"Câu {n}. {stem}")
        question_paragraph = paragraph
        if n == 4:  # option C missing
            paper.para("A. 1\tB. 2\tD. 4")
            paper.expected["problems"].append(
                [
                    f"paragraph {question_paragraph}, question 4",
                    "options A, B, D: expected A, B, C, D in order",
                ]
            )
            keys.append("B")
        elif n == 7:  # no key anywhere
            paper.para("\t".join(f"{letter}. {text}" for letter, text in zip("ABCD", opts, strict=True)))
            paper.expected["problems"].append([f"paragraph {question_paragraph}, question 7", "no key"])
            keys.append(None)
        else:
            paper.para("\t".join(f"{letter}. {text}" for letter, text in zip("ABCD", opts, strict=True)))
            keys.append("ABCD"[right])
            paper.expect(n, "multiple_choice", "ABCD"[right], "")
        paragraph += 1
    paper.para(("ĐÁP ÁN", ("bold",)))
    paper.para(" ".join(f"{n}-{key}" for n, key in enumerate(keys, start=1) if key))


def mixed(paper, count=20):
    """A school paper mixing what teachers do: a header table, levels at the end of a stem, soft breaks in a
    stem, options on the stem's line, a figure between stem and options, "Lời giải" and "Đáp án: C" under
    a question, a "HẾT" line, then the answer table."""
    table = paper.document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "SỞ GD&ĐT QUẢNG NINH\nTRƯỜNG THPT HÒN GAI\nĐỀ CHÍNH THỨC"
    table.rows[0].cells[1].text = "ĐỀ KIỂM TRA CUỐI HỌC KÌ I\nMôn: Vật lí 12\nThời gian: 45 phút"
    paper.para("Họ, tên thí sinh: ............................ Số báo danh: ...............")
    paper.para(("Mã đề thi 132", ("bold",)))
    keys = []
    for n in range(1, count + 1):
        stem, opts, right = mc_item(paper.rng, n, "ly")
        style, level, key = n % 5, "", "ABCD"[right]
        letters = [f"{letter}. {text}" for letter, text in zip("ABCD", opts, strict=True)]
        if style == 0:
            tag, level = LEVELS[n % 4]
            paper.para((f"Câu {n}:", ("bold",)), f" {stem} [{tag}]")
            for index, text in enumerate(letters):
                paper.para((text[:2], ("underline",) if index == right else ()), text[2:])
        elif style == 1:
            paragraph = paper.para((f"Câu {n}.", ("bold",)), " Đọc kĩ dữ kiện sau:")
            paragraph.add_run("\n" + stem)
            paper.para(
                *[
                    (t + ("\t" if i == 0 else ""), ("red",) if i == right else ())
                    for i, t in enumerate(letters[:2])
                ]
            )
            paper.para(
                *[
                    (t + ("\t" if i == 0 else ""), ("red",) if i + 2 == right else ())
                    for i, t in enumerate(letters[2:])
                ]
            )
        elif style == 2:
            starred = [t + ("*" if i == right else "") for i, t in enumerate(letters)]
            paper.para(f"Câu {n}: {stem}\t" + "\t".join(starred))
        elif style == 3:
            paper.para(f"Câu {n}. {stem} (xem hình)")
            paper.picture()
            paper.para("\t".join(letters))
        else:
            level = "van_dung_cao"
            paper.para(f"Câu {n} (VDC): {stem}")
            for text in letters:
                paper.para(text)
            paper.para(f"Lời giải: Lập luận theo dữ kiện của câu {n}.")
            paper.para(f"Đáp án: {key}")
        keys.append(key)
        paper.expect(n, "multiple_choice", key, level)
    paper.para("----------- HẾT ----------")
    paper.para(("ĐÁP ÁN", ("bold",)))
    table = paper.document.add_table(rows=count + 1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Câu", "Đáp án"
    for n, key in enumerate(keys, start=1):
        table.rows[n].cells[0].text, table.rows[n].cells[1].text = str(n), key


LAYOUTS = {
    "mixed": [{}, {"count": 30}, {"count": 50}],
    "classic": [
        {"count": 40, "key_table": "pairs"},
        {"count": 40},
        {"count": 50, "key_table": "vertical"},
        {"count": 40, "options": "row", "key_table": "line"},
        {"count": 50, "options": "row"},
    ],
    "soft_breaks": [{}, {"tabs": True}, {"count": 30}, {"count": 12, "tabs": True}],
    "auto_numbered": [{}, {"guide": "solutions"}, {"count": 40}, {"count": 10, "guide": "solutions"}],
    "in_a_row": [{}, {"mark": "red"}, {"mark": "bold"}, {"count": 30, "mark": "star"}],
    "two_by_two": [{}, {"grid": "spaces"}, {"grid": "table"}, {"count": 24, "grid": "spaces"}],
    "exam_table": [
        {},
        {"header": False},
        {"together": True},
        {"header": False, "together": True, "pictures": True},
        {"count": 50, "pictures": True},
    ],
    "option_cells": [{}, {"count": 30}],
    "format_2025": [
        {"mc": 12, "tf": 4, "short": 6, "tf_table": True},
        {},
        {"mc": 18, "tf": 4, "short": 6},
        {"mc": 12, "tf": 2, "short": 4},
    ],
    "ngu_van": [{}, {"guide": "lines"}, {}],
    "shared_passage": [{}, {"count": 12}, {"count": 8}],
    "equations": [{}, {"count": 12}],
    "faulty": [{}, {"count": 12}],
}
BUILDERS = {
    "mixed": mixed,
    "classic": classic,
    "soft_breaks": soft_breaks,
    "auto_numbered": auto_numbered,
    "in_a_row": in_a_row,
    "two_by_two": two_by_two,
    "exam_table": exam_table,
    "option_cells": option_cells,
    "format_2025": format_2025,
    "ngu_van": ngu_van,
    "shared_passage": shared_passage,
    "equations": equations,
    "faulty": faulty,
}


def build(folder=HERE, scale=None):
    """Write every paper of the corpus into ``folder``; ``scale`` (a question count) for benchmarks."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for layout, variants in LAYOUTS.items():
        for index, options in enumerate(variants, start=1):
            name = f"{layout}_{index:02d}"
            paper = Paper(name, seed=f"{layout}{index}")
            BUILDERS[layout](paper, **options)
            paper.save(folder)
            names.append(name)
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    names = build(args.out)
    print(f"{len(names)} papers in {args.out}")


if __name__ == "__main__":
    main()
