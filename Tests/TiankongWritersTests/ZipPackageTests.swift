import Foundation
import Testing
import ZIPFoundation
@testable import TiankongWriters

/// The .docx package's zip, read back by an independent zip library.
@Suite("Zip package")
struct ZipPackageTests {
    @Test("every part comes back byte for byte, deflated, with its CRC and the report's time")
    func readBack() throws {
        let parts: [(path: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", Array("<Types/>".utf8)),
            ("word/document.xml", Array(String(repeating: "<w:p>市财政局党组</w:p>", count: 2000).utf8)),
            ("word/empty.xml", []),
            ("word/媒体/图.bin", (0..<5000).map { UInt8(($0 * 7919) & 0xFF) }),
        ]
        // 2021-03-04 05:06:08 local time.
        var local = tm()
        local.tm_year = 121; local.tm_mon = 2; local.tm_mday = 4; local.tm_hour = 5; local.tm_min = 6; local.tm_sec = 8
        local.tm_isdst = -1
        let modified = Date(timeIntervalSince1970: TimeInterval(mktime(&local)))
        let data = try DocxWriter.zip(parts, modified: modified)
        let archive = try Archive(data: data, accessMode: .read)
        #expect(Array(archive).map(\.path) == parts.map(\.path))
        for part in parts {
            let entry = try #require(archive[part.path])
            var read = Data()
            _ = try archive.extract(entry, consumer: { read.append($0) })  // checks the CRC as it goes
            #expect(Array(read) == part.bytes, "\(part.path)")
            let components = Calendar.current.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                                             from: try #require(entry.fileAttributes[.modificationDate] as? Date))
            #expect([components.year, components.month, components.day, components.hour, components.minute, components.second]
                    == [2021, 3, 4, 5, 6, 8])
        }
        // The repeated document part is stored deflated, far smaller than its text.
        #expect(try #require(archive["word/document.xml"]).compressedSize < 2000)
    }

    @Test("a report's package, its fixed parts deflated once and the others whole, reads back part by part")
    func fixedPartsDeflatedOnce() throws {
        let first = WordReport(text: try bundledReportText(), author: "XX市XX局党组")
        // A second report shares the fixed parts deflated for the first.
        let second = WordReport(text: "市教育局工作总结\n今年以来，做了三件事。\n", author: "市教育局")
        for report in [first, second] {
            let archive = try Archive(data: try DocxWriter.data(for: report), accessMode: .read)
            let parts = DocxWriter.parts(for: report)
            #expect(Array(archive).map(\.path) == parts.map(\.path))
            for part in parts {
                var read = Data()
                _ = try archive.extract(try #require(archive[part.path]), consumer: { read.append($0) })  // checks the CRC
                #expect(Array(read) == part.bytes, "\(part.path)")
            }
            // Deflated, not stored.
            #expect(try #require(archive["word/document.xml"]).compressedSize < parts.first { $0.path == "word/document.xml" }!.bytes.count)
        }
    }
}
