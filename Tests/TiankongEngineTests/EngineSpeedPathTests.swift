import Foundation
import Testing
@testable import TiankongEngine

/// The code shaped for speed gives the answers of the plain code it replaced.
@Suite("Engine speed paths")
struct EngineSpeedPathTests {
    /// The plain one-pass check: the first offset where decoding as UTF-8 fails.
    func plainFirstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let length = LineBytes.scalarLength(bytes[i])
            if bytes[i] & 0xC0 == 0x80 || bytes[i] >= 0xF8 { return i }
            if i + length > bytes.count { return i }
            let decoded = String(validating: bytes[i..<(i + length)], as: UTF8.self)
            if decoded == nil || decoded!.unicodeScalars.count != 1 { return i }
            i += length
        }
        return nil
    }

    @Test("UTF-8 checked in two halves finds the first bad byte wherever it is, at the seam too")
    func utf8InHalves() {
        let text = Array(String(repeating: "今年以来，XXX党组坚持以习近平新时代中国特色社会主义思想为指导。\n", count: 12_000).utf8)
        #expect(text.count >= 1 << 20)
        #expect(UTF8Validation.firstInvalidOffset(text) == nil)
        let middle = text.count / 2
        for at in [0, 5, middle - 3, middle - 2, middle - 1, middle, middle + 1, middle + 2, middle + 3, text.count - 2, text.count - 1] {
            for bad: [UInt8] in [[0xFF], [0x80], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xC0, 0xAF]] {
                var broken = text
                broken.replaceSubrange(at..<min(at + bad.count, broken.count), with: bad)
                #expect(UTF8Validation.firstInvalidOffset(broken) == plainFirstInvalidOffset(broken), "bad bytes \(bad) at \(at)")
            }
        }
        // Two errors: the one in the first half is reported.
        var twice = text
        twice[middle + 100] = 0xFF
        twice[10] = 0xFF
        #expect(UTF8Validation.firstInvalidOffset(twice) == plainFirstInvalidOffset(twice))
        #expect(UTF8Validation.firstInvalidOffset(twice)! < 16)
    }

    @Test("field ids are f and the number, written digit by digit")
    func fieldIDs() {
        for n in [1, 9, 10, 11, 99, 100, 101, 999, 1000, 104_648, 1_000_000, 123_456_789, Int.max] {
            #expect(FieldGrouping.id(n) == "f\(n)")
        }
    }

    @Test("UTF-8 checked a word at a time agrees with the plain check on random text and bad bytes")
    func utf8Random() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = ["党", "X", "，", "a", "é", "😀", "\n", "　", "〇"].map { Array($0.utf8) }
            + [[0xFF], [0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<40, using: &generator) {
                let piece = Int.random(in: 0..<100, using: &generator) < 97 ? Int.random(in: 0..<9, using: &generator) : Int.random(in: 0..<pieces.count, using: &generator)
                bytes += pieces[piece]
            }
            #expect(UTF8Validation.firstInvalidOffset(bytes) == plainFirstInvalidOffset(bytes), "\(bytes)")
        }
    }

    @Test("units are found by their first character, and the list's first match wins (人次 before 人)")
    func unitTable() {
        #expect(KindInference.guess(marker: "X", before: "开展谈话", after: "人次，").unit == "人次")
        #expect(KindInference.guess(marker: "X", before: "参加", after: "人。").unit == "人")
        #expect(KindInference.guess(marker: "X.X", before: "投入", after: "万元").unit == "万元")
        #expect(KindInference.guess(marker: "X．X", before: "投入", after: "万元").kind == .decimal)
        #expect(KindInference.guess(marker: "XX", before: "", after: "人民医院").kind == .text)
        #expect(KindInference.guess(marker: "X", before: "", after: "").kind == .text)
        let table = KindInference.WordTable(KindInference.countUnits)
        for (k, word) in KindInference.countUnits.enumerated() {
            let bytes = Array((word + "以上").utf8)
            let first = KindInference.countUnits.firstIndex { (word + "以上").hasPrefix($0) }
            bytes.withUnsafeBufferPointer { #expect(table.firstPrefix(of: $0[...]) == first, "\(word) at \(k)") }
        }
    }

    @Test("headings are read from the first six characters, without making strings")
    func headings() {
        for heading in ["一、总体情况", "（一）学习", "(12)", "1.工作", "１．工作", "十二，", "（1）"] {
            #expect(Boilerplate.isHeading(heading), "\(heading)")
        }
        for line in ["", "（）", "一二三四五六、", "（一二三四五）", "仅供学习", "1", "（一", "QQ群"] {
            #expect(!Boilerplate.isHeading(line), "\(line)")
        }
    }

    @Test("a field's surroundings read from the template equal the same texts given as strings")
    func surroundings() throws {
        let template = try Template(bytes: Array("今年以来，XXX党组坚持学习；\n促进XXX党组发展。\n".utf8), source: "t.txt")
        let field = try #require(template.fields.first)
        #expect(field.blankIndexes == [1, 2])
        #expect(field.surroundings == [
            Field.Surrounding(before: "今年以来，", after: "党组坚持学习；"),
            Field.Surrounding(before: "促进", after: "党组发展。"),
        ])
        var changed = field.surroundings[0]
        changed.after = "局"
        #expect(changed.before == "今年以来，" && changed.after == "局")
        #expect(Set(field.surroundings).count == 2)
    }
}
