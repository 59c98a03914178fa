import Foundation
import Testing
@testable import TiankongEngine
import TiankongTestSupport

/// The proof-reader's precision on 46 real reports and the bundled template, against findings a
/// person labelled true or false (Tests/Fixtures/proofread/labels.tsv).
@Suite("Proof-reading real reports: precision")
struct ProofreadingCorpusTests {
    static let folder = Fixtures.folder.appendingPathComponent("proofread")

    struct Key: Hashable { var file: String; var line: Int; var column: Int; var rule: String }

    static func labels() throws -> [Key: Bool] {
        let text = try String(contentsOf: folder.appendingPathComponent("labels.tsv"), encoding: .utf8)
        var labels: [Key: Bool] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 7, let l = Int(cells[1]), let c = Int(cells[2]), cells[5] == "true" || cells[5] == "false" else {
                Issue.record("a label line that does not read: \(line)")
                continue
            }
            labels[Key(file: cells[0], line: l, column: c, rule: cells[3])] = cells[5] == "true"
        }
        return labels
    }

    /// Every report of the folder, and the bundled template, with what the rules find in it.
    static func findings() throws -> [(file: String, findings: [Finding])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        var all: [(String, [Finding])] = []
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            all.append((name, try ReportCheck(bytes: bytes, source: name).findings))
        }
        all.append(("bundled", Proofreader().findings(in: Fixtures.seedBytes)))
        return all
    }

    @Test("at least 30 real reports of the kinds the issue names, every one read")
    func corpus() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".txt") }
        let kinds = ["gongzuozongjie", "dangjian", "shuzhibaogao", "gongzuojihua", "huiyitongzhi", "qingshi"]
        #expect(names.filter { name in kinds.contains { name.contains($0) } }.count >= 30)
    }

    @Test("every finding is labelled, and no rule's false findings pass 5% of its findings")
    func precision() throws {
        let labels = try Self.labels()
        var found: [ProofRule: (all: Int, wrong: Int)] = [:]
        for (file, findings) in try Self.findings() {
            for finding in findings {
                let key = Key(file: file, line: finding.line, column: finding.column, rule: finding.rule.rawValue)
                guard let right = labels[key] else {
                    Issue.record("not labelled: \(file) \(finding.line):\(finding.column) \(finding.rule.rawValue) “\(finding.found)” \(finding.excerpt)")
                    continue
                }
                found[finding.rule, default: (0, 0)].all += 1
                if !right { found[finding.rule, default: (0, 0)].wrong += 1 }
            }
        }
        #expect(found[.halfWidthPunctuation]?.all ?? 0 > 900)
        for (rule, count) in found {
            #expect(count.wrong * 20 <= count.all, "\(rule.rawValue): \(count.wrong) false of \(count.all)")
        }
    }
}
