"""Fails unless every relative link in README.md and docs/*.md names a file
or folder that exists. Web links (http:, https:, mailto:) and anchors within
a page (#...) are not checked; an anchor after a path is dropped."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
pages = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
link = re.compile(r"\]\(([^)\s]+)\)")
broken, checked = [], 0
for page in pages:
    text = page.read_text(encoding="utf-8")
    # Code blocks are examples, not links.
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    for target in link.findall(text):
        if re.match(r"(https?:|mailto:|#)", target):
            continue
        checked += 1
        if not (page.parent / target.split("#")[0]).exists():
            broken.append("%s: %s" % (page.relative_to(root), target))
if broken:
    print("links that resolve to nothing:\n  " + "\n  ".join(broken))
    sys.exit(1)
print("%d relative links in README.md and docs/ resolve" % checked)
