"""A parser generator on GIFT, for issue 16's question "a compiled tokenizer or a parser generator?".

Lark's LALR parser with its contextual lexer, on a grammar of only what the import benchmark's file holds
(a category line; ::title:: stem {answers} with =/~ answers, T/F or #number). It builds Lark's parse tree and
nothing else: no escapes, formats, comments or errors, and no items in gift-pegjs's shape. Its time is
therefore a lower bound on any parser built this way, measured beside ours in ``bench_qbank``.
"""

from lark import Lark

GRAMMAR = r"""
start: _SEP? entry (_SEP entry)* _SEP?
?entry: category | question
category: CATEGORY
question: title? TEXT "{" answers "}"
title: "::" TEXT "::"
?answers: NUMBER -> numerical
       | TF -> truefalse
       | answer+ -> choices
answer: SIGN TEXT? feedback?
feedback: "#" TEXT
NUMBER: /#[^}]*/
TF: /(TRUE|FALSE|T|F)(?=\s*})/
SIGN: "=" | "~"
CATEGORY.2: /\$CATEGORY:[^\n]*/
TEXT: /(?:[^{}~=#:\\\n]|:(?!:))+/
_SEP: /\n[ \t]*\n\s*|\n/
"""


def parser():
    return Lark(GRAMMAR, parser="lalr", lexer="contextual")


def questions(tree):
    """The number of questions in a parse tree (the benchmark checks that every one was read)."""
    return sum(1 for child in tree.children if child.data == "question")
