import Testing
@testable import TiankongWriters

@Suite("XML writer")
struct XMLWriterTests {
    @Test("Text and attributes keep & < > \" ' intact")
    func escaping() throws {
        var xml = XMLWriter()
        xml.element("root", ["value": #"A&B <C> "D" 'E'"#], text: #"A&B <C> "D" 'E'"#)
        let text = String(decoding: xml.data, as: UTF8.self)
        #expect(text.contains(#"value="A&amp;B &lt;C&gt; &quot;D&quot; &apos;E&apos;""#))
        #expect(text.contains(#">A&amp;B &lt;C&gt; &quot;D&quot; &apos;E&apos;</root>"#))
        let root = try parseXML(xml.data).children[0]
        #expect(root.attributes["value"] == #"A&B <C> "D" 'E'"#)
        #expect(root.text == #"A&B <C> "D" 'E'"#)
    }

    @Test("Characters XML 1.0 forbids are dropped, so the part stays well-formed")
    func forbiddenCharacters() throws {
        let dirty = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i"
        var xml = XMLWriter()
        xml.element("root", ["value": dirty], text: dirty)
        let root = try parseXML(xml.data).children[0]
        #expect(root.text == "abcdefghi")
        #expect(root.attributes["value"] == "abcdefghi")
        #expect(XMLWriter.removingForbidden(dirty) == "abcdefghi")
    }

    @Test("White space in attributes survives attribute normalisation")
    func attributeWhiteSpace() throws {
        var xml = XMLWriter()
        xml.empty("root", ["value": "a\tb\nc\rd"])
        #expect(try parseXML(xml.data).children[0].attributes["value"] == "a\tb\nc\rd")
    }

    @Test("Chinese text and full-width punctuation pass through unchanged")
    func chinese() throws {
        let line = "（一）强化“8小时”外监督管理。ＡＢＣ，１２３￥"
        var xml = XMLWriter()
        xml.element("root", text: line)
        #expect(String(decoding: xml.data, as: UTF8.self).contains(line))
        #expect(try parseXML(xml.data).children[0].text == line)
    }
}
