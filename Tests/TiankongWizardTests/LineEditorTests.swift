import Testing
@testable import TiankongWizard

/// The line editor, as a user of an input method meets it.
@Suite("The line editor")
struct LineEditorTests {
    @Test("After four Chinese characters the cursor is eight columns on")
    func cursorAfterChinese() {
        var editor = LineEditor()
        editor.insert("市财政局")
        #expect(editor.cursorColumn == 8)
        editor.insert("12")
        #expect(editor.cursorColumn == 10)
        #expect(editor.cursor == 6)
    }

    @Test("Full-width punctuation takes two columns")
    func fullWidthPunctuation() {
        var editor = LineEditor()
        editor.insert("，。：（１")
        #expect(editor.cursorColumn == 10)
    }

    @Test("Left, Right, Home and End move by whole characters")
    func moving() {
        var editor = LineEditor("市财政局")
        editor.moveLeft()
        #expect(editor.cursorColumn == 6)
        editor.moveHome()
        #expect(editor.cursorColumn == 0)
        editor.moveRight()
        #expect(editor.cursorColumn == 2)
        editor.moveEnd()
        #expect(editor.cursor == 4)
    }

    @Test("Backspace and Delete remove a whole character, accents and emoji included")
    func deleting() {
        var editor = LineEditor("财e\u{301}👍🏽")
        editor.deleteBackward()
        #expect(editor.text == "财e\u{301}")
        editor.deleteBackward()
        #expect(editor.text == "财")
        editor.insert("政局")
        editor.moveHome()
        editor.deleteForward()
        #expect(editor.text == "政局")
        #expect(editor.cursorColumn == 0)
    }

    @Test("Ctrl-U, Ctrl-K and Ctrl-W")
    func killing() {
        var editor = LineEditor("甘肃 市财政局")
        editor.deleteWordBackward()
        #expect(editor.text == "甘肃 ")
        editor = LineEditor("市财政局")
        editor.moveLeft()
        editor.moveLeft()
        editor.deleteToEnd()
        #expect(editor.text == "市财")
        editor.moveLeft()
        editor.deleteToStart()
        #expect(editor.text == "财")
        #expect(editor.cursor == 0)
    }

    @Test("Control characters never get in; line breaks and tabs become spaces")
    func controlCharacters() {
        var editor = LineEditor()
        editor.insert("市\u{1B}[A财\u{7}\n政\t局\u{0}")
        #expect(editor.text == "市[A财 政 局")
        var pasted = LineEditor()
        pasted.insert("\u{FEFF}市财\u{200B}政局\u{200E}")
        #expect(pasted.text == "市财政局" && pasted.cursor == 4, "invisible characters from a web page stay out")
    }

    @Test("A long answer scrolls so that the cursor stays in the field")
    func scrolling() {
        var editor = LineEditor()
        editor.insert(String(repeating: "财政", count: 10))
        editor.fit(width: 11)
        #expect(editor.cursorColumn <= 10)
        #expect(editor.visible(width: 11).hasSuffix("政"))
        editor.moveHome()
        editor.fit(width: 11)
        #expect(editor.scroll == 0)
        #expect(editor.cursorColumn == 0)
    }
}
