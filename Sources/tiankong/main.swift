import TiankongEngine
let t = try Template.bundled()
print(t.title, t.blanks.count, t.fields.count)
for r in t.removedLines { print("removed", r.line, r.text) }
for b in t.blanks { print(b.index, b.line, b.column, b.marker, b.kind, b.unit ?? "-", b.context.prefix(20)) }
for f in t.fields { print(f.id, f.kind, f.label, f.blankIndexes) }
