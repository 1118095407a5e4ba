"""Shuffled versions of a test (mã đề) and their answer keys.

Parts keep the exam's order (I multiple choice, II đúng – sai, III short answer, then essay). Within a
part the question order is shuffled; the options of a multiple-choice question are shuffled; the statements
a)–d) of a đúng – sai question keep their order (they often build on each other). Codes: 101, 102, …
"""

import random
from dataclasses import dataclass

__all__ = ["PART_ORDER", "TestItem", "TestVersion", "VersionItem", "key_of", "make_versions"]

PART_ORDER = ("multiple_choice", "true_false_cluster", "short_answer", "essay")
FIRST_CODE = 101
LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class TestItem:
    """A question of the test: its type, and its body in the bank's shape (key included)."""

    __test__ = False  # a domain name, not a pytest class

    uuid: str
    type: str
    body: dict


@dataclass(frozen=True)
class VersionItem:
    number: int  # 1-based within its part, as printed ("Câu 1")
    uuid: str
    type: str
    option_order: tuple[int, ...] = ()  # original option indexes in printed order (multiple choice)
    key: str = ""  # "B" (multiple choice), "ĐSĐS" (đúng – sai), "-1,5" (short answer), "" (essay)


@dataclass(frozen=True)
class TestVersion:
    __test__ = False

    code: str
    parts: dict  # part (question type) → tuple[VersionItem, ...]

    def answer_key(self):
        """``{(part, number): key}`` for the answer-key table."""
        return {(part, item.number): item.key for part, items in self.parts.items() for item in items}


def key_of(item, option_order=()):
    """The key of ``item`` as printed with ``option_order``: "B", "ĐSĐS", "-1,5", "" for an essay."""
    if item.type == "multiple_choice":
        right = next(i for i, choice in enumerate(item.body["choices"]) if choice["correct"])
        return LETTERS[option_order.index(right) if option_order else right]
    if item.type == "true_false_cluster":
        return "".join("Đ" if statement["is_true"] else "S" for statement in item.body["statements"])
    if item.type == "short_answer":
        if item.body.get("kind") == "numeric":
            return str(item.body["value"]).replace(".", ",")
        return " | ".join(item.body.get("answers", ()))
    return ""


def make_versions(items, count, seed, shuffle_questions=True, shuffle_options=True):
    """``count`` ``TestVersion``s of ``items`` (``TestItem``s in drawn order), reproducible from ``seed``."""
    if not 1 <= count <= 899:
        raise ValueError("between 1 and 899 versions (codes 101–999)")
    rng = random.Random(seed)  # noqa: S311 - reproducible shuffles, not secrets
    by_part = {part: [item for item in items if item.type == part] for part in PART_ORDER}
    versions = []
    for index in range(count):
        parts = {}
        for part, part_items in by_part.items():
            if not part_items:
                continue
            order = list(part_items)
            if shuffle_questions:
                rng.shuffle(order)
            printed = []
            for number, item in enumerate(order, start=1):
                option_order = ()
                if item.type == "multiple_choice":
                    option_order = list(range(len(item.body["choices"])))
                    if shuffle_options:
                        rng.shuffle(option_order)
                    option_order = tuple(option_order)
                printed.append(
                    VersionItem(number, item.uuid, item.type, option_order, key_of(item, option_order))
                )
            parts[part] = tuple(printed)
        versions.append(TestVersion(str(FIRST_CODE + index), parts))
    return versions
