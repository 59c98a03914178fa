"""The corpus of real templates (Tests/Fixtures/real) and how tiankong's reading of them is scored.

Each template NNN-genre.txt has a label file NNN-genre.labels.json written by reading the template:
every blank (line, marker, kind, unit, question), which questions may be asked once or twice
("either"), every advert line, every X that is not a blank, and the title. `score_corpus` runs
`tiankong fields FILE --format json --no-schema` on each and compares; scripts/score.py prints it.
"""
import dataclasses
import json
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "Tests" / "Fixtures" / "real"
KINDS = {"text", "integer", "decimal", "percent", "year", "month", "day", "quarter"}
MARKER_CHARACTERS = set("XxＸｘ×＿_某")
# The floors: the scored test fails below them.
FLOORS = {"recall": 1.0, "precision": 1.0, "kinds": 0.97, "wrong_merges": 0, "adverts": 0.95, "body_removed": 0}


@dataclasses.dataclass
class Template:
    path: pathlib.Path
    labels: dict

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def genre(self) -> str:
        return self.labels["genre"]

    def lines(self) -> list[str]:
        """The physical lines as tiankong numbers them (CRLF is one line end)."""
        text = self.path.read_bytes().decode(self.labels["encoding"])
        end = "\r\n" if self.labels["lineEnding"] == "crlf" else "\n"
        lines = text.split(end)
        if lines and lines[-1] == "":
            lines.pop()
        return lines


def load_corpus() -> list[Template]:
    templates = []
    for path in sorted(CORPUS.glob("*.txt")):
        label_path = path.with_name(path.stem + ".labels.json")
        labels = json.loads(label_path.read_text(encoding="utf-8")) if label_path.exists() else None
        templates.append(Template(path, labels))
    return templates


def validate(template: Template) -> list[str]:
    """Problems with a label file: anything that would make its score mean something else."""
    if template.labels is None:
        return [f"{template.name}: no label file"]
    labels, problems = template.labels, []
    say = lambda message: problems.append(f"{template.name}: {message}")
    for key in ("source", "genre", "encoding", "lineEnding", "title", "blanks", "either", "adverts", "notBlanks"):
        if key not in labels:
            say(f"no {key!r}")
    if problems:
        return problems
    raw = template.path.read_bytes()
    try:
        raw.decode(labels["encoding"])
    except (UnicodeDecodeError, LookupError) as error:
        return [f"{template.name}: not {labels['encoding']}: {error}"]
    crlf = raw.count(b"\r\n")
    if labels["lineEnding"] == "crlf" and crlf != raw.count(b"\n"):
        say("labelled crlf but has bare LF line ends")
    if labels["lineEnding"] == "lf" and b"\r" in raw:
        say("labelled lf but has CR")
    lines = template.lines()
    in_range = lambda n: isinstance(n, int) and 1 <= n <= len(lines)
    kinds_of, previous, cursor = {}, (0, 0), {}
    for blank in labels["blanks"]:
        line, marker = blank["line"], blank["marker"]
        if not in_range(line):
            say(f"blank line {line} out of range 1…{len(lines)}")
            continue
        if blank["kind"] not in KINDS:
            say(f"line {line}: kind {blank['kind']!r} is not one of {sorted(KINDS)}")
        text = lines[line - 1]
        at = find_marker(text, marker, cursor.get(line, 0))
        if at < 0:
            say(f"line {line}: marker {marker!r} not found (in order) in {text[:60]!r}")
            continue
        if (line, at) < previous:
            say(f"line {line}: blanks not in document order")
        previous, cursor[line] = (line, at), at + len(marker)
        kinds_of.setdefault(blank["question"], set()).add(blank["kind"])
    for question, kinds in kinds_of.items():
        if len(kinds) > 1:
            say(f"question {question!r} has blanks of different kinds {sorted(kinds)}")
    for pair in labels["either"]:
        if len(pair) != 2 or pair[0] == pair[1] or any(q not in kinds_of for q in pair):
            say(f"either {pair!r} must name two different questions of this file")
    for line in labels["adverts"]:
        if not in_range(line) or not lines[line - 1].strip():
            say(f"advert line {line} is out of range or empty")
    if labels["title"] is not None and labels["title"] not in title_candidates(lines):
        say(f"title {labels['title']!r} is not a line of the template, nor one wrapped over up to 3 lines")
    for item in labels["notBlanks"]:
        if not in_range(item["line"]) or item["text"] not in lines[item["line"] - 1]:
            say(f"notBlank {item!r} not on its line")
    return problems


def title_candidates(lines: list[str]) -> set[str]:
    """Every line, and every run of up to three non-empty lines joined (a long title wraps)."""
    texts = [line.strip() for line in lines if line.strip()]
    return {"".join(texts[i:i + k]) for i in range(len(texts)) for k in (1, 2, 3)}


def find_marker(text: str, marker: str, start: int) -> int:
    """Where marker stands as a whole blank at or after start (not part of a longer run), or -1."""
    at = text.find(marker, start)
    while at >= 0:
        before = text[at - 1] if at > 0 else ""
        after = text[at + len(marker)] if at + len(marker) < len(text) else ""
        if before not in MARKER_CHARACTERS and after not in MARKER_CHARACTERS:
            return at
        at = text.find(marker, at + 1)
    return -1


@dataclasses.dataclass
class Score:
    """One template's figures, or a sum of several (files > 1)."""
    files: int = 0
    labelled: int = 0
    found: int = 0
    matched: int = 0
    kinds_right: int = 0
    units_right: int = 0
    wrong_merges: int = 0
    missed_merges: int = 0
    adverts: int = 0
    adverts_removed: int = 0
    body_removed: int = 0
    titles: int = 0
    titles_right: int = 0
    misses: list = dataclasses.field(default_factory=list, repr=False)

    def add(self, other: "Score") -> None:
        for field in dataclasses.fields(self):
            if field.name == "misses":
                self.misses.extend(other.misses)
            else:
                setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    recall = property(lambda s: ratio(s.matched, s.labelled))
    precision = property(lambda s: ratio(s.matched, s.found))
    kinds = property(lambda s: ratio(s.kinds_right, s.matched))
    units = property(lambda s: ratio(s.units_right, s.matched))
    advert_rate = property(lambda s: ratio(s.adverts_removed, s.adverts))
    title_rate = property(lambda s: ratio(s.titles_right, s.titles))


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def run_fields(binary: str, template: Template) -> tuple[dict | None, str]:
    """tiankong's JSON listing of a template, or None and why not."""
    result = subprocess.run([binary, "fields", str(template.path), "--format", "json", "--no-schema"],
                            capture_output=True, timeout=60, env={"LANG": "zh_CN.UTF-8", "PATH": "/usr/bin:/bin"})
    if result.returncode != 0:
        return None, f"tiankong exited {result.returncode}: {result.stderr.decode('utf-8', 'replace').strip()[:200]}"
    try:
        return json.loads(result.stdout), ""
    except json.JSONDecodeError as error:
        return None, f"tiankong printed no JSON: {error}"


def match_line(expected: list, found: list) -> list[tuple[int, int]]:
    """Pairs (expected index, found index) of one line's blanks: the longest in-order matching by marker."""
    n, m = len(expected), len(found)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if expected[i]["marker"] == found[j]["marker"]:
                best[i][j] = best[i + 1][j + 1] + 1
            else:
                best[i][j] = max(best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if expected[i]["marker"] == found[j]["marker"] and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def normal_unit(unit):
    """余篇 is 篇 and 多次 is 次: the unit word without the 'more than' before it."""
    if not unit:
        return None
    return unit[1:] if len(unit) > 1 and unit[0] in "余多" else unit


def score_template(template: Template, listing: dict | None, error: str = "") -> Score:
    labels, name = template.labels, template.name
    score = Score(files=1, labelled=len(labels["blanks"]), adverts=len(labels["adverts"]))
    miss = lambda line, what: score.misses.append(f"{name}:{line}: {what}")
    if listing is None:
        miss(0, f"{error} (all {score.labelled} labelled blanks count as not found)")
        return score
    found = listing.get("blanks", [])
    score.found = len(found)
    units = {field["id"]: field.get("unit") for field in listing.get("fields", [])}
    by_line_expected, by_line_found = {}, {}
    for index, blank in enumerate(labels["blanks"]):
        by_line_expected.setdefault(blank["line"], []).append(index)
    for index, blank in enumerate(found):
        by_line_found.setdefault(blank["line"], []).append(index)
    question_of = {}   # found index -> labelled question
    for line in sorted(set(by_line_expected) | set(by_line_found)):
        expected = [labels["blanks"][i] for i in by_line_expected.get(line, [])]
        got = [found[i] for i in by_line_found.get(line, [])]
        pairs = match_line(expected, got)
        paired_e, paired_g = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, j in pairs:
            want, have = expected[i], got[j]
            score.matched += 1
            question_of[by_line_found[line][j]] = want["question"]
            if have.get("kind") == want["kind"]:
                score.kinds_right += 1
            else:
                miss(line, f"kind of {want['marker']!r} ({want['question']}): expected {want['kind']}, got {have.get('kind')}")
            if normal_unit(units.get(have.get("field"))) == normal_unit(want["unit"]):
                score.units_right += 1
        for i, want in enumerate(expected):
            if i not in paired_e:
                miss(line, f"blank {want['marker']!r} ({want['question']}, {want['kind']}) not found")
        for j, have in enumerate(got):
            if j not in paired_g:
                miss(line, f"found {have.get('marker')!r} ({have.get('kind')}) where no blank is labelled")
    either = {frozenset(pair) for pair in labels["either"]}
    line_of = lambda index: found[index]["line"]
    matched = sorted(question_of)
    for a_position, a in enumerate(matched):
        for b in matched[a_position + 1:]:
            qa, qb = question_of[a], question_of[b]
            same_field = found[a].get("field") == found[b].get("field")
            if same_field and qa != qb and frozenset((qa, qb)) not in either:
                score.wrong_merges += 1
                miss(line_of(a), f"wrong merge: {qa} (line {line_of(a)}) and {qb} (line {line_of(b)}) "
                                 f"both field {found[a].get('field')}")
            if not same_field and qa == qb:
                score.missed_merges += 1
                miss(line_of(a), f"missed merge (informational): {qa} at lines {line_of(a)} and {line_of(b)} "
                                 f"asked as {found[a].get('field')} and {found[b].get('field')}")
    removed = {item["line"]: item.get("text", "") for item in listing.get("removedLines", [])}
    lines = template.lines()
    for line in labels["adverts"]:
        if line in removed:
            score.adverts_removed += 1
        else:
            miss(line, f"advert kept: {lines[line - 1][:50]!r}")
    for line in sorted(removed):
        if line not in labels["adverts"] and 1 <= line <= len(lines) and lines[line - 1].strip():
            score.body_removed += 1
            miss(line, f"body line removed: {lines[line - 1][:50]!r}")
    if labels["title"] is not None:
        score.titles = 1
        got_title = (listing.get("title") or "").strip()
        if got_title == labels["title"]:
            score.titles_right = 1
        else:
            miss(0, f"title: expected {labels['title']!r}, got {got_title!r}")
    return score


def score_corpus(binary: str, templates: list[Template] | None = None) -> dict[str, Score]:
    """Scores per genre; the key "合计" holds the totals."""
    by_genre, total = {}, Score()
    for template in templates if templates is not None else load_corpus():
        listing, error = run_fields(binary, template)
        one = score_template(template, listing, error)
        by_genre.setdefault(template.genre, Score()).add(one)
        total.add(one)
    by_genre["合计"] = total
    return by_genre


def below_floors(total: Score) -> list[str]:
    """The floors of the issue the totals do not reach, in words."""
    failures = []
    if total.recall < FLOORS["recall"]:
        failures.append(f"blank recall {total.recall:.1%} < {FLOORS['recall']:.0%}")
    if total.precision < FLOORS["precision"]:
        failures.append(f"blank precision {total.precision:.1%} < {FLOORS['precision']:.0%}")
    if total.kinds < FLOORS["kinds"]:
        failures.append(f"kind accuracy {total.kinds:.1%} < {FLOORS['kinds']:.0%}")
    if total.wrong_merges > FLOORS["wrong_merges"]:
        failures.append(f"{total.wrong_merges} wrong merges")
    if total.advert_rate < FLOORS["adverts"]:
        failures.append(f"adverts removed {total.advert_rate:.1%} < {FLOORS['adverts']:.0%}")
    if total.body_removed > FLOORS["body_removed"]:
        failures.append(f"{total.body_removed} body lines removed")
    return failures


def table(by_genre: dict[str, Score]) -> str:
    """One row per genre and the totals: the figures of issue 17."""
    heads = ["genre", "files", "blanks", "found", "recall", "precision", "kinds", "units*",
             "wrong merges", "missed merges*", "adverts removed", "body removed", "titles"]
    rows = []
    for genre, s in by_genre.items():
        rows.append([genre, s.files, s.labelled, s.found, f"{s.recall:.1%}", f"{s.precision:.1%}", f"{s.kinds:.1%}",
                     f"{s.units:.1%}", s.wrong_merges, s.missed_merges,
                     f"{s.adverts_removed}/{s.adverts}", s.body_removed, f"{s.titles_right}/{s.titles}"])
    width = lambda text: sum(2 if ord(c) > 0x2E7F else 1 for c in str(text))
    widths = [max(width(row[i]) for row in [heads] + rows) for i in range(len(heads))]
    pad = lambda text, w: str(text) + " " * (w - width(text))
    out = [" | ".join(pad(h, w) for h, w in zip(heads, widths))]
    out.append("-+-".join("-" * w for w in widths))
    out += [" | ".join(pad(c, w) for c, w in zip(row, widths)) for row in rows]
    out.append("* informational: units of matched blanks (余篇 counts as 篇), and blanks of one question asked apart")
    return "\n".join(out)
