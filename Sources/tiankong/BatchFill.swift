import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine
import TiankongSheets
import Synchronization
import TiankongWord

/// `tiankong fill --data 表.csv`: one report per row of a sheet, every row checked before any is written.
struct BatchFill {
    var template: Template
    var word: WordTemplate?
    var dataPath: String
    var sheetName: String?
    var output: String?
    var format: FillCommand.Format?
    var encoding: TextEncoding?
    var partial: Bool
    var skipInvalid: Bool
    var force: Bool
    var fix: Bool

    func run() throws {
        let messages = Messages()
        let say = CommandText()
        let sheet: SheetFile
        do throws(SheetError) {
            sheet = try SheetFile.open(path: dataPath, sheetName: sheetName)
        } catch {
            throw CommandFailure(message: messages.text(for: error), status: error.exitStatus)
        }

        // The names: a pattern over the row's answers.
        let chosenFormat = try self.chosenFormat()
        let patternText = output ?? "\(Report.fileStem(title: template.title))-{row}.\(chosenFormat.rawValue)"
        let pattern: OutputNamePattern
        do throws(OutputNamePattern.Mistake) {
            pattern = try OutputNamePattern(patternText, fields: template.fields)
        } catch {
            throw CommandFailure(message: messages.text(for: error, pattern: patternText), status: .usage)
        }

        // The first pass: every row checked as it is read; only the problems and the names are kept.
        let checked = try check(sheet, pattern: pattern)
        let (match, review, names) = (checked.match, checked.review, checked.names)
        if !match.isComplete(partial: partial) {
            var lines = [say.t("数据表 \(dataPath) 的列与模板对不上，没有写出报告：", "The columns of \(dataPath) do not fit the template; no report was written:")]
            lines += messages.lines(for: match, fields: template.fields, partial: partial)
            if !match.missing.isEmpty && !partial { lines.append(say.t("缺的列若要让那些空原样留着，加 --partial。", "To leave the blanks of missing columns as they are, add --partial.")) }
            throw CommandFailure(message: lines.joined(separator: "\n"), status: .data)
        }

        // All problems told at once.
        if !review.problems.isEmpty {
            var lines = [skipInvalid
                ? say.t("有 \(review.badRows.count) 行不能使用，跳过：", "\(review.badRows.count) rows cannot be used and are skipped:")
                : say.t("有 \(review.badRows.count) 行不能使用，没有写出任何报告：", "\(review.badRows.count) rows cannot be used; no report was written:")]
            for problem in review.problems {
                lines.append("  " + messages.text(for: problem, field: template.field(problem.fieldID)))
            }
            if !skipInvalid {
                lines.append(say.t("改好这些行再运行；要先写出其余各行的报告，加 --skip-invalid。",
                                   "Correct these rows and run again; to write the other rows' reports now, add --skip-invalid."))
                throw CommandFailure(message: lines.joined(separator: "\n"), status: .data)
            }
            CommandText.printError(lines.joined(separator: "\n"))
        }
        for (row, entry) in review.warnings {
            let label = template.field(entry.fieldID)?.label ?? entry.fieldID
            CommandText.printError(say.t("提醒 第 \(row) 行，“\(label)”：", "Note: row \(row), “\(label)”: ") + messages.text(for: entry.warning))
        }

        // No two rows the same name, nothing overwritten unasked.
        if !pattern.variesByRow && review.goodCount > 1 {
            throw CommandFailure(message: say.t("输出文件名“\(patternText)”每一行都一样；请在里面用 {字段} 或 {row}，如 '输出/{单位名称}.docx'",
                                                "The output name “\(patternText)” is the same for every row; put a {field} or {row} in it, such as 'out/{org}.docx'"),
                                 status: .usage)
        }
        let collisions = OutputNamePattern.collisions(names)
        if !collisions.isEmpty {
            var lines = [say.t("有几行要写到同一个文件，没有写出报告：", "Some rows would write the same file; no report was written:")]
            for (name, rowNumbers) in collisions {
                let list = rowNumbers.map(String.init).joined(separator: say.t("、", ", "))
                lines.append(say.t("  第 \(list) 行都是 \(name)", "  rows \(list) all give \(name)"))
            }
            lines.append(say.t("请在输出文件名里加上能区分各行的字段，或 {row}。", "Put a field that tells the rows apart, or {row}, in the output name."))
            throw CommandFailure(message: lines.joined(separator: "\n"), status: .data)
        }
        if !force {
            let existing = names.map(\.name).filter { access($0, F_OK) == 0 }
            if !existing.isEmpty {
                var lines = [say.t("有 \(existing.count) 个输出文件已存在，没有写出报告（要覆盖请加 --force）：",
                                   "\(existing.count) output files already exist; no report was written (add --force to overwrite):")]
                lines += existing.prefix(20).map { "  " + $0 }
                if existing.count > 20 { lines.append("  …") }
                throw CommandFailure(message: lines.joined(separator: "\n"), status: .cannotCreate)
            }
        }

        // The second pass: the sheet read again, its good rows (those the first pass named) written a chunk at
        // a time as they come, each checked again by the writer that takes it.
        let proofread = fix && !(word != nil && chosenFormat == .docx)
        if fix && !proofread { CommandText.printError(say.fixNotInWordTemplates()) }
        let batch = BatchRun(total: review.goodCount, showsProgress: isatty(2) == 1 && review.goodCount > 1, say: say)
        var folders = Set<String>()
        for entry in names where folders.insert(AtomicFile.folder(of: entry.name)).inserted {
            do { try Self.makeFolders(for: entry.name) } catch {
                throw CommandFailure(message: messages.text(for: error), status: error.exitStatus)
            }
        }
        // Several writers at once. A Word template's package is one minizip handle, so its reports are made one at a time.
        let workers = word == nil ? min(8, max(1, review.goodCount)) : 1
        var chunk: [(row: DataRow, name: String)] = []
        var taken = 0
        var named = 0
        func writeChunk() {
            let jobs = chunk
            let first = taken
            taken += jobs.count
            chunk.removeAll(keepingCapacity: true)
            Parallel.run(min(workers, jobs.count)) { _ in
                while let k = batch.next(below: first + jobs.count) {
                    let (row, name) = jobs[k - first]
                    write(row, to: name, review: review, format: chosenFormat, proofread: proofread, batch: batch, say: say, messages: messages)
                }
            }
        }
        do throws(SheetError) {
            try sheet.read(fields: template.fields, header: { _ in }, row: { row in
                guard named < names.count, row.number == names[named].row else { return true }
                chunk.append((row, names[named].name))
                named += 1
                if chunk.count >= 256 { writeChunk() }
                return batch.failure == nil
            })
            if batch.failure == nil && !chunk.isEmpty { writeChunk() }
        } catch {
            // The sheet changed or went away since the first pass.
            batch.endProgress()
            throw CommandFailure(message: messages.text(for: error) + "\n" + say.t("已写出 \(batch.written) 份报告，其余没有写。", "\(batch.written) reports were written; the rest were not."),
                                 status: error.exitStatus)
        }
        // The reports written (all of them, or those before a failure) made durable at once.
        AtomicFile.flushAll()
        batch.endProgress()
        let written = batch.written
        if let failure = batch.failure {
            throw CommandFailure(message: say.t("第 \(failure.row) 行的报告没有写成：\(failure.reason)\n已写出 \(written) 份报告，其余没有写。",
                                                "The report of row \(failure.row) was not written: \(failure.reason)\n\(written) reports were written; the rest were not."),
                                 status: failure.code)
        }
        let folderName = AtomicFile.folder(of: names.first?.name ?? ".")
        let folder = folderName == "." ? FileManager.default.currentDirectoryPath : FillCommand.absolute(folderName)
        var summary = say.t("已写出 \(written) 份报告，在 \(folder)", "Written: \(written) reports, in \(folder)")
        if !review.badRows.isEmpty {
            let list = review.badRows.map(String.init).joined(separator: say.t("、", ", "))
            summary += say.t("；跳过 \(review.badRows.count) 行（第 \(list) 行）", "; skipped \(review.badRows.count) rows (\(list))")
        }
        CommandText.printError(summary)
    }

    /// What the first pass over a sheet keeps: how its columns match the fields, every row's problems,
    /// and the name each usable row's report would have.
    struct Checked {
        var match: ColumnMatch
        var review: SheetReview
        var names: [(row: Int, name: String)]
    }

    /// Reads the sheet once, checking every row. A column with no header counts only if some row has
    /// something in it, known at the end: until then the rows are read as if it had nothing.
    private func check(_ sheet: SheetFile, pattern: OutputNamePattern) throws -> Checked {
        var header: [String] = []
        var unnamed: [Int] = []
        var withData = Set<Int>()
        var checked: Checked?
        // Rows are read in turn and checked a chunk at a time on every core, then kept in their order.
        var pending: [DataRow] = []
        func reviewPending() {
            let rows = pending
            let review = checked!.review
            pending.removeAll(keepingCapacity: true)
            let reviewed = ReviewedRows(count: rows.count)
            defer { reviewed.free() }
            let parts = min(Parallel.cores, rows.count)
            Parallel.run(parts) { part in
                for k in stride(from: part, to: rows.count, by: parts) { reviewed.set(k, review.review(rows[k])) }
            }
            for k in rows.indices {
                guard let good = checked!.review.record(rows[k].number, reviewed.take(k)) else { continue }
                checked!.names.append((good.number, pattern.name(row: good.number, values: good.values)))
            }
        }
        do throws(SheetError) {
            var headerRow = 1
            try sheet.read(fields: template.fields, header: { first in
                let cells = first.cells
                header = cells
                headerRow = first.number
                unnamed = cells.indices.filter { cells[$0].trimmedSpaces().isEmpty }
                let match = ColumnMatch(header: cells, fields: template.fields) { _ in false }
                checked = Checked(match: match, review: SheetReview(match: match, template: template, partial: partial), names: [])
            }, row: { row in
                // Columns that fit nothing: no row needs reading to say so.
                guard checked!.match.isComplete(partial: partial) else { return false }
                for index in unnamed where index < row.cells.count && !row.cells[index].trimmedSpaces().isEmpty { withData.insert(index) }
                guard !row.isEmpty, !Self.isInstructions(row, under: headerRow, match: checked!.match, template: template) else { return true }
                pending.append(row)
                if pending.count >= 256 { reviewPending() }
                return true
            })
            if checked != nil { reviewPending() }
        } catch {
            throw CommandFailure(message: Messages().text(for: error), status: error.exitStatus)
        }
        if !withData.isEmpty {
            checked!.match = ColumnMatch(header: header, fields: template.fields) { withData.contains($0) }
        }
        return checked!
    }

    /// The reviews of a chunk of rows, each written by the part that checked it.
    private struct ReviewedRows: @unchecked Sendable {
        typealias Review = (good: SheetReview.GoodRow?, problems: [SheetReview.Problem])
        private let slots: UnsafeMutablePointer<Review>
        private let count: Int

        init(count: Int) {
            self.count = count
            slots = .allocate(capacity: max(1, count))
        }

        func set(_ k: Int, _ review: Review) { (slots + k).initialize(to: review) }
        /// Moves a review out; each is set once and taken once.
        func take(_ k: Int) -> Review { (slots + k).move() }
        func free() { slots.deallocate() }
    }

    /// Checks and writes one row's report; a failure is told to `batch`, which then takes no more rows.
    /// The reports are made durable together at the end (`AtomicFile.flushAll`), not one by one.
    private func write(_ row: DataRow, to name: String, review: SheetReview, format: FillCommand.Format, proofread: Bool,
                       batch: BatchRun, say: CommandText, messages: Messages) {
        do {
            let checked = review.review(row)
            guard let good = checked.good else {
                // The sheet changed since the first pass read this row.
                let problem = checked.problems.first
                throw CommandFailure(message: problem.map { messages.text(for: $0, field: template.field($0.fieldID)) } ?? "",
                                     status: .data)
            }
            var text = Report.utf8(template: template, answers: good.values)
            if proofread { text = FillCommand.proofread(text, template: template, values: good.values, say: say, messages: messages, row: row.number) }
            let bytes: [UInt8]
            switch format {
            case .txt: bytes = Report.encoded(text, template: template, encoding: encoding)
            case .docx:
                if let word {
                    try WordOutput.write(word, values: good.values, to: name, overwrite: force, durable: false)
                    batch.done()
                    return
                }
                bytes = try WordOutput.bytes(text: String(decoding: text, as: UTF8.self), template: template, values: good.values)
            }
            try AtomicFile.write(bytes, to: name, overwrite: force, durable: false)
            batch.done()
        } catch {
            switch error {
            case let error as OutputError: batch.failed(row: row.number, reason: messages.text(for: error), code: error.exitStatus)
            case let failure as CommandFailure: batch.failed(row: row.number, reason: failure.message, code: failure.status)
            default: batch.failed(row: row.number, reason: "\(error)", code: .io)
            }
        }
    }

    private func chosenFormat() throws -> FillCommand.Format {
        if let format { return format }
        guard let output else { return word == nil ? .txt : .docx }
        if output.lowercased().hasSuffix(".txt") { return .txt }
        if output.lowercased().hasSuffix(".docx") { return .docx }
        throw CommandFailure(message: CommandText().unknownFormat(output), status: .usage)
    }

    /// The rows under the header (row `headerRow`) that `tiankong sheet` writes: what each column
    /// expects, and the field ids.
    static func isInstructions(_ row: DataRow, under headerRow: Int, match: ColumnMatch, template: Template) -> Bool {
        guard row.number <= headerRow + 2 else { return false }
        var said = false
        for column in match.columns where column.index < row.cells.count {
            let cell = row.cells[column.index].trimmedSpaces()
            guard !cell.isEmpty else { continue }
            guard let field = template.field(column.fieldID),
                  cell == field.id || [Language.chinese, .english].contains(where: { cell == Messages(language: $0).expectation(for: field) })
            else { return false }
            said = true
        }
        return said
    }

    /// Creates the folders a name lies in, as `mkdir -p` does.
    static func makeFolders(for name: String) throws(OutputError) {
        var path = ""
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (k, part) in parts.enumerated() {
            path += (k == 0 ? "" : "/") + part
            if part.isEmpty || part == "." || part == ".." { continue }
            if mkdir(path, 0o777) != 0 && errno != EEXIST {
                throw OutputError.cannotCreate(path: path, errno: errno)
            }
        }
    }
}

/// The options of `fill` for many reports from one sheet.
struct BatchOptions: ParsableArguments {
    @Option(help: ArgumentHelp(CommandText().t("数据表（.xlsx 或 .csv）：每行一份报告，列标题是字段的标签或字段名；-o 给出文件名样式，如 '输出/{单位名称}.docx'",
                                               "A data sheet (.xlsx or .csv): one report per row, headed by field labels or ids; -o gives the name pattern, such as 'out/{org}.docx'"),
                               valueName: "SHEET"))
    var data: String?

    @Option(help: ArgumentHelp(CommandText().t("读 .xlsx 的哪一张工作表（默认第一张）", "Which sheet of an .xlsx to read (default: the first)"),
                               valueName: "NAME"))
    var sheet: String?

    @Flag(name: .customLong("skip-invalid"),
          help: ArgumentHelp(CommandText().t("数据表里有不能用的行时，跳过它们，照样写出其余各行", "Skip the rows of the data sheet that cannot be used and write the others")))
    var skipInvalid = false

    /// The answers file to fill from; nil when the reports came from `--data` and are written already.
    func answersOrRun(_ answers: String?, fill: FillCommand) throws -> String? {
        let usage = Tiankong.usageString(for: FillCommand.self)
        switch (answers, data) {
        case (let answers?, nil):
            return answers
        case (_?, _?):
            CommandLineMistake(kind: .exclusive("--answers", "--data"), command: "tiankong fill", usage: usage).exit()
        case (nil, nil):
            CommandLineMistake(kind: .missing("--answers <FILE>"), command: "tiankong fill", usage: usage).exit()
        case (nil, let data?):
            let (template, word) = try fill.template.loadWithWord()
            try BatchFill(template: template, word: word, dataPath: data, sheetName: sheet, output: fill.output, format: fill.format,
                          encoding: fill.encoding?.textEncoding, partial: fill.partial, skipInvalid: skipInvalid, force: fill.force, fix: fill.fix).run()
            return nil
        }
    }
}

/// The reports of a batch as the writers take and finish them: which is next, how many are written, the
/// first failure (the batch stops taking rows after it), and a progress line on a terminal.
final class BatchRun: Sendable {
    struct Failure { var row: Int; var reason: String; var code: ExitStatus }
    private struct State {
        var next = 0
        var written = 0
        var failure: Failure?
        var lastShown: UInt64 = 0
    }

    let total: Int
    let showsProgress: Bool
    let say: CommandText
    let started = BatchRun.now()
    private let state = Mutex(State())

    init(total: Int, showsProgress: Bool, say: CommandText) {
        self.total = total
        self.showsProgress = showsProgress
        self.say = say
    }

    /// The next report to make, below `limit` (the end of the rows read so far), or nil when all those
    /// are taken or one failed.
    func next(below limit: Int) -> Int? {
        state.withLock { s in
            guard s.failure == nil, s.next < min(total, limit) else { return nil }
            defer { s.next += 1 }
            return s.next
        }
    }

    func done() {
        let line: String? = state.withLock { s in
            s.written += 1
            let now = BatchRun.now()
            guard showsProgress, now - s.lastShown >= 100_000_000 || s.written == total else { return nil }
            s.lastShown = now
            let seconds = Double(now - started) / 1e9
            let rate = seconds > 0 ? Double(s.written) / seconds : 0
            let left = rate > 0 ? Int((Double(total - s.written) / rate).rounded(.up)) : 0
            return say.t("\r已写出 \(s.written)/\(total) 份 · 每秒 \(Int(rate)) 份 · 还要约 \(left) 秒\u{1B}[K",
                         "\r\(s.written)/\(total) written · \(Int(rate)) a second · about \(left) s left\u{1B}[K")
        }
        if let line { try? AtomicFile.write(Array(line.utf8), toDescriptor: 2, name: "stderr") }
    }

    func failed(row: Int, reason: String, code: ExitStatus) {
        state.withLock { s in
            if s.failure == nil || row < s.failure!.row { s.failure = Failure(row: row, reason: reason, code: code) }
        }
    }

    var written: Int { state.withLock { $0.written } }
    var failure: Failure? { state.withLock { $0.failure } }

    /// Clears the progress line, so the summary starts on a clean line.
    func endProgress() {
        if showsProgress { try? AtomicFile.write(Array("\r\u{1B}[K".utf8), toDescriptor: 2, name: "stderr") }
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
