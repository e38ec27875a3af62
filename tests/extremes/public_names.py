#!/usr/bin/env python3
"""The public function names of include/tally/*.hpp, and whether each has a row
in the extremes matrix.

A public name is a function (free, member or static member) or a function
object declared in a public header outside `namespace detail`: a line that
declares `name(` after a return type, or `inline constexpr ... name{}`.
Operators, constructors and names starting with '_' are left out.

Usage: public_names.py INCLUDE_DIR [TEST_FILE...]
With test files, fails (exit 1) listing every public name that no
TEST_CASE title in them names as a whole word.
"""
import pathlib
import re
import sys

KEYWORDS = {"if", "for", "while", "switch", "return", "sizeof", "throw", "static_cast", "reinterpret_cast",
            "const_cast", "dynamic_cast", "decltype", "requires", "noexcept", "alignof", "catch", "defined",
            "static_assert", "explicit", "operator", "template", "typename", "using", "else", "do", "new", "delete"}

DECLARATION = re.compile(
    r"^\s*(?:\[\[nodiscard\]\]\s*)?(?:friend\s+|static\s+|constexpr\s+|consteval\s+|inline\s+|virtual\s+)*"
    r"((?:[A-Za-z_][\w:]*(?:<[^;{}()]*>)?[\s&*]+)+)([a-z_][a-z0-9_]*)\s*\(")
SPECIFIERS = {"friend", "static", "constexpr", "consteval", "inline", "virtual", "explicit"}
FUNCTION_OBJECT = re.compile(r"^\s*inline\s+constexpr\s+([\w:<>]+)\s+([a-z_][a-z0-9_]*)\s*\{\s*\}\s*;")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def public_names(include_dir):
    """Declarations at namespace or public class scope, outside namespace detail."""
    names = {}
    for header in sorted(pathlib.Path(include_dir).glob("*.hpp")):
        text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', strip_comments(header.read_text()))
        text = re.sub(r"'(?:\\.|[^'\\\n])'", "''", text)
        scopes = []  # [kind, public?] for each open brace: ns, detail, class, block
        pending = ""  # the text since the last brace or semicolon: what a '{' opens
        for line in text.split("\n"):
            visible = all(kind in ("ns", "class") for kind, _ in scopes) and all(pub for _, pub in scopes)
            access = re.match(r"^\s*(public|private|protected)\s*:", line)
            if access and scopes and scopes[-1][0] == "class":
                scopes[-1][1] = access.group(1) == "public"
            if visible and not re.match(r"^\s*(return|else|case|default|throw|#)\b", line):
                m = DECLARATION.match(line) or FUNCTION_OBJECT.match(line)
                returns = set(m.group(1).split()) - SPECIFIERS if m else set()
                if m and returns and m.group(2) not in KEYWORDS and "= delete" not in line:
                    names.setdefault(m.group(2), header.name)
            for c in line:
                if c == "{":
                    opener = pending
                    ns = re.search(r"\bnamespace\s+([\w:]*)\s*$", opener)
                    if ns:
                        kind = "detail" if ns.group(1).split("::")[0] == "detail" else "ns"
                        scopes.append([kind, True])
                    elif re.search(r"\b(class|struct|union)\s+\w+[^;()]*$", opener) and not re.search(r"\)\s*$", opener):
                        scopes.append(["class", not re.search(r"\bclass\b", opener)])
                    else:
                        scopes.append(["block", True])
                    pending = ""
                elif c == "}":
                    if scopes:
                        scopes.pop()
                    pending = ""
                elif c == ";":
                    pending = ""
                else:
                    pending += c
            pending += " "
    return names


def main():
    include_dir = sys.argv[1]
    names = public_names(include_dir)
    if len(sys.argv) == 2:
        for name, header in sorted(names.items()):
            print(f"{name}\t{header}")
        return 0
    titles = []
    for test in sys.argv[2:]:
        for literals in re.findall(r'TEST_CASE(?:_TEMPLATE)?\s*\(\s*((?:"[^"]*"\s*)+)', pathlib.Path(test).read_text()):
            titles.append("".join(re.findall(r'"([^"]*)"', literals)))
    words = set()
    for title in titles:
        words.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", title))
    missing = sorted(name for name in names if name not in words)
    if missing:
        print("public functions without a row in the extremes matrix (name them in a TEST_CASE title):")
        for name in missing:
            print(f"  {name} ({names[name]})")
        return 1
    print(f"all {len(names)} public function names have a row in the extremes matrix")
    return 0


if __name__ == "__main__":
    sys.exit(main())
