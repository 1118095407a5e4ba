"""The end of a paper: "ĐÁP ÁN", "HƯỚNG DẪN CHẤM", "ĐÁP ÁN VÀ THANG ĐIỂM", "LỜI GIẢI CHI TIẾT".

Nothing in it reaches a stem: it gives keys ("1-B 2-C", "5. ĐSĐS", "3. -1,5", or tables of them, by part
when the guide has parts), explanations ("Câu 3. …" up to the next one) and rubrics (lines or table rows
with their points: "Phần | Câu | Nội dung | Điểm").
"""

import re
from decimal import Decimal, InvalidOperation

from openedx_vn.core.vietnamese import fold

HEADER = re.compile(
    r"^(?:[-–*\s]*)(?:BẢNG\s+)?(?:ĐÁP\s+ÁN|HƯỚNG\s+DẪN\s+(?:CHẤM|GIẢI)|LỜI\s+GIẢI|GIẢI\s+CHI\s+TIẾT|"
    r"SOLUTIONS?|ANSWER\s+KEYS?)\b"
)
_KEY_ENTRY = re.compile(
    r"(\d+)(?:\s*[.:)]\s*|\s*-(?=\s*[A-DĐSa-d])\s*|\s*-\s+|\s+|(?=[A-D]\b))((?:[a-d]\s*[-:)]?\s*[ĐSđs]\s*[,;]?\s*){2,6}"
    r"|[ĐS]{2,6}\b|[A-D]\b|-?\d+(?:[,.]\d+)?)"
)
_TF_PAIR = re.compile(r"([a-d])\s*[-:)]?\s*([ĐSđs])\b")
_POINTS = re.compile(r"\(?\s*(\d+(?:[,.]\d+)?)\s*(?:điểm|đ)\s*\)?\s*[.:]?\s*$", re.IGNORECASE)
_CHOSEN = re.compile(r"^(?:Chọn|Đáp án(?: đúng)?(?: là)?)\s*[:.]?\s*([A-D])\b", re.IGNORECASE)
_SOLUTION_KEY = re.compile(r"^(?:[A-D]|[ĐS]{2,6}|-?\d+(?:[,.]\d+)?)\.?$")


def is_header(text, bold):
    """A line that starts the guide: in capitals (or bold), so "Đáp án: B" under a question is not one."""
    letters = [c for c in text if c.isalpha()]
    capitals = letters and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return bool(HEADER.match(text.upper() if (capitals or bold) else text)) and bool(capitals or bold)


def key_value(text):
    """A key written in a cell or after "Câu n": "B", "ĐSĐS", "a) Đ b) S …", "-1,5"; None otherwise."""
    text = " ".join(text.split()).rstrip(".")
    pairs = _TF_PAIR.findall(text)
    if len(pairs) >= 2 and len("".join(f"{a}{b}" for a, b in pairs)) * 2 >= len(text.replace(" ", "")):
        return [mark.upper() == "Đ" for _, mark in pairs]
    compact = text.replace(" ", "").upper()
    if re.fullmatch(r"[ĐS]{2,6}", compact):
        return [mark == "Đ" for mark in compact]
    if _SOLUTION_KEY.match(text):
        return text.upper() if len(text) == 1 else text
    chosen = _CHOSEN.match(text)
    return chosen[1].upper() if chosen else None


def points_of(text):
    """``(text without its points, Decimal points)`` for "… (0,5 điểm)"; points None when it has none."""
    match = _POINTS.search(text)
    if not match:
        return text, None
    try:
        return text[: match.start()].rstrip(" -–:"), Decimal(match[1].replace(",", "."))
    except InvalidOperation:
        return text, None


class Guide:
    """Keys, explanations and rubrics by (part, number); part None when the guide names none."""

    def __init__(self):
        self.part = None
        self.keys = {}
        self.loose = {}  # number → [keys] given without a part, in order (matched by type)
        self.solutions = {}
        self.rubrics = {}
        self.current = None  # (part, number) of the solution being read

    known_parts = None  # the paper's parts: a guide heading not among them ("I. HƯỚNG DẪN CHUNG") is none

    def set_part(self, label):
        if self.known_parts is not None and label not in self.known_parts:
            label = None
        self.part, self.current = label, None

    def add_key(self, number, value, part=None):
        part = part if part is not None else self.part
        if part is None:
            self.loose.setdefault(number, []).append(value)
        else:
            self.keys[(part, number)] = value

    def add_keys(self, text):
        """Read "1-B 2-C …" from ``text`` when keys make up most of it; True when they did."""
        found = list(_KEY_ENTRY.finditer(text))
        covered = sum(len(m[0].replace(" ", "")) for m in found)
        if not found or covered * 10 < len(text.replace(" ", "")) * 6:
            return False
        for match in found:
            self.add_key(int(match[1]), key_value(match[2]) or match[2].strip())
        return True

    def start_solution(self, number, rest=""):
        self.current = (self.part, number)
        self.solutions.setdefault(self.current, [])
        if rest:
            self.add_text(rest)

    def add_text(self, text):
        """A line of the current solution: its key ("Chọn B"), a rubric entry ("… (0,5 điểm)") or text."""
        if self.current is None:
            return
        lines = self.solutions[self.current]
        value = key_value(text) if not lines else None
        chosen = _CHOSEN.match(text)
        if value is not None and (not lines or chosen):
            self.add_key(self.current[1], value, self.current[0] if self.current[0] is not None else None)
            if chosen and len(text) > len(chosen[0]) + 2:
                lines.append(text)
            return
        if chosen:
            self.add_key(self.current[1], chosen[1].upper(), self.current[0])
        lines.append(text)
        body, points = points_of(text)
        if points is not None and body:
            self.rubrics.setdefault(self.current, []).append({"text": body, "points": str(points)})

    def add_rubric(self, part, number, text, points):
        key = (part if part is not None else self.part, number)
        self.solutions.setdefault(key, []).append(f"{text} ({points} điểm)" if points is not None else text)
        if points is not None:
            self.rubrics.setdefault(key, []).append({"text": text, "points": str(points)})

    # ---------------------------------------------------------------- reading
    def _find(self, table, part, number):
        if (part, number) in table:
            return table[(part, number)]
        if (None, number) in table:
            return table[(None, number)]
        if part is None:
            found = [value for (p, n), value in table.items() if n == number]
            return found[0] if len(found) == 1 else None
        return None

    def key(self, part, number, wanted):
        """The key of question ``number`` of ``part``; ``wanted(value)`` says whether a loose key fits."""
        value = self._find(self.keys, part, number)
        if value is not None:
            return value
        for index, value in enumerate(self.loose.get(number, [])):
            if wanted(value):
                return self.loose[number].pop(index)
        return None

    def solution(self, part, number):
        return self._find(self.solutions, part, number) or []

    def rubric(self, part, number):
        return self._find(self.rubrics, part, number) or []

    # ---------------------------------------------------------------- tables
    def read_table(self, rows):
        """Keys or rubric rows from a table of the guide (``rows``: lists of cell texts)."""
        if not rows:
            return
        head = [" ".join(re.sub(r"\(.*?\)|[:.]", " ", fold(text)).split()) for text in rows[0]]
        if head and head[0] in ("cau", "cau so", "cau hoi") and len(rows) >= 2 and _numbers(rows[0][1:]):
            return self._horizontal(rows)
        pairs = [i for i, name in enumerate(head[:-1]) if _guide_role(name) == "number"]
        if len(pairs) >= 2 and all(_guide_role(head[i + 1]) == "content" for i in pairs):
            for index in pairs:  # "Câu | Đáp án | Câu | Đáp án | …": keys laid out in column pairs
                self._vertical([row[index : index + 2] for row in rows[1:]], {"number": 0, "content": 1})
            return None
        columns = {}
        for index, name in enumerate(head):
            role = _guide_role(name)
            if role and role not in columns:
                columns[role] = index
        if "number" in columns and ("content" in columns or "points" in columns):
            return self._vertical(rows[1:], columns)
        if "number" not in columns and _numbers([row[0] for row in rows if row and row[0].strip()]):
            return self._vertical(rows, {"number": 0, "content": 1})
        for row in rows:
            for text in row:
                self.add_keys(text)

    def _horizontal(self, rows):
        for top, bottom in zip(rows[::2], rows[1::2], strict=False):
            for number, value in zip(top[1:], bottom[1:], strict=False):
                digits = re.search(r"\d+", number)
                if digits and value.strip():
                    self.add_key(int(digits[0]), key_value(value) or value.strip())

    def _vertical(self, rows, columns):
        number, part, pending = None, None, []

        def cell(row, role):
            index = columns.get(role)
            return row[index].strip() if index is not None and index < len(row) else ""

        for row in rows:
            if cell(row, "part"):
                part = _part_label(cell(row, "part"))
                if part:
                    self.set_part(part)
            digits = re.search(r"\d+", cell(row, "number"))
            if digits:
                if pending and number is not None:
                    self.add_key(number, pending, part)
                number, pending = int(digits[0]), []
            elif cell(row, "number") or number is None:
                continue
            content, points = cell(row, "content"), cell(row, "points")
            if "points" in columns:
                key = key_value(content)
                if isinstance(key, list) or (isinstance(key, str) and key in ("A", "B", "C", "D")):
                    self.add_key(number, key, part)  # "1 | B | 0,25": a key with its points
                elif content:
                    self.add_rubric(part, number, content, _decimal(points))
                continue
            item = cell(row, "item")
            if item and content.strip().upper() in ("Đ", "S"):
                pending.append(content.strip().upper() == "Đ")
                continue
            value = key_value(content)
            if value is not None:
                self.add_key(number, value, part)
            if cell(row, "explanation"):
                self.solutions.setdefault((part, number), []).append(cell(row, "explanation"))
        if pending and number is not None:
            self.add_key(number, pending, part)


def _guide_role(name):
    if name in ("phan", "part"):
        return "part"
    if name in ("cau", "cau so", "stt", "cau hoi", "question"):
        return "number"
    if name in ("y", "lenh hoi", "y hoi", "ý"):
        return "item"
    if name in ("diem", "thang diem", "bieu diem", "points"):
        return "points"
    if name in ("loi giai", "huong dan giai", "giai thich"):
        return "explanation"
    if name.startswith(("dap an", "noi dung", "huong dan cham", "yeu cau", "goi y", "answer")):
        return "content"
    return None


def _numbers(texts):
    texts = [t.strip() for t in texts if t.strip()]
    return bool(texts) and all(re.fullmatch(r"(?:Câu\s*)?\d+\.?", t, re.IGNORECASE) for t in texts)


def _decimal(text):
    try:
        return Decimal(text.replace(",", ".").strip()) if text.strip() else None
    except InvalidOperation:
        return None


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}


def _part_label(text):
    match = re.match(r"^(?:PHẦN|Phần|PART|Part)?\s*([IVX]+|\d+)\b", text.strip())
    return _ROMAN.get(match[1], match[1]) if match else None


part_label = _part_label
