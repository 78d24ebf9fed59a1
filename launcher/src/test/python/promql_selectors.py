"""Reads a JSON list of PromQL expressions on stdin and writes, for each, the series selectors it uses.

Parsing is done by promql-parser (PyPI), a complete PromQL parser, so that no metric hides from the
check in a function call, a sub-query or a binary operation. Output: a JSON list, one entry per
expression, either {"selectors": [{"name": ..., "labels": [...]}]} or {"error": "..."}.
"""
import json
import sys

import promql_parser


def selectors(expression):
    found = []

    def visit(node):
        if isinstance(node, promql_parser.VectorSelector):
            matchers = list(node.matchers.matchers)
            for alternative in node.matchers.or_matchers:
                matchers.extend(alternative)
            name = node.name or next((m.value for m in matchers if m.name == "__name__"), None)
            found.append({"name": name, "labels": sorted({m.name for m in matchers if m.name != "__name__"})})

    promql_parser.walk(promql_parser.parse(expression), visit)
    return found


def main():
    answers = []
    for expression in json.load(sys.stdin):
        try:
            answers.append({"selectors": selectors(expression)})
        except ValueError as error:
            answers.append({"error": str(error)})
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
