import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TiankongEngine
import TiankongWord
import TiankongWriters
import ZIPFoundation

/// Fuzz targets for libFuzzer, one binary for all: TIANKONG_FUZZ picks the target.
///
/// Built by `make fuzz` with `-sanitize=fuzzer,address -DFUZZING` (libFuzzer brings `main`); a normal build
/// gives a replay runner that feeds the files named on the command line to the target, so every crash
/// found stays a regression test (`Fuzz/regressions/`).
enum FuzzTarget: String, CaseIterable {
    case template, numerals, answers, schema, docx, word

    static var chosen: FuzzTarget {
        let name = ProcessInfo.processInfo.environment["TIANKONG_FUZZ"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("TIANKONG_FUZZ must be one of: \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(ExitStatus.usage.rawValue)
        }
        return target
    }

    /// Runs one input; a broken invariant stops the process (libFuzzer records the input).
    func run(_ bytes: [UInt8]) {
        switch self {
        case .template: Self.template(bytes)
        case .numerals: Self.numerals(bytes)
        case .answers: Self.answers(bytes)
        case .schema: Self.schema(bytes)
        case .docx: Self.docx(bytes)
        case .word: Self.word(bytes)
        }
    }

    static let bundled = try! Template.bundled(options: .init(useSchema: false))

    /// Decoding, blank scanning and kind inference on any bytes: never a crash; the report of a template
    /// with no answers and its adverts kept is its own text.
    static func template(_ bytes: [UInt8]) {
        guard let template = try? Template(bytes: bytes, source: "fuzz.txt", options: .init(keepBoilerplate: true)) else { return }
        precondition(Report.utf8(template: template, answers: [:]) == template.text, "an unfilled report differs from its text")
        for blank in template.blanks {
            precondition(blank.byteRange.upperBound <= template.text.count)
            _ = blank.context
        }
        let answers = Dictionary(uniqueKeysWithValues: template.fields.map { ($0.id, "12") })
        _ = AnswerReview(answers: answers, template: template, partial: true)
        _ = (try? Template(bytes: bytes, source: "fuzz.txt"))?.title
    }

    /// The numeral parser and every validator on any text.
    static func numerals(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = ChineseNumeral.parse(text)
        for kind in Kind.allCases {
            let field = Field(id: "f1", kind: kind, unit: "次", minimum: 0, maximum: 100, label: "", marker: "X", blankIndexes: [1],
                              surroundings: [.init(before: "今年以来，", after: "党组坚持")],
                              date: .init(year: "f2", month: "f3", day: "f1"))
            let verdict = Validation.check(text, for: field, answers: ["f2": "2021", "f3": text])
            precondition((verdict.value == nil) == (verdict.failure != nil), "a verdict is either a value or a failure")
            if let failure = verdict.failure { _ = Messages(language: .chinese).text(for: failure, field: field) }
        }
    }

    /// The answers file loader: what it reads, it writes back the same.
    static func answers(_ bytes: [UInt8]) {
        guard let set = try? AnswerSet.decode(Data(bytes)) else { return }
        let again = try? AnswerSet.decode(set.encoded())
        precondition(again == set, "answers did not survive being written and read back")
    }

    /// The schema loader (libyaml and the checks on its events), applied to the bundled template.
    static func schema(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? YAML.document(bytes: bytes)
        guard let schema = try? Schema.parse(text, path: "fuzz.tiankong.yaml") else { return }
        _ = try? bundled.applying(schema, from: "fuzz.tiankong.yaml")
    }

    /// The Word template reader on any bytes: a refusal or a template, never a crash or a hang. A
    /// template filled with no answers (adverts kept) reads back as the same text; filled with
    /// answers, it reads back as a Word file again.
    static func word(_ bytes: [UInt8]) {
        let options = Template.Options(keepBoilerplate: true, useSchema: false)
        guard let word = try? WordTemplate(bytes: bytes, path: "fuzz.docx", options: options) else { return }
        let unfilled = try! word.filled(values: [:])
        precondition((try? WordTemplate(bytes: unfilled, path: "again.docx", options: options))?.template.text == word.template.text,
                     "a Word template filled with no answers reads back differently")
        let answers = Dictionary(uniqueKeysWithValues: word.template.fields.map { ($0.id, " 12&<> ") })
        let filled = try! word.filled(values: answers)
        do {
            _ = try WordTemplate(bytes: filled, path: "filled.docx", options: options)
        } catch TemplateError.noBlanks {
        } catch {
            preconditionFailure("a filled Word template does not read back: \(error)")
        }
    }

    /// The Word writer: any answer text gives a package whose document part is well-formed XML.
    static func docx(_ bytes: [UInt8]) {
        let answer = String(decoding: bytes, as: UTF8.self)
        let text = Report.text(template: bundled, answers: ["f1": answer, "f7": answer])
        guard let data = try? DocxWriter.data(for: WordReport(text: text, author: answer)) else {
            preconditionFailure("the Word writer refused an answer")
        }
        let archive = try! Archive(data: data, accessMode: .read)
        for path in ["word/document.xml", "docProps/core.xml"] {
            var xml = Data()
            _ = try! archive.extract(archive[path]!) { xml.append($0) }
            let parser = XMLParser(data: xml)
            precondition(parser.parse(), "\(path) is not well-formed XML: \(String(describing: parser.parserError))")
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

nonisolated(unsafe) let fuzzTarget = FuzzTarget.chosen

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM names an executable's entry point after its module; libFuzzer's driver runs from here.
@_cdecl("tiankong_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    _ = fuzzTarget
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzOne)
}
#else
/// Replays the files (or the files in the folders) named on the command line.
@main
struct Replay {
    static func main() {
        let target = FuzzTarget.chosen
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            var files = [argument]
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue {
                files = ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map { argument + "/" + $0 }
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                target.run([UInt8](data))
                count += 1
            }
        }
        print("\(target.rawValue): \(count) inputs replayed")
    }
}
#endif
